namespace QyHeritage.Iiif.ImageApi.Jpeg;

/// <summary>
/// One Huffman table of a baseline JPEG (ITU T.81 Annex C): the code lengths and symbols of a DHT
/// segment, with a lookup for decoding and the code of each symbol for encoding.
/// </summary>
internal sealed class HuffmanTable
{
    private const int LookupBits = 11;

    // Decoding: a direct lookup for codes of up to 11 bits (nearly every code of the standard tables), canonical ranges for longer ones (F.2.2.3).
    private readonly ushort[] _lookup = new ushort[1 << LookupBits]; // (length << 8) | symbol; 0 = not short
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valPtr = new int[17];
    private readonly int[] _minCode = new int[17];
    private readonly byte[] _values;

    // Skipping AC codes (the mosaic reads only their lengths): per 11-bit prefix, the bits of code and
    // value together and how far the coefficient index moves (0: end of block); 0xFFFF: look the code up.
    private readonly ushort[] _acSkip = new ushort[1 << LookupBits];

    // Encoding: code and length per symbol; length 0 means the table has no code for it.
    public readonly ushort[] Codes = new ushort[256];
    public readonly byte[] Lengths = new byte[256];

    public HuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        _values = values.ToArray();
        var code = 0;
        var k = 0;
        for (var len = 1; len <= 16; len++)
        {
            _valPtr[len] = k;
            _minCode[len] = code;
            for (var i = 0; i < counts[len - 1]; i++)
            {
                if (k >= _values.Length) throw new InvalidDataException("Huffman table has more codes than symbols");
                var symbol = _values[k];
                Codes[symbol] = (ushort)code;
                Lengths[symbol] = (byte)len;
                if (len <= LookupBits)
                {
                    var shift = LookupBits - len;
                    for (var fill = 0; fill < 1 << shift; fill++) _lookup[(code << shift) | fill] = (ushort)((len << 8) | symbol);
                }
                code++;
                k++;
            }
            _maxCode[len] = counts[len - 1] == 0 ? -1 : code - 1;
            if (code > 1 << len) throw new InvalidDataException("Huffman code lengths overflow");
            code <<= 1;
        }
        _maxCode[17] = int.MaxValue;
        for (var i = 0; i < _acSkip.Length; i++)
        {
            var entry = _lookup[i];
            _acSkip[i] = entry == 0 ? (ushort)0xFFFF : AcSkipEntry(entry >> 8, entry & 0xFF);
        }
    }

    /// <summary>(k advance &lt;&lt; 8) | bits, for an AC code of <paramref name="length"/> bits with symbol RS (T.81 F.1.2.2).</summary>
    private static ushort AcSkipEntry(int length, int rs)
    {
        var advance = rs == 0 ? 0 : rs == 0xF0 ? 16 : (rs >> 4) + 1;
        return (ushort)((advance << 8) | (length + (rs & 15)));
    }

    /// <summary>
    /// For an AC table: the bits the code at the top of <paramref name="bits"/> takes with its value,
    /// and by how many places it moves the coefficient index, 0 at the end of the block.
    /// </summary>
    public int SkipAc(ulong bits, out int advance)
    {
        int entry = _acSkip[(int)(bits >> (64 - LookupBits))];
        if (entry == 0xFFFF)
        {
            var rs = Decode(bits, out var length);
            entry = AcSkipEntry(length, rs);
        }
        advance = entry >> 8;
        return entry & 0xFF;
    }

    /// <summary>
    /// Decodes the symbol at the top of <paramref name="bits"/> (MSB first, at least 16 valid bits)
    /// and says its code length.
    /// </summary>
    public int Decode(ulong bits, out int length)
    {
        var entry = _lookup[(int)(bits >> (64 - LookupBits))];
        if (entry != 0)
        {
            length = entry >> 8;
            return entry & 0xFF;
        }
        for (var len = LookupBits + 1; len <= 16; len++)
        {
            var code = (int)(bits >> (64 - len));
            if (code <= _maxCode[len])
            {
                length = len;
                return _values[_valPtr[len] + code - _minCode[len]];
            }
        }
        throw new InvalidDataException("bad Huffman code");
    }
}
