using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// The layout of a tiled pyramidal TIFF (classic or BigTIFF, either byte order): one
/// <see cref="PyramidLevelLayout"/> per top-level directory, full resolution first. Parsed from
/// the IFDs alone (a few kB read), for info.json and for sending stored JPEG tiles as they are.
/// https://www.itu.int/itudoc/itu-t/com16/tiff-fx/docs/tiff6.pdf (TIFF 6.0), BigTIFF: https://www.awaresystems.be/imaging/tiff/bigtiff.html
/// </summary>
public sealed class TiffPyramid
{
    private const int MaxLevels = 64;
    private const int MaxEntries = 4096;
    // More tiles than a 300 MP page has at 16 px tiles; anything beyond is a damaged or hostile file.
    private const long MaxTilesPerLevel = 2_000_000;

    private TiffPyramid(IReadOnlyList<PyramidLevelLayout> levels) => Levels = levels;

    public IReadOnlyList<PyramidLevelLayout> Levels { get; }

    public int Width => Levels[0].Width;

    public int Height => Levels[0].Height;

    /// <summary>Reads the layout of the TIFF at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">Not a tiled TIFF, or its directories do not add up.</exception>
    public static TiffPyramid Read(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Read(handle);
    }

    public static TiffPyramid Read(SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        var header = ReadAt(file, 0, 16, length);
        var little = header[0] == 'I' && header[1] == 'I';
        if (!little && !(header[0] == 'M' && header[1] == 'M')) throw new InvalidDataException("not a TIFF (no byte-order mark)");
        var r = new Reader(little);
        var magic = r.U16(header, 2);
        bool big;
        long next;
        if (magic == 42) { big = false; next = r.U32(header, 4); }
        else if (magic == 43) { big = true; next = (long)r.U64(header, 8); }
        else throw new InvalidDataException($"not a TIFF (magic {magic})");

        var levels = new List<PyramidLevelLayout>();
        var seen = new HashSet<long>();
        while (next != 0)
        {
            if (levels.Count >= MaxLevels || !seen.Add(next)) throw new InvalidDataException("too many or looping TIFF directories");
            var (level, following) = ReadDirectory(file, length, r, big, next, levels.Count);
            next = following;
            // Reduced-resolution levels only; a thumbnail or mask directory would have other flags.
            if (level is not null) levels.Add(level);
        }
        if (levels.Count == 0) throw new InvalidDataException("the TIFF has no tiled directory");
        return new TiffPyramid(levels);
    }

    private static (PyramidLevelLayout? Level, long Next) ReadDirectory(SafeFileHandle file, long length, Reader r, bool big, long offset, int page)
    {
        var countSize = big ? 8 : 2;
        var entrySize = big ? 20 : 12;
        var head = ReadAt(file, offset, countSize, length);
        var count = big ? (long)r.U64(head, 0) : r.U16(head, 0);
        if (count is <= 0 or > MaxEntries) throw new InvalidDataException($"TIFF directory at {offset} has {count} entries");
        var table = ReadAt(file, offset + countSize, (int)count * entrySize + (big ? 8 : 4), length);

        int width = 0, height = 0, tileW = 0, tileH = 0, compression = 1, photometric = -1, samples = 1;
        long[] offsets = [], counts = [];
        byte[]? jpegTables = null;
        for (var i = 0; i < count; i++)
        {
            var e = table.AsSpan(i * entrySize, entrySize);
            var tag = r.U16(e, 0);
            var type = r.U16(e, 2);
            var n = big ? (long)r.U64(e, 4) : r.U32(e, 4);
            switch (tag)
            {
                case 256: width = (int)Scalar(file, length, r, big, e, type); break;
                case 257: height = (int)Scalar(file, length, r, big, e, type); break;
                case 259: compression = (int)Scalar(file, length, r, big, e, type); break;
                case 262: photometric = (int)Scalar(file, length, r, big, e, type); break;
                case 277: samples = (int)Scalar(file, length, r, big, e, type); break;
                case 322: tileW = (int)Scalar(file, length, r, big, e, type); break;
                case 323: tileH = (int)Scalar(file, length, r, big, e, type); break;
                case 324: offsets = Array(file, length, r, big, e, type, n); break;
                case 325: counts = Array(file, length, r, big, e, type, n); break;
                case 347:
                    if (n is > 0 and < 1 << 20) jpegTables = ValueBytes(file, length, r, big, e, (int)n);
                    break;
            }
        }
        var tail = table.AsSpan((int)count * entrySize);
        var next = big ? (long)r.U64(tail, 0) : r.U32(tail, 0);
        if (tileW <= 0 || tileH <= 0 || width <= 0 || height <= 0) return (null, next);
        return (new PyramidLevelLayout(page, width, height, tileW, tileH, samples, compression, photometric, offsets, counts, jpegTables), next);
    }

    private static int TypeSize(int type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 => 4,
        5 or 10 or 12 or 16 or 17 or 18 => 8,
        _ => throw new InvalidDataException($"unknown TIFF field type {type}"),
    };

    private static long Scalar(SafeFileHandle file, long length, Reader r, bool big, ReadOnlySpan<byte> e, int type) =>
        Array(file, length, r, big, e, type, 1) is [var v, ..] ? v : 0;

    private static long[] Array(SafeFileHandle file, long length, Reader r, bool big, ReadOnlySpan<byte> e, int type, long n)
    {
        if (n is < 0 or > MaxTilesPerLevel) throw new InvalidDataException($"TIFF array of {n} values");
        var size = TypeSize(type);
        if (type is not (3 or 4 or 16)) throw new InvalidDataException($"TIFF integer field of type {type}");
        var bytes = ValueBytes(file, length, r, big, e, checked((int)(n * size)));
        var values = new long[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = type switch
            {
                3 => r.U16(bytes, i * 2),
                4 => r.U32(bytes, i * 4),
                _ => (long)r.U64(bytes, i * 8),
            };
        }
        return values;
    }

    /// <summary>A field's value bytes: inline in the entry when they fit (4 bytes, 8 in BigTIFF), else at the offset it gives.</summary>
    private static byte[] ValueBytes(SafeFileHandle file, long length, Reader r, bool big, ReadOnlySpan<byte> e, int byteCount)
    {
        var inline = big ? 8 : 4;
        var field = e.Slice(big ? 12 : 8, inline);
        if (byteCount <= inline) return field[..byteCount].ToArray();
        var at = big ? (long)r.U64(field, 0) : r.U32(field, 0);
        return ReadAt(file, at, byteCount, length);
    }

    internal static byte[] ReadAt(SafeFileHandle file, long offset, int count, long length)
    {
        if (offset < 0 || count < 0 || offset + count > length) throw new InvalidDataException($"TIFF points outside the file ({offset}+{count} of {length})");
        var buffer = new byte[count];
        var done = 0;
        while (done < count)
        {
            var n = RandomAccess.Read(file, buffer.AsSpan(done), offset + done);
            if (n == 0) throw new InvalidDataException("TIFF ended early");
            done += n;
        }
        return buffer;
    }

    private readonly struct Reader(bool little)
    {
        public ushort U16(ReadOnlySpan<byte> b, int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt16BigEndian(b[at..]);

        public uint U32(ReadOnlySpan<byte> b, int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt32BigEndian(b[at..]);

        public ulong U64(ReadOnlySpan<byte> b, int at) => little ? BinaryPrimitives.ReadUInt64LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt64BigEndian(b[at..]);
    }
}
