using System.Buffers.Binary;

namespace QyHeritage.Iiif.Tests.ImageApi;

/// <summary>
/// Test oracle: the quantised DCT coefficients of a baseline JPEG, block by block, decoded the
/// plain way (T.81 F.2: canonical Huffman codes read bit by bit, every coefficient extended). It
/// shares no code with the server's mosaic, which never decodes AC values, so equal coefficients
/// here mean the mosaic is lossless.
/// </summary>
internal sealed class JpegCoefficients
{
    private readonly Dictionary<(int Class, int Id), Dictionary<(int Length, int Code), byte>> _tables = [];
    private (byte Id, int H, int V)[] _components = [];

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Per component: blocks in raster order of that component's block grid.</summary>
    public short[][][] Blocks { get; private set; } = [];

    /// <summary>Per component: blocks per row of its grid (the MCU-padded width).</summary>
    public int[] BlocksPerRow { get; private set; } = [];

    public int Components => _components.Length;

    /// <summary>The block of component <paramref name="c"/> at block row and column.</summary>
    public short[] Block(int c, int row, int column) => Blocks[c][row * BlocksPerRow[c] + column];

    /// <summary>Blocks per MCU of component <paramref name="c"/>, across and down (1×1 in a one-component scan).</summary>
    public (int H, int V) Sampling(int c) => _components.Length == 1 ? (1, 1) : (_components[c].H, _components[c].V);

    public static JpegCoefficients Decode(byte[] jpeg)
    {
        var result = new JpegCoefficients();
        result.Read(jpeg);
        return result;
    }

    private void Read(byte[] data)
    {
        var pos = 2;
        while (true)
        {
            var marker = data[pos + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(pos + 2));
            var body = data.AsSpan(pos + 4, length - 2);
            if (marker == 0xC4) ReadHuffman(body);
            if (marker == 0xC0)
            {
                Height = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
                Width = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
                _components = new (byte, int, int)[body[5]];
                for (var i = 0; i < _components.Length; i++) _components[i] = (body[6 + 3 * i], body[7 + 3 * i] >> 4, body[7 + 3 * i] & 15);
            }
            if (marker == 0xDA)
            {
                var selectors = new (int Dc, int Ac)[body[0]];
                for (var i = 0; i < selectors.Length; i++) selectors[i] = (body[2 + 2 * i] >> 4, body[2 + 2 * i] & 15);
                DecodeScan(Unstuff(data.AsSpan(pos + 2 + length)), selectors);
                return;
            }
            pos += 2 + length;
        }
    }

    private void ReadHuffman(ReadOnlySpan<byte> body)
    {
        while (body.Length > 0)
        {
            var codes = new Dictionary<(int, int), byte>();
            var k = 17;
            var code = 0;
            for (var len = 1; len <= 16; len++)
            {
                for (var i = 0; i < body[len]; i++) codes[(len, code++)] = body[k++];
                code <<= 1;
            }
            _tables[(body[0] >> 4, body[0] & 15)] = codes;
            body = body[k..];
        }
    }

    private static byte[] Unstuff(ReadOnlySpan<byte> scan)
    {
        var bytes = new List<byte>(scan.Length);
        for (var i = 0; i < scan.Length; i++)
        {
            if (scan[i] != 0xFF) bytes.Add(scan[i]);
            else if (scan[i + 1] == 0x00) { bytes.Add(0xFF); i++; }
            else break;
        }
        return [.. bytes];
    }

    private void DecodeScan(byte[] scan, (int Dc, int Ac)[] selectors)
    {
        var n = _components.Length;
        int hMax = n == 1 ? 1 : _components.Max(c => c.H), vMax = n == 1 ? 1 : _components.Max(c => c.V);
        var mcuCols = (Width + 8 * hMax - 1) / (8 * hMax);
        var mcuRows = (Height + 8 * vMax - 1) / (8 * vMax);
        Blocks = new short[n][][];
        BlocksPerRow = new int[n];
        for (var c = 0; c < n; c++)
        {
            var (h, v) = Sampling(c);
            BlocksPerRow[c] = mcuCols * h;
            Blocks[c] = new short[mcuCols * h * mcuRows * v][];
        }
        var bit = 0;
        int ReadBit()
        {
            var b = (scan[bit >> 3] >> (7 - (bit & 7))) & 1;
            bit++;
            return b;
        }
        int ReadBits(int count)
        {
            var v = 0;
            for (var i = 0; i < count; i++) v = (v << 1) | ReadBit();
            return v;
        }
        int Symbol(Dictionary<(int, int), byte> table)
        {
            var code = 0;
            for (var len = 1; len <= 16; len++)
            {
                code = (code << 1) | ReadBit();
                if (table.TryGetValue((len, code), out var s)) return s;
            }
            throw new InvalidDataException("bad code");
        }
        int Extend(int v, int t) => t == 0 ? 0 : v < 1 << (t - 1) ? v - (1 << t) + 1 : v;

        var predictors = new int[n];
        for (var my = 0; my < mcuRows; my++)
        for (var mx = 0; mx < mcuCols; mx++)
        for (var c = 0; c < n; c++)
        {
            var (h, v) = Sampling(c);
            for (var by = 0; by < v; by++)
            for (var bx = 0; bx < h; bx++)
            {
                var block = new short[64];
                var t = Symbol(_tables[(0, selectors[c].Dc)]);
                predictors[c] += Extend(ReadBits(t), t);
                block[0] = (short)predictors[c];
                for (var k = 1; k < 64; k++)
                {
                    var rs = Symbol(_tables[(1, selectors[c].Ac)]);
                    if (rs == 0) break;
                    k += rs >> 4;
                    if ((rs & 15) != 0) block[k] = (short)Extend(ReadBits(rs & 15), rs & 15);
                }
                Blocks[c][(my * v + by) * BlocksPerRow[c] + mx * h + bx] = block;
            }
        }
    }
}
