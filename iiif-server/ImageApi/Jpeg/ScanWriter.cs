using System.Buffers;
using System.Buffers.Binary;

namespace QyHeritage.Iiif.ImageApi.Jpeg;

/// <summary>
/// Writes entropy-coded bits, unstuffed, into a pooled buffer 32 bits at a time; <see cref="CopyTo"/>
/// then adds the byte stuffing (0x00 after each 0xFF) in one pass over the finished data.
/// </summary>
internal sealed class ScanWriter(int capacity) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 64));
    private int _length;
    private ulong _acc;
    private int _count;

    /// <summary>Appends the low <paramref name="n"/> bits of <paramref name="bits"/> (n ≤ 32; higher bits must be 0).</summary>
    public void Write(uint bits, int n)
    {
        _acc = (_acc << n) | bits;
        _count += n;
        if (_count < 32) return;
        _count -= 32;
        if (_length + 4 > _buffer.Length) Grow();
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), (uint)(_acc >> _count));
        _length += 4;
    }

    /// <summary>Appends bits [from, to) of <paramref name="source"/>.</summary>
    public void Copy(ScanBits source, long from, long to)
    {
        while (to - from >= 32)
        {
            Write((uint)(source.Peek(from) >> 32), 32);
            from += 32;
        }
        var n = (int)(to - from);
        if (n > 0) Write((uint)(source.Peek(from) >> (64 - n)), n);
    }

    /// <summary>Pads the last byte with 1 bits, as T.81 F.1.2.3 asks.</summary>
    public void Finish()
    {
        if (_count % 8 != 0) Write((1u << (8 - _count % 8)) - 1, 8 - _count % 8);
        while (_count > 0)
        {
            if (_length + 1 > _buffer.Length) Grow();
            _count -= 8;
            _buffer[_length++] = (byte)(_acc >> _count);
        }
    }

    /// <summary>Length of the data once stuffed.</summary>
    public int StuffedLength => _length + _buffer.AsSpan(0, _length).Count((byte)0xFF);

    /// <summary>Writes the finished data with its byte stuffing into <paramref name="output"/>, which must hold <see cref="StuffedLength"/> bytes.</summary>
    public void CopyTo(Span<byte> output)
    {
        ReadOnlySpan<byte> data = _buffer.AsSpan(0, _length);
        var at = 0;
        while (true)
        {
            var ff = data.IndexOf((byte)0xFF);
            if (ff < 0)
            {
                data.CopyTo(output[at..]);
                return;
            }
            data[..(ff + 1)].CopyTo(output[at..]);
            at += ff + 1;
            output[at++] = 0x00;
            data = data[(ff + 1)..];
        }
    }

    private void Grow()
    {
        var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
