namespace QyHeritage.Iiif.ImageApi.Jpeg;

/// <summary>
/// Where each MCU of one stored tile starts in its entropy-coded bits, and, for the first block of
/// each component of each MCU, where its DC code is and the absolute DC value. That is all the
/// mosaic needs: every other code is copied as it is, because the output uses the same Huffman
/// tables and only the DC predictor of the first MCU of each copied run changes (T.81 F.1.2.1).
/// Finding the MCU boundaries still means reading every code's length; the AC values themselves
/// are skipped, not decoded.
/// </summary>
internal sealed class TileScanIndex : IDisposable
{
    private readonly int _components;

    /// <param name="mcuCount">MCUs to index from the start of the tile (the rest of the tile is not read).</param>
    public TileScanIndex(ScanBits bits, McuLayout layout, int mcuCount)
    {
        Bits = bits;
        _components = layout.Components;
        McuStart = new long[mcuCount + 1];
        DcStart = new long[mcuCount * _components];
        DcEnd = new long[mcuCount * _components];
        DcValue = new int[mcuCount * _components];
        PredictorAfter = new int[mcuCount * _components];
        Index(layout, mcuCount);
    }

    public ScanBits Bits { get; }

    /// <summary>Bit position of each MCU, and of the end of the last one indexed at [count].</summary>
    public long[] McuStart { get; }

    /// <summary>Per MCU and component (m·components + c): the first block's DC code, from its Huffman code to the end of its extra bits.</summary>
    public long[] DcStart { get; }

    public long[] DcEnd { get; }

    /// <summary>Per MCU and component: the first block's absolute DC value.</summary>
    public int[] DcValue { get; }

    /// <summary>Per MCU and component: the DC predictor after the MCU (its last block's DC of that component).</summary>
    public int[] PredictorAfter { get; }

    private void Index(McuLayout layout, int mcuCount)
    {
        Span<int> predictor = stackalloc int[_components];
        predictor.Clear();
        var limit = Bits.BitLength;
        long pos = 0;
        for (var m = 0; m < mcuCount; m++)
        {
            McuStart[m] = pos;
            for (var c = 0; c < _components; c++)
            {
                var dc = layout.Dc[c];
                var ac = layout.Ac[c];
                var at = m * _components + c;
                for (var b = 0; b < layout.Blocks[c]; b++)
                {
                    var start = pos;
                    var w = Bits.Peek(pos);
                    var t = dc.Decode(w, out var length);
                    if (t > 11) throw new InvalidDataException("bad DC category");
                    if (t > 0) predictor[c] += Extend((int)((w << length) >> (64 - t)), t);
                    pos += length + t;
                    if (b == 0)
                    {
                        DcStart[at] = start;
                        DcEnd[at] = pos;
                        DcValue[at] = predictor[c];
                    }
                    var k = 1;
                    while (k < 64)
                    {
                        pos += ac.SkipAc(Bits.Peek(pos), out var advance);
                        if (advance == 0) break; // end of block
                        k += advance;
                    }
                    if (k > 64) throw new InvalidDataException("AC run past the block");
                    if (pos > limit) throw new InvalidDataException("scan ends inside a block");
                }
                PredictorAfter[at] = predictor[c];
            }
        }
        McuStart[mcuCount] = pos;
    }

    /// <summary>T.81 F.2.2.1: a value of <paramref name="size"/> bits, negative when its top bit is 0.</summary>
    private static int Extend(int bits, int size) => bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits;

    public void Dispose() => Bits.Dispose();
}

/// <summary>The per-component coding of one MCU: blocks per component and their Huffman tables.</summary>
internal sealed class McuLayout
{
    public McuLayout(JpegCodestream frame)
    {
        Components = frame.Components.Length;
        Blocks = new int[Components];
        Dc = new HuffmanTable[Components];
        Ac = new HuffmanTable[Components];
        for (var c = 0; c < Components; c++)
        {
            Blocks[c] = frame.BlocksOf(c);
            Dc[c] = frame.Dc[frame.Selectors[c].Dc] ?? throw new InvalidDataException("missing DC table");
            Ac[c] = frame.Ac[frame.Selectors[c].Ac] ?? throw new InvalidDataException("missing AC table");
        }
    }

    public int Components { get; }

    public int[] Blocks { get; }

    public HuffmanTable[] Dc { get; }

    public HuffmanTable[] Ac { get; }
}
