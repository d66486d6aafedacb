using QyHeritage.Iiif.Caching;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.Tests.ImageApi;

namespace QyHeritage.Iiif.Tests.Caching;

/// <summary>
/// Decoded tiles kept between requests (issue 11, thumbnails of many sizes): the same bytes as a
/// decode from the file, within the budget, and never the pixels of an older version of a pyramid.
/// </summary>
[Collection(IiifCollection.Name)]
public class DecodedTileCacheTests(IiifHostFixture host)
{
    private string Path => JpegTestPyramids.SamplePage(host);

    [Theory]
    [InlineData("full/!400,400/0/default.jpg", "full/!390,390/0/default.jpg")]
    [InlineData("full/!300,300/0/gray.png", "full/!299,299/0/default.png")]
    [InlineData("pct:10,20,50,30/333,/0/default.jpg", "pct:10,20,50,30/320,/0/default.jpg")]
    public void Thumbnails_from_kept_tiles_are_byte_for_byte_those_decoded_from_the_file(string first, string second)
    {
        var pyramid = TiffPyramid.Read(Path);
        var tiles = new DecodedTileCache(64L * 1024 * 1024);
        // The first request decodes and keeps the tiles; the second, of another size, reads them from memory.
        ImageRenderer.Render(Path, pyramid, JpegTestPyramids.Plan(first, pyramid), tiles: tiles, version: "v1");
        Assert.True(tiles.Count > 0);
        var hitsBefore = tiles.Hits;
        var plan = JpegTestPyramids.Plan(second, pyramid);
        var kept = ImageRenderer.Render(Path, pyramid, plan, tiles: tiles, version: "v1");
        Assert.True(tiles.Hits > hitsBefore, "the second size should be made from kept tiles");
        Assert.Equal(ImageRenderer.Render(Path, pyramid, plan), kept);
    }

    [Fact]
    public void Another_version_of_the_pyramid_never_reads_the_kept_tiles()
    {
        var pyramid = TiffPyramid.Read(Path);
        var tiles = new DecodedTileCache(64L * 1024 * 1024);
        var plan = JpegTestPyramids.Plan("full/!200,200/0/default.png", pyramid);
        ImageRenderer.Render(Path, pyramid, plan, tiles: tiles, version: "v1");
        var hits = tiles.Hits;
        ImageRenderer.Render(Path, pyramid, plan, tiles: tiles, version: "v2");
        Assert.Equal(hits, tiles.Hits);
    }

    [Fact]
    public void The_cache_stays_within_its_budget_dropping_the_least_recently_used_tile()
    {
        const int tile = 192 * 1024;
        var tiles = new DecodedTileCache(10L * tile);
        for (var i = 0; i < 10; i++) tiles.Put("p|v", 0, i, new byte[tile]);
        Assert.NotNull(tiles.TryGet("p|v", 0, 0)); // now the most recently used
        tiles.Put("p|v", 0, 10, new byte[tile]);
        Assert.True(tiles.TotalBytes <= tiles.LimitBytes);
        Assert.NotNull(tiles.TryGet("p|v", 0, 0));
        Assert.Null(tiles.TryGet("p|v", 0, 1)); // the oldest unused one went
        Assert.NotNull(tiles.TryGet("p|v", 0, 10));
    }
}
