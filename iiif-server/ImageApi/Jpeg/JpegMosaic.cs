using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace QyHeritage.Iiif.ImageApi.Jpeg;

/// <summary>
/// Makes a JPEG of a region at a pyramid level's own scale (a 512 px tile from 256 px stored ones,
/// a cut edge tile, a whole small level) from the stored tiles' entropy-coded data: every block's
/// Huffman codes are copied bit for bit (the tiles of a level share their tables), and only the
/// DC difference of the first block of each component where a run from one tile follows another
/// is coded anew. No decoding of coefficients, no DCT and no new quantisation: lossless with
/// respect to the stored tiles, and a few times faster than libjpeg-turbo decoding and encoding
/// the pixels. Works when the region starts on an MCU boundary (16 px for 4:2:0) of the level;
/// anything else, or tiles it cannot read, returns null and is rendered.
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
            return TryComposeLevel(pyramidPath, level, lx, ly, plan.Width, plan.Height);
        }
        return null;
    }

    /// <summary>Level pixels [lx, lx+width) × [ly, ly+height) as one JPEG, or null when they cannot be assembled (not on the MCU grid, tiles it cannot read).</summary>
    internal static byte[]? TryComposeLevel(string pyramidPath, PyramidLevelLayout level, int lx, int ly, int width, int height)
    {
        if (!level.CanPassThrough || lx < 0 || ly < 0 || width <= 0 || height <= 0 || lx + width > level.Width || ly + height > level.Height) return null;
        try
        {
            return Compose(pyramidPath, level, lx, ly, width, height);
        }
        catch (InvalidDataException)
        {
            return null;
        }
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
        int col0 = lx / tw, col1 = (lx + width - 1) / tw, row0 = ly / th;

        // The first tile gives the frame: sampling and MCU size, the same for every tile of a level.
        var frame = new JpegCodestream();
        frame.TableSegments.AddRange(header.TableSegments);
        Array.Copy(header.Dc, frame.Dc, 4);
        Array.Copy(header.Ac, frame.Ac, 4);
        using (var first = StoredTileBytes.Read(file, fileLength, level, row0 * level.Columns + col0)) frame.Read(first.Span, keepTables: true);
        int mw = frame.McuWidth, mh = frame.McuHeight;
        if (lx % mw != 0 || ly % mh != 0 || tw % mw != 0 || th % mh != 0 || frame.Width != tw || frame.Height != th) return null;
        if (frame.RestartInterval != 0) return null; // libtiff and libvips write none; not worth handling
        var layout = new McuLayout(frame);
        int tileMcuCols = tw / mw, tileMcuRows = th / mh;
        var outMcuCols = (width + mw - 1) / mw;
        var outMcuRows = (height + mh - 1) / mh;
        var firstMcuCol = lx / mw;
        var firstMcuRow = ly / mh;

        // About the stored size of the covered tiles: a buffer that seldom grows.
        var writer = new ScanWriter((int)Math.Min(int.MaxValue / 2, (long)(col1 - col0 + 1) * level.TileByteCounts[row0 * level.Columns + col0] * ((height + th - 1) / th + 1)));
        var band = new TileScanIndex?[col1 - col0 + 1];
        try
        {
            Span<int> predictor = stackalloc int[layout.Components];
            predictor.Clear();
            var bandRow = -1;
            for (var my = 0; my < outMcuRows; my++)
            {
                var absRow = firstMcuRow + my;
                var tileRow = absRow / tileMcuRows;
                var innerRow = absRow % tileMcuRows;
                if (tileRow != bandRow)
                {
                    // One row of tiles at a time: memory is one band, whatever the region's size. Tiles
                    // are indexed only as far down as the region reaches.
                    var lastInner = Math.Min(tileMcuRows - 1, firstMcuRow + outMcuRows - 1 - tileRow * tileMcuRows);
                    for (var c = col0; c <= col1; c++)
                    {
                        band[c - col0]?.Dispose();
                        band[c - col0] = null;
                        band[c - col0] = IndexTile(file, fileLength, level, tileRow * level.Columns + c, frame, layout, (lastInner + 1) * tileMcuCols);
                    }
                    bandRow = tileRow;
                }
                for (var c = col0; c <= col1; c++)
                {
                    // The run of this MCU row that lies in tile column c.
                    var from = Math.Max(firstMcuCol, c * tileMcuCols);
                    var to = Math.Min(firstMcuCol + outMcuCols, (c + 1) * tileMcuCols);
                    var tile = band[c - col0]!;
                    var m0 = innerRow * tileMcuCols + from - c * tileMcuCols;
                    var m1 = m0 + (to - from);
                    for (var k = 0; k < layout.Components; k++)
                    {
                        var at = m0 * layout.Components + k;
                        WriteDc(writer, layout.Dc[k], tile.DcValue[at] - predictor[k]);
                        var next = k + 1 < layout.Components ? tile.DcStart[at + 1] : tile.McuStart[m1];
                        writer.Copy(tile.Bits, tile.DcEnd[at], next);
                        predictor[k] = tile.PredictorAfter[(m1 - 1) * layout.Components + k];
                    }
                }
            }
            writer.Finish();

            var head = Headers(frame, width, height);
            var body = new byte[head.Length + writer.StuffedLength + 2];
            head.CopyTo(body, 0);
            writer.CopyTo(body.AsSpan(head.Length));
            body[^2] = 0xFF;
            body[^1] = 0xD9;
            return body;
        }
        finally
        {
            foreach (var tile in band) tile?.Dispose();
            writer.Dispose();
        }
    }

    /// <summary>Reads, checks and indexes one stored tile.</summary>
    private static TileScanIndex IndexTile(SafeFileHandle file, long fileLength, PyramidLevelLayout level, int index, JpegCodestream frame, McuLayout layout, int mcuCount)
    {
        using var bytes = StoredTileBytes.Read(file, fileLength, level, index);
        var scan = new JpegCodestream();
        scan.Read(bytes.Span, keepTables: false);
        if (scan.Width != frame.Width || scan.Height != frame.Height || scan.Components.Length != frame.Components.Length || scan.RestartInterval != 0) throw new InvalidDataException("tiles differ");
        for (var i = 0; i < scan.Components.Length; i++)
        {
            if (scan.Components[i] != frame.Components[i] || scan.Selectors[i] != frame.Selectors[i]) throw new InvalidDataException("tiles differ");
        }
        var bits = ScanBits.Unstuff(bytes.Span.Slice(scan.ScanOffset, scan.ScanLength));
        try
        {
            return new TileScanIndex(bits, layout, mcuCount);
        }
        catch
        {
            bits.Dispose();
            throw;
        }
    }

    /// <summary>A DC difference: its size category's Huffman code, then its bits (T.81 F.1.2.1).</summary>
    private static void WriteDc(ScanWriter writer, HuffmanTable table, int diff)
    {
        var category = diff == 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)Math.Abs(diff));
        var length = table.Lengths[category];
        // The stored tables were made for these tiles; a seam can need a DC size they never used.
        if (length == 0) throw new InvalidDataException($"no Huffman code for DC size {category}");
        writer.Write(table.Codes[category], length);
        if (category > 0) writer.Write((uint)(diff >= 0 ? diff : diff + (1 << category) - 1), category);
    }

    private static byte[] Headers(JpegCodestream frame, int width, int height)
    {
        using var output = new MemoryStream(1024);
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
        return output.ToArray();
    }
}
