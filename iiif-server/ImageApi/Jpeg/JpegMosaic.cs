using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace QyHeritage.Iiif.ImageApi.Jpeg;

/// <summary>
/// Makes a JPEG of a region at a pyramid level's own scale (a 512 px tile from 256 px stored ones,
/// a cut edge tile, a whole small level) straight from the stored tiles' DCT coefficients: Huffman
/// decode each tile, re-encode the coefficients of the region's MCUs as one image. No inverse DCT,
/// no colour conversion, no forward DCT and no new quantisation: lossless with respect to the
/// stored tiles. Works when the region starts on an MCU boundary (16 px for 4:2:0) of the level;
/// anything else returns null and is rendered. Off unless Qy:Iiif:LosslessMosaic is set: this
/// scalar C# entropy coder is slower than libjpeg-turbo decoding and re-encoding the pixels.
/// </summary>
public static class JpegMosaic
{
    /// <summary>The JPEG for <paramref name="plan"/>, or null when the request cannot be assembled from coefficients.</summary>
    public static byte[]? TryCompose(string pyramidPath, TiffPyramid pyramid, ImagePlan plan)
    {
        if (plan.Format != ImageFormat.Jpg || plan.Quality is not (Quality.Default or Quality.Color)) return null;
        if (plan.Rotation.Mirror || plan.Rotation.Degrees != 0) return null;
        for (var n = 0; n < pyramid.Levels.Count; n++)
        {
            var level = pyramid.Levels[n];
            var s = 1 << n;
            if (Math.Abs(level.Width - (double)pyramid.Width / s) > 1 || Math.Abs(level.Height - (double)pyramid.Height / s) > 1) break;
            if (!Maps(plan.Region.X, plan.Region.Width, plan.Width, s, pyramid.Width, level.Width, out var lx)) continue;
            if (!Maps(plan.Region.Y, plan.Region.Height, plan.Height, s, pyramid.Height, level.Height, out var ly)) continue;
            if (!level.CanPassThrough) return null;
            try
            {
                return Compose(pyramidPath, level, lx, ly, plan.Width, plan.Height);
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>Whether full-resolution [start, start+length) is exactly level pixels [lx, lx+size) at scale s.</summary>
    private static bool Maps(int start, int length, int size, int s, int fullSize, int levelSize, out int lx)
    {
        lx = start / s;
        if (start % s != 0 || lx + size > levelSize) return false;
        // Inside the image the span is size·s; at the far edge the level's last pixel may stand for fewer.
        return length == size * s || (start + length == fullSize && lx + size == levelSize);
    }

    private static byte[]? Compose(string path, PyramidLevelLayout level, int lx, int ly, int width, int height)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var fileLength = RandomAccess.GetLength(file);
        var header = new JpegCodestream();
        if (level.JpegTables is { } tables) header.Read(tables, keepTables: true);

        int tw = level.TileWidth, th = level.TileHeight;
        int col0 = lx / tw, col1 = (lx + width - 1) / tw, row0 = ly / th, row1 = (ly + height - 1) / th;

        // The first tile gives the frame: sampling and MCU size, the same for every tile of a level.
        var first = ReadTile(file, fileLength, level, row0 * level.Columns + col0);
        var frame = new JpegCodestream();
        foreach (var segment in header.TableSegments) frame.TableSegments.Add(segment);
        Array.Copy(header.Dc, frame.Dc, 4);
        Array.Copy(header.Ac, frame.Ac, 4);
        frame.Read(first, keepTables: true);
        int mw = frame.McuWidth, mh = frame.McuHeight;
        if (lx % mw != 0 || ly % mh != 0 || tw % mw != 0 || th % mh != 0 || frame.Width != tw || frame.Height != th) return null;
        var blocks = frame.BlocksPerMcu;
        int tileMcuCols = tw / mw, tileMcuRows = th / mh;

        var output = new MemoryStream(width * height / 4 + 1024);
        WriteHeaders(output, frame, width, height);
        var writer = new BitWriter(output);
        var dcPredOut = new int[frame.Components.Length];
        var outMcuCols = (width + mw - 1) / mw;
        var outMcuRows = (height + mh - 1) / mh;
        var firstMcuCol = lx / mw;
        var firstMcuRow = ly / mh;

        // One row of tiles at a time: memory is one band of coefficients, whatever the region's size.
        var band = new short[col1 - col0 + 1][];
        var bandRow = -1;
        for (var my = 0; my < outMcuRows; my++)
        {
            var absRow = firstMcuRow + my;
            var tileRow = absRow / tileMcuRows;
            if (tileRow != bandRow)
            {
                for (var c = col0; c <= col1; c++)
                {
                    var bytes = tileRow == row0 && c == col0 ? first : ReadTile(file, fileLength, level, tileRow * level.Columns + c);
                    band[c - col0] = DecodeTile(bytes, frame, tileMcuCols, tileMcuRows);
                }
                bandRow = tileRow;
            }
            var innerRow = absRow % tileMcuRows;
            for (var mx = 0; mx < outMcuCols; mx++)
            {
                var absCol = firstMcuCol + mx;
                var coefficients = band[absCol / tileMcuCols - col0];
                var mcu = (innerRow * tileMcuCols + absCol % tileMcuCols) * blocks * 64;
                EncodeMcu(writer, frame, coefficients.AsSpan(mcu, blocks * 64), dcPredOut);
            }
        }
        writer.Flush();
        output.WriteByte(0xFF);
        output.WriteByte(0xD9);
        return output.ToArray();
    }

    private static byte[] ReadTile(SafeFileHandle file, long fileLength, PyramidLevelLayout level, int index)
    {
        var count = level.TileByteCounts[index];
        if (count is <= 4 or > 64 << 20) throw new InvalidDataException("implausible tile size");
        return TiffPyramid.ReadAt(file, level.TileOffsets[index], (int)count, fileLength);
    }

    /// <summary>All quantised coefficients of a tile, in zigzag order, MCU by MCU.</summary>
    private static short[] DecodeTile(byte[] tile, JpegCodestream frame, int mcuCols, int mcuRows)
    {
        var scan = new JpegCodestream();
        Array.Copy(frame.Dc, scan.Dc, 4);
        Array.Copy(frame.Ac, scan.Ac, 4);
        scan.Read(tile, keepTables: false);
        if (scan.Width != frame.Width || scan.Height != frame.Height || scan.Components.Length != frame.Components.Length) throw new InvalidDataException("tiles differ");
        for (var i = 0; i < scan.Components.Length; i++)
        {
            if (scan.Components[i] != frame.Components[i] || scan.Selectors[i] != frame.Selectors[i]) throw new InvalidDataException("tiles differ");
        }
        var blocks = frame.BlocksPerMcu;
        var coefficients = new short[mcuCols * mcuRows * blocks * 64];
        var reader = new BitReader(tile.AsSpan(scan.ScanOffset, scan.ScanLength));
        var dcPred = new int[frame.Components.Length];
        var restart = scan.RestartInterval;
        var total = mcuCols * mcuRows;
        for (var m = 0; m < total; m++)
        {
            if (restart > 0 && m > 0 && m % restart == 0)
            {
                reader.Restart();
                Array.Clear(dcPred);
            }
            var at = m * blocks * 64;
            for (var c = 0; c < frame.Components.Length; c++)
            {
                var comp = frame.Components[c];
                var dc = scan.Dc[frame.Selectors[c].Dc] ?? throw new InvalidDataException("missing DC table");
                var ac = scan.Ac[frame.Selectors[c].Ac] ?? throw new InvalidDataException("missing AC table");
                for (var b = 0; b < comp.H * comp.V; b++)
                {
                    var block = coefficients.AsSpan(at, 64);
                    var t = dc.Decode(ref reader);
                    if (t > 11) throw new InvalidDataException("bad DC category");
                    dcPred[c] += Extend(reader.Read(t), t);
                    block[0] = (short)dcPred[c];
                    for (var k = 1; k < 64;)
                    {
                        var rs = ac.Decode(ref reader);
                        int r = rs >> 4, size = rs & 15;
                        if (size == 0)
                        {
                            if (r != 15) break; // end of block
                            k += 16;
                            continue;
                        }
                        k += r;
                        if (k > 63) throw new InvalidDataException("AC run past the block");
                        block[k++] = (short)Extend(reader.Read(size), size);
                    }
                    at += 64;
                }
            }
        }
        return coefficients;
    }

    private static void EncodeMcu(BitWriter writer, JpegCodestream frame, ReadOnlySpan<short> mcu, int[] dcPred)
    {
        var at = 0;
        for (var c = 0; c < frame.Components.Length; c++)
        {
            var comp = frame.Components[c];
            var dc = frame.Dc[frame.Selectors[c].Dc]!;
            var ac = frame.Ac[frame.Selectors[c].Ac]!;
            for (var b = 0; b < comp.H * comp.V; b++)
            {
                var block = mcu.Slice(at, 64);
                var diff = block[0] - dcPred[c];
                dcPred[c] = block[0];
                var cat = Category(diff);
                Emit(writer, dc, cat);
                writer.Write(Bits(diff, cat), cat);
                var run = 0;
                for (var k = 1; k < 64; k++)
                {
                    int v = block[k];
                    if (v == 0)
                    {
                        run++;
                        continue;
                    }
                    while (run > 15)
                    {
                        Emit(writer, ac, 0xF0);
                        run -= 16;
                    }
                    var size = Category(v);
                    Emit(writer, ac, (run << 4) | size);
                    writer.Write(Bits(v, size), size);
                    run = 0;
                }
                if (run > 0) Emit(writer, ac, 0x00);
                at += 64;
            }
        }
    }

    private static void Emit(BitWriter writer, HuffmanTable table, int symbol)
    {
        var length = table.Lengths[symbol];
        // The stored tables were made for these tiles; a seam can need a DC size they never used.
        if (length == 0) throw new InvalidDataException($"no Huffman code for symbol {symbol}");
        writer.Write(table.Codes[symbol], length);
    }

    /// <summary>T.81 F.2.2.1: a value of <paramref name="size"/> bits, negative when its top bit is 0.</summary>
    private static int Extend(int bits, int size) => size == 0 ? 0 : bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits;

    private static int Category(int v)
    {
        v = Math.Abs(v);
        var n = 0;
        while (v > 0) { n++; v >>= 1; }
        return n;
    }

    private static int Bits(int v, int size) => v >= 0 ? v : v + (1 << size) - 1;

    private static void WriteHeaders(MemoryStream output, JpegCodestream frame, int width, int height)
    {
        output.Write([0xFF, 0xD8]);
        // JFIF APP0: says the three components are YCbCr, as every decoder then assumes.
        output.Write([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        foreach (var segment in frame.TableSegments) output.Write(segment);
        var n = frame.Components.Length;
        Span<byte> sof = stackalloc byte[10 + 3 * n];
        sof[0] = 0xFF;
        sof[1] = 0xC0;
        BinaryPrimitives.WriteUInt16BigEndian(sof[2..], (ushort)(8 + 3 * n));
        sof[4] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(sof[5..], (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(sof[7..], (ushort)width);
        sof[9] = (byte)n;
        for (var i = 0; i < n; i++)
        {
            var c = frame.Components[i];
            sof[10 + 3 * i] = c.Id;
            sof[11 + 3 * i] = (byte)((c.H << 4) | c.V);
            sof[12 + 3 * i] = c.QuantTable;
        }
        output.Write(sof);
        Span<byte> sos = stackalloc byte[8 + 2 * n];
        sos[0] = 0xFF;
        sos[1] = 0xDA;
        BinaryPrimitives.WriteUInt16BigEndian(sos[2..], (ushort)(6 + 2 * n));
        sos[4] = (byte)n;
        for (var i = 0; i < n; i++)
        {
            sos[5 + 2 * i] = frame.Components[i].Id;
            sos[6 + 2 * i] = (byte)((frame.Selectors[i].Dc << 4) | frame.Selectors[i].Ac);
        }
        sos[5 + 2 * n] = 0;
        sos[6 + 2 * n] = 63;
        sos[7 + 2 * n] = 0;
        output.Write(sos);
    }
}
