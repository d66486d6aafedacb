using System.Buffers.Binary;

namespace QyHeritage.Archive.Tests.Imaging;

/// <summary>
/// Reads the IFD chain of a classic TIFF straight from the bytes, independently of libvips, so the
/// tests check the file's real tags (tile size, compression, photometric) rather than what the
/// library that wrote the file says about it.
/// </summary>
internal static class TiffStructure
{
    public const int CompressionJpeg = 7;
    public const int PhotometricYCbCr = 6;

    public sealed record Directory(int Width, int Height, int TileWidth, int TileHeight, int Compression, int Photometric);

    public static IReadOnlyList<Directory> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var little = bytes[0] == (byte)'I';
        Assert.True(little || bytes[0] == (byte)'M', "not a TIFF byte order mark");
        ushort U16(long at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan((int)at)) : BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan((int)at));
        uint U32(long at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at)) : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)at));
        Assert.Equal(42, U16(2)); // classic TIFF; the test pages are far below BigTIFF sizes

        var result = new List<Directory>();
        var seen = new HashSet<uint>();
        for (var offset = U32(4); offset != 0; )
        {
            Assert.True(seen.Add(offset), "IFD chain loops");
            var count = U16(offset);
            var tags = new Dictionary<int, int>();
            for (var i = 0; i < count; i++)
            {
                var entry = offset + 2 + 12 * i;
                var tag = U16(entry);
                var type = U16(entry + 2);
                // SHORT (3) values sit in the first two bytes of the value field, LONG (4) in all four.
                tags[tag] = type == 3 ? U16(entry + 8) : (int)U32(entry + 8);
            }
            result.Add(new Directory(
                tags.GetValueOrDefault(256), tags.GetValueOrDefault(257),
                tags.GetValueOrDefault(322), tags.GetValueOrDefault(323),
                tags.GetValueOrDefault(259), tags.GetValueOrDefault(262)));
            offset = U32(offset + 2 + 12 * count);
        }
        return result;
    }
}
