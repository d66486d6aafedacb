using System.Buffers.Binary;
using System.IO.Compression;
using NetVips;

namespace QyHeritage.Archive.Tests.Imaging;

/// <summary>Masters made on the fly from a sample page or from bytes, instead of checked-in files.</summary>
internal static class SyntheticMasters
{
    /// <summary>A real 2400×3400 colour JPEG page of the sample collection.</summary>
    public static string SamplePage => Path.Combine(TestPaths.SampleCollection, "rd01_luxun_huanghuajie", "p001.jpg");

    /// <summary>The first <paramref name="fraction"/> of a JPEG, optionally with an end marker added back to get past the trailer check.</summary>
    public static string TruncatedJpeg(string folder, double fraction, bool appendEndMarker)
    {
        var bytes = File.ReadAllBytes(SamplePage);
        var cut = bytes.AsSpan(0, (int)(bytes.Length * fraction)).ToArray();
        var path = Path.Combine(folder, appendEndMarker ? "cut-with-eoi.jpg" : "cut.jpg");
        File.WriteAllBytes(path, appendEndMarker ? [.. cut, 0xFF, 0xD9] : cut);
        return path;
    }

    /// <summary>
    /// A PNG of a few hundred bytes whose IHDR declares <paramref name="width"/>×<paramref name="height"/>
    /// RGB pixels (valid CRCs, a tiny IDAT): decoding it would need width × height × 3 bytes.
    /// </summary>
    public static string BombPng(string folder, int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type RGB; compression, filter, interlace stay 0
        WriteChunk(png, "IHDR", ihdr);

        using (var data = new MemoryStream())
        {
            using (var z = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true))
                z.Write(new byte[1 + 3 * 16]); // the start of the first row only
            WriteChunk(png, "IDAT", data.ToArray());
        }
        WriteChunk(png, "IEND", []);

        var path = Path.Combine(folder, "bomb.png");
        File.WriteAllBytes(path, png.ToArray());
        return path;
    }

    /// <summary>The sample page as an RGBA PNG (alpha must be flattened away for JPEG tiles).</summary>
    public static string PngWithAlpha(string folder)
    {
        using var page = Image.NewFromFile(SamplePage);
        using var alpha = page.Bandjoin(255);
        var path = Path.Combine(folder, "page.png");
        alpha.Pngsave(path, compression: 1);
        return path;
    }

    /// <summary>The sample page as an uncompressed 16-bit RGB TIFF, as scanners write masters.</summary>
    public static string Tiff16(string folder)
    {
        using var page = Image.NewFromFile(SamplePage);
        using var wide = page.Colourspace(Enums.Interpretation.Rgb16);
        var path = Path.Combine(folder, "page.tif");
        wide.Tiffsave(path);
        return path;
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    /// <summary>CRC-32 (ISO 3309, reflected polynomial EDB88320) as the PNG specification defines it, bit by bit.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
