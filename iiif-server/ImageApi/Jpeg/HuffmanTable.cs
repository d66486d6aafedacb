namespace QyHeritage.Iiif.ImageApi.Jpeg;

/// <summary>
/// One Huffman table of a baseline JPEG (ITU T.81 Annex C): the code lengths and symbols of a DHT
/// segment, with a lookup for decoding and the code of each symbol for encoding.
/// </summary>
internal sealed class HuffmanTable
{
    private const int LookupBits = 9;

    // Decoding: a direct lookup for codes of up to 9 bits, canonical ranges for longer ones (F.2.2.3).
    private readonly ushort[] _lookup = new ushort[1 << LookupBits]; // (length << 8) | symbol; 0 = not short
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valPtr = new int[17];
    private readonly int[] _minCode = new int[17];
    private readonly byte[] _values;

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
    }

    /// <summary>Decodes one symbol.</summary>
    public int Decode(ref BitReader bits)
    {
        var peek = bits.Peek(LookupBits);
        var entry = _lookup[peek];
        if (entry != 0)
        {
            bits.Skip(entry >> 8);
            return entry & 0xFF;
        }
        var code = bits.Read(LookupBits);
        for (var len = LookupBits + 1; len <= 16; len++)
        {
            code = (code << 1) | bits.Read(1);
            if (_maxCode[len] >= 0 && code <= _maxCode[len]) return _values[_valPtr[len] + code - _minCode[len]];
        }
        throw new InvalidDataException("bad Huffman code");
    }
}
