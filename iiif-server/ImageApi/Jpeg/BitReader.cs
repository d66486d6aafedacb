namespace QyHeritage.Iiif.ImageApi.Jpeg;

/// <summary>
/// Reads the entropy-coded segment of a JPEG scan bit by bit, removing the 0x00 stuffed after
/// each 0xFF (T.81 F.1.2.3). At a marker it feeds zero bits, so a truncated scan ends in a clean
/// error rather than reading past the data.
/// </summary>
internal ref struct BitReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _pos;
    private ulong _buffer;
    private int _count;
    private bool _atMarker;

    public int Peek(int n)
    {
        Fill(n);
        return (int)(_buffer >> (_count - n)) & ((1 << n) - 1);
    }

    public void Skip(int n) => _count -= n;

    public int Read(int n)
    {
        if (n == 0) return 0;
        var v = Peek(n);
        _count -= n;
        return v;
    }

    /// <summary>Drops the bits left in the current byte and steps over an RSTn marker (F.1.2.3, restart intervals).</summary>
    public void Restart()
    {
        _count = 0;
        _buffer = 0;
        _atMarker = false;
        if (_pos + 1 < _data.Length && _data[_pos] == 0xFF && _data[_pos + 1] is >= 0xD0 and <= 0xD7) _pos += 2;
        else throw new InvalidDataException("restart marker expected");
    }

    private void Fill(int n)
    {
        while (_count < n)
        {
            byte b = 0;
            if (!_atMarker && _pos < _data.Length)
            {
                b = _data[_pos];
                if (b == 0xFF)
                {
                    var next = _pos + 1 < _data.Length ? _data[_pos + 1] : (byte)0xD9;
                    if (next == 0x00) _pos += 2;
                    else
                    {
                        _atMarker = true; // a marker: no more data bits in this interval
                        b = 0;
                    }
                }
                else _pos++;
            }
            _buffer = (_buffer << 8) | b;
            _count += 8;
        }
    }
}
