using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QyHeritage.Iiif.ImageApi.Jpeg;

/// <summary>
/// Entropy-coded data without its byte stuffing (T.81 F.1.2.3: the 0x00 after each 0xFF), in a
/// pooled buffer followed by zero padding, so that 64 bits can be read at any bit position up to
/// well past the end without a bounds test per symbol.
/// </summary>
internal sealed class ScanBits : IDisposable
{
    /// <summary>Zero bytes after the data: more than one block can overrun before the scanner's check (64 codes of at most 31 bits) plus one 8-byte read.</summary>
    public const int Padding = 512;

    private byte[] _buffer;

    private ScanBits(byte[] buffer, int length)
    {
        _buffer = buffer;
        BitLength = (long)length * 8;
    }

    /// <summary>How many data bits there are.</summary>
    public long BitLength { get; }

    /// <summary>Unstuffs <paramref name="scan"/> up to the first marker (EOI). A restart marker is refused: no restart intervals here.</summary>
    public static ScanBits Unstuff(ReadOnlySpan<byte> scan)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(scan.Length + Padding);
        var length = 0;
        while (true)
        {
            var ff = scan.IndexOf((byte)0xFF);
            if (ff < 0)
            {
                // No marker at all: a truncated tile; decoding it past its end fails on BitLength.
                scan.CopyTo(buffer.AsSpan(length));
                length += scan.Length;
                break;
            }
            scan[..ff].CopyTo(buffer.AsSpan(length));
            length += ff;
            if (ff + 1 < scan.Length && scan[ff + 1] == 0x00)
            {
                buffer[length++] = 0xFF;
                scan = scan[(ff + 2)..];
                continue;
            }
            if (ff + 1 < scan.Length && scan[ff + 1] is >= 0xD0 and <= 0xD7)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw new InvalidDataException("restart marker in the scan");
            }
            break; // EOI or another marker: the end of the entropy-coded data
        }
        buffer.AsSpan(length, Padding).Clear();
        return new ScanBits(buffer, length);
    }

    /// <summary>The 64 bits from bit <paramref name="position"/> on, MSB first; at least 57 of them are meaningful.</summary>
    /// <remarks>
    /// Unchecked: callers stay within the data plus what one block can overrun, which the padding
    /// covers (<see cref="TileScanIndex"/> checks the position after every block).
    /// </remarks>
    public ulong Peek(long position)
    {
        var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), (nint)(position >> 3)));
        if (BitConverter.IsLittleEndian) word = BinaryPrimitives.ReverseEndianness(word);
        return word << (int)(position & 7);
    }

    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
