using QyHeritage.Archive.Imaging;

namespace QyHeritage.Archive.Tests.Imaging;

public sealed class MagicBytesTests
{
    [Theory]
    [InlineData("FFD8FFE000104A46", MasterFormat.Jpeg)]
    [InlineData("FFD8FFDB00430001", MasterFormat.Jpeg)]
    [InlineData("89504E470D0A1A0A", MasterFormat.Png)]
    [InlineData("49492A0008000000", MasterFormat.Tiff)] // II*\0, little-endian TIFF
    [InlineData("4D4D002A00000008", MasterFormat.Tiff)] // MM\0*, big-endian TIFF
    [InlineData("49492B0008000000", MasterFormat.Tiff)] // BigTIFF
    public void Known_signatures_are_identified(string hex, MasterFormat expected) =>
        Assert.Equal(expected, MagicBytes.Identify(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("474946383961")]     // GIF89a
    [InlineData("52494646AAAA0000")] // RIFF (WebP)
    [InlineData("255044462D312E37")] // %PDF-1.7
    [InlineData("424D000000000000")] // BMP
    [InlineData("89504E470D0A1A")]   // PNG signature cut short
    [InlineData("FFD8")]             // JPEG SOI alone
    [InlineData("49492A01")]         // II with a wrong version
    [InlineData("")]
    public void Anything_else_is_not_a_master(string hex) =>
        Assert.Null(MagicBytes.Identify(Convert.FromHexString(hex)));
}
