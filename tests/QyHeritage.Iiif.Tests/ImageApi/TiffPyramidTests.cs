using NetVips;
using QyHeritage.Iiif.ImageApi;

namespace QyHeritage.Iiif.Tests.ImageApi;

[Collection(IiifCollection.Name)]
public class TiffPyramidTests(IiifHostFixture host)
{
    [Theory]
    [InlineData("QY-RB-001", "p001")]
    [InlineData("QY-NP-001", "p001")]
    [InlineData("TEST-SYN-001", "p001")]
    public void The_layout_read_from_the_ifds_matches_what_libvips_reads(string item, string page)
    {
        var path = host.PyramidPath(item, page);
        var layout = TiffPyramid.Read(path);
        using var first = Image.Tiffload(path);
        Assert.Equal((int)first.Get("n-pages"), layout.Levels.Count);
        for (var n = 0; n < layout.Levels.Count; n++)
        {
            using var level = Image.Tiffload(path, page: n);
            var l = layout.Levels[n];
            Assert.Equal((level.Width, level.Height), (l.Width, l.Height));
            Assert.Equal((256, 256), (l.TileWidth, l.TileHeight));
            Assert.Equal(l.Columns * l.Rows, l.TileOffsets.Length);
            Assert.Equal(7, l.Compression);
            Assert.True(l.CanPassThrough, $"level {n}: photometric {l.Photometric}");
            Assert.NotNull(l.JpegTables);
        }
    }

    [Fact]
    public void Files_that_are_not_tiled_tiffs_are_refused_as_invalid_data()
    {
        var folder = QyHeritage.Archive.Tests.TestPaths.NewTempFolder("not-tiff");
        var junk = Path.Combine(folder, "junk.tif");
        File.WriteAllBytes(junk, [0x49, 0x49, 42, 0, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3]);
        Assert.Throws<InvalidDataException>(() => TiffPyramid.Read(junk));
        File.WriteAllText(junk, "hello");
        Assert.Throws<InvalidDataException>(() => TiffPyramid.Read(junk));
        // A loop in the directory chain: the first IFD points back at itself.
        var loop = new byte[64];
        "II"u8.CopyTo(loop);
        loop[2] = 42;
        loop[4] = 8; // first IFD at 8
        loop[8] = 1; // one entry
        // entry: tag 256 SHORT 1 value 16
        loop[10] = 0; loop[11] = 1; loop[12] = 3; loop[14] = 1; loop[18] = 16;
        loop[22] = 8; // next IFD: 8 again
        File.WriteAllBytes(junk, loop);
        Assert.Throws<InvalidDataException>(() => TiffPyramid.Read(junk));
    }
}
