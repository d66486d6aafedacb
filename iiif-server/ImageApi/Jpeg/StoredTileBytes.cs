using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace QyHeritage.Iiif.ImageApi.Jpeg;

/// <summary>One stored tile's bytes in a pooled buffer, returned on dispose.</summary>
internal readonly struct StoredTileBytes : IDisposable
{
    private readonly byte[] _buffer;
    private readonly int _length;

    private StoredTileBytes(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    public static StoredTileBytes Read(SafeFileHandle file, long fileLength, PyramidLevelLayout level, int index)
    {
        var offset = level.TileOffsets[index];
        var count = level.TileByteCounts[index];
        if (count is <= 4 or > 64 << 20) throw new InvalidDataException("implausible tile size");
        if (offset < 0 || offset + count > fileLength) throw new InvalidDataException("tile outside the file");
        var buffer = ArrayPool<byte>.Shared.Rent((int)count);
        var done = 0;
        while (done < count)
        {
            var n = RandomAccess.Read(file, buffer.AsSpan(done, (int)count - done), offset + done);
            if (n == 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw new InvalidDataException("TIFF ended early");
            }
            done += n;
        }
        return new StoredTileBytes(buffer, (int)count);
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
