using System.Buffers.Binary;

namespace QyHeritage.Iiif.ImageApi.Jpeg;

/// <summary>A component of a frame: its id, sampling factors and quantisation table.</summary>
internal readonly record struct JpegComponent(byte Id, int H, int V, byte QuantTable);

/// <summary>
/// What a baseline JPEG says about itself (T.81 Annex B): tables, frame and scan, as far as
/// copying its entropy-coded data into a mosaic needs. Tables can come from a separate abbreviated stream (the
/// TIFF's JPEGTables) and the frame and scan from a tile. Anything but a baseline (or extended
/// Huffman) sequential 8-bit image with one interleaved scan is refused, and the caller falls back
/// to decoding pixels.
/// </summary>
internal sealed class JpegCodestream
{
    public readonly HuffmanTable?[] Dc = new HuffmanTable?[4];
    public readonly HuffmanTable?[] Ac = new HuffmanTable?[4];

    /// <summary>The DQT and DHT segments as stored, marker included, to copy into the output.</summary>
    public readonly List<byte[]> TableSegments = [];

    public int Width { get; private set; }
    public int Height { get; private set; }
    public JpegComponent[] Components { get; private set; } = [];
    /// <summary>Per component (frame order): DC and AC table selectors of the scan.</summary>
    public (int Dc, int Ac)[] Selectors { get; private set; } = [];
    public int RestartInterval { get; private set; }
    /// <summary>Offset and length of the entropy-coded data in the tile buffer.</summary>
    public int ScanOffset { get; private set; }
    public int ScanLength { get; private set; }

    // A scan of one component is not interleaved: its MCU is one block whatever the sampling factors say (T.81 A.2.2).
    public int HMax => Components.Length == 1 ? 1 : Components.Max(c => c.H);
    public int VMax => Components.Length == 1 ? 1 : Components.Max(c => c.V);
    public int McuWidth => 8 * HMax;
    public int McuHeight => 8 * VMax;

    /// <summary>Blocks of component <paramref name="c"/> in one MCU.</summary>
    public int BlocksOf(int c) => Components.Length == 1 ? 1 : Components[c].H * Components[c].V;

    /// <summary>Reads the segments of <paramref name="data"/>; stops after the scan header (SOS) when there is one.</summary>
    /// <exception cref="InvalidDataException">Not a stream we can re-encode.</exception>
    public void Read(ReadOnlySpan<byte> data, bool keepTables)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8) throw new InvalidDataException("no SOI");
        var pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF) throw new InvalidDataException("marker expected");
            var marker = data[pos + 1];
            if (marker == 0xFF) { pos++; continue; } // fill byte
            if (marker == 0xD9) return; // EOI of a tables-only stream
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > data.Length) throw new InvalidDataException("segment runs past the data");
            var body = data.Slice(pos + 4, length - 2);
            switch (marker)
            {
                case 0xDB:
                    if (keepTables) TableSegments.Add(data.Slice(pos, length + 2).ToArray());
                    break;
                case 0xC4:
                    if (keepTables) TableSegments.Add(data.Slice(pos, length + 2).ToArray());
                    ReadHuffman(body);
                    break;
                case 0xC0 or 0xC1:
                    ReadFrame(body);
                    break;
                case 0xDD:
                    RestartInterval = BinaryPrimitives.ReadUInt16BigEndian(body);
                    break;
                case 0xDA:
                    ReadScan(body);
                    ScanOffset = pos + 2 + length;
                    ScanLength = data.Length - ScanOffset;
                    return;
                case >= 0xC2 and <= 0xCF when marker is not 0xC4 and not 0xC8 and not 0xCC:
                    throw new InvalidDataException("progressive, lossless or arithmetic-coded JPEG");
            }
            pos += 2 + length;
        }
    }

    private void ReadHuffman(ReadOnlySpan<byte> body)
    {
        var p = 0;
        while (p < body.Length)
        {
            var tc = body[p] >> 4;
            var th = body[p] & 15;
            if (th > 3 || tc > 1 || p + 17 > body.Length) throw new InvalidDataException("bad DHT");
            var counts = body.Slice(p + 1, 16);
            var total = 0;
            foreach (var c in counts) total += c;
            if (p + 17 + total > body.Length) throw new InvalidDataException("bad DHT");
            var table = new HuffmanTable(counts, body.Slice(p + 17, total));
            if (tc == 0) Dc[th] = table;
            else Ac[th] = table;
            p += 17 + total;
        }
    }

    private void ReadFrame(ReadOnlySpan<byte> body)
    {
        if (body.Length < 6 || body[0] != 8) throw new InvalidDataException("not an 8-bit frame");
        Height = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
        Width = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
        var n = body[5];
        if (n is not (1 or 3) || body.Length < 6 + 3 * n) throw new InvalidDataException("unsupported component count");
        var components = new JpegComponent[n];
        for (var i = 0; i < n; i++)
        {
            var s = body[7 + 3 * i];
            components[i] = new JpegComponent(body[6 + 3 * i], s >> 4, s & 15, body[8 + 3 * i]);
            if (components[i].H is < 1 or > 2 || components[i].V is < 1 or > 2) throw new InvalidDataException("unsupported sampling");
        }
        Components = components;
    }

    private void ReadScan(ReadOnlySpan<byte> body)
    {
        var n = body[0];
        if (n != Components.Length || body.Length < 1 + 2 * n + 3) throw new InvalidDataException("scan is not one interleaved scan of every component");
        var selectors = new (int, int)[n];
        for (var i = 0; i < n; i++)
        {
            var id = body[1 + 2 * i];
            var index = Array.FindIndex(Components, c => c.Id == id);
            if (index != i) throw new InvalidDataException("scan components out of frame order");
            selectors[i] = (body[2 + 2 * i] >> 4, body[2 + 2 * i] & 15);
        }
        var ss = body[1 + 2 * n];
        var se = body[2 + 2 * n];
        var a = body[3 + 2 * n];
        if (ss != 0 || se != 63 || a != 0) throw new InvalidDataException("not a sequential scan");
        Selectors = selectors;
    }
}
