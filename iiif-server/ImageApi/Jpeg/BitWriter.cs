namespace QyHeritage.Iiif.ImageApi.Jpeg;

/// <summary>Writes Huffman codes and extra bits, stuffing 0x00 after every 0xFF (T.81 F.1.2.3).</summary>
internal sealed class BitWriter(MemoryStream output)
{
    private ulong _buffer;
    private int _count;

    public void Write(int bits, int length)
    {
        if (length == 0) return;
        _buffer = (_buffer << length) | (uint)(bits & ((1 << length) - 1));
        _count += length;
        while (_count >= 8)
        {
            var b = (byte)(_buffer >> (_count - 8));
            output.WriteByte(b);
            if (b == 0xFF) output.WriteByte(0x00);
            _count -= 8;
        }
    }

    /// <summary>Pads the last byte with 1 bits, as the standard asks.</summary>
    public void Flush()
    {
        if (_count > 0) Write((1 << (8 - _count)) - 1, 8 - _count);
    }
}
