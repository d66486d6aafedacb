using System.Net;
using NetVips;
using QyHeritage.Archive.Tests;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.ImageApi.Jpeg;

namespace QyHeritage.Iiif.Tests.ImageApi;

/// <summary>
/// Regions at a pyramid level's own scale, starting on an MCU boundary, assembled from the stored
/// tiles' entropy-coded data: the same quantised coefficients as the stored tiles, block for block,
/// so the same pixels a viewer would get from the tiles themselves.
/// </summary>
[Collection(IiifCollection.Name)]
public class JpegMosaicTests(IiifHostFixture host)
{
    private string Path => JpegTestPyramids.SamplePage(host);

    private static ImagePlan Plan(string parameters, TiffPyramid pyramid) => JpegTestPyramids.Plan(parameters, pyramid);

    [Theory]
    // parameters, pyramid level, level x, level y, width, height
    [InlineData("0,0,512,512/512,/0/default.jpg", 0, 0, 0, 512, 512)] // 2×2 stored tiles
    [InlineData("256,256,512,512/512,512/0/default.jpg", 0, 256, 256, 512, 512)]
    [InlineData("16,32,300,200/300,/0/default.jpg", 0, 16, 32, 300, 200)] // inside one tile, on MCU boundaries
    [InlineData("240,240,48,48/48,/0/default.jpg", 0, 240, 240, 48, 48)] // across the corner of four tiles
    [InlineData("2304,0,96,256/96,/0/default.jpg", 0, 2304, 0, 96, 256)] // right edge tile, cut
    [InlineData("2048,3328,352,72/352,/0/color.jpg", 0, 2048, 3328, 352, 72)] // bottom right corner
    [InlineData("full/600,/0/default.jpg", 2, 0, 0, 600, 850)] // a whole level: 2400/4
    [InlineData("full/max/0/default.jpg", 0, 0, 0, 2400, 3400)] // the whole page
    [InlineData("1024,1024,1024,1024/512,/0/default.jpg", 1, 512, 512, 512, 512)] // scale factor 2
    [InlineData("1536,2048,864,1352/432,/0/default.jpg", 1, 768, 1024, 432, 676)] // level 1, to its far corner
    public void Level_scale_regions_carry_the_stored_coefficients_unchanged(string parameters, int level, int x, int y, int width, int height)
    {
        var pyramid = TiffPyramid.Read(Path);
        var body = JpegMosaic.TryCompose(Path, pyramid, Plan(parameters, pyramid));
        Assert.NotNull(body);

        AssertStoredCoefficients(body, Path, pyramid.Levels[level], x, y);

        using var sent = Image.NewFromBuffer(body);
        Assert.Equal((width, height), (sent.Width, sent.Height));
        using var stored = Image.Tiffload(Path, page: level);
        using var region = stored.Crop(x, y, width, height);
        using var diff = (sent - region).Abs();
        // Identical coefficients: only chroma upsampling next to former tile seams and new edges differs a little.
        Assert.True(diff.Avg() < 0.5, $"mean difference {diff.Avg()}");
        Assert.True(diff.Max() <= 32, $"largest difference {diff.Max()}");

        // Not re-quantised: the stored quantisation tables are in the answer as they are.
        var file = File.ReadAllBytes(Path);
        var dqt = body.AsSpan().IndexOf([(byte)0xFF, (byte)0xDB]);
        Assert.True(dqt > 0);
        var length = (body[dqt + 2] << 8) | body[dqt + 3];
        Assert.True(file.AsSpan().IndexOf(body.AsSpan(dqt, length + 2)) > 0, "the quantisation table is not the stored one");
    }

    [Theory]
    [InlineData("0,0,512,512/512,/0/default.jpg", 0, 0, 0, 512, 512)]
    [InlineData("248,120,400,300/400,/0/default.jpg", 0, 248, 120, 400, 300)] // 8 px MCUs: off the 16 px grid is fine
    [InlineData("768,512,232,188/232,/0/default.jpg", 0, 768, 512, 232, 188)] // the bottom right corner, cut
    [InlineData("full/500,/0/default.jpg", 1, 0, 0, 500, 350)]
    public void Grey_pyramids_give_the_stored_pixels_exactly(string parameters, int level, int x, int y, int width, int height)
    {
        var path = JpegTestPyramids.Grey(1000, 700);
        var pyramid = TiffPyramid.Read(path);
        var body = JpegMosaic.TryCompose(path, pyramid, Plan(parameters, pyramid));
        Assert.NotNull(body);
        AssertStoredCoefficients(body, path, pyramid.Levels[level], x, y);

        // One component, no chroma upsampling across seams: every pixel is the stored one.
        using var sent = Image.NewFromBuffer(body);
        using var stored = Image.Tiffload(path, page: level);
        using var region = stored.Crop(x, y, width, height);
        Assert.Equal((1, width, height), (sent.Bands, sent.Width, sent.Height));
        using var diff = (sent - region).Abs();
        Assert.Equal(0, diff.Max());
    }

    [Theory]
    [InlineData("8,0,256,256/256,/0/default.jpg")] // not on an MCU boundary
    [InlineData("0,0,512,512/500,/0/default.jpg")] // scaled
    [InlineData("0,0,512,512/512,/0/gray.jpg")]
    [InlineData("0,0,512,512/512,/!0/default.jpg")]
    [InlineData("0,0,512,512/512,/0/default.png")]
    public void Other_requests_are_left_to_the_renderer(string parameters)
    {
        var pyramid = TiffPyramid.Read(Path);
        Assert.Null(JpegMosaic.TryCompose(Path, pyramid, Plan(parameters, pyramid)));
    }

    [Fact]
    public void Pyramids_stored_as_RGB_JPEG_are_left_to_the_renderer()
    {
        // libvips writes Q ≥ 90 without chroma subsampling as RGB-in-JPEG, which a plain JPEG reader would take for YCbCr.
        var path = JpegTestPyramids.Colour(600, 400, q: 95);
        var pyramid = TiffPyramid.Read(path);
        Assert.Null(JpegMosaic.TryCompose(path, pyramid, Plan("0,0,512,256/512,/0/default.jpg", pyramid)));
    }

    [Fact]
    public void A_truncated_stored_tile_gives_no_mosaic()
    {
        var (path, pyramid, tile) = CopyWithDamagedTile((bytes, scan) =>
        {
            // An EOI a little way into the entropy-coded data: the tile ends mid-block.
            bytes[scan + 40] = 0xFF;
            bytes[scan + 41] = 0xD9;
        });
        Assert.Null(JpegMosaic.TryCompose(path, pyramid, Plan(tile, pyramid)));
    }

    [Fact]
    public void A_stored_tile_of_noise_gives_no_mosaic_or_a_readable_one()
    {
        var (path, pyramid, tile) = CopyWithDamagedTile((bytes, scan) =>
        {
            var random = new Random(7);
            for (var i = scan; i < bytes.Length - 2; i++) bytes[i] = (byte)random.Next(0, 255); // no 0xFF: no marker
        });
        var body = JpegMosaic.TryCompose(path, pyramid, Plan(tile, pyramid));
        if (body is null) return;
        using var image = Image.NewFromBuffer(body);
        Assert.Equal(512, image.Width);
    }

    [Fact]
    public async Task The_server_answers_level_scale_regions_with_the_mosaic()
    {
        using var response = await host.Client.GetAsync("/iiif/3/QY-RB-001~p001/1024,2048,512,512/512,/0/default.jpg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("X-Qy-Image-Source").Single(), new[] { "mosaic", "cache" });
        using var image = Image.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((512, 512), (image.Width, image.Height));
    }

    /// <summary>Every block of every component of <paramref name="jpeg"/> equals the stored tile's block at the same level position.</summary>
    private static void AssertStoredCoefficients(byte[] jpeg, string path, PyramidLevelLayout level, int x, int y)
    {
        var sent = JpegCoefficients.Decode(jpeg);
        var tiles = new Dictionary<int, JpegCoefficients>();
        var file = File.ReadAllBytes(path);
        var (hMax, vMax) = Enumerable.Range(0, sent.Components).Select(sent.Sampling).Aggregate((a, b) => (Math.Max(a.H, b.H), Math.Max(a.V, b.V)));
        for (var c = 0; c < sent.Components; c++)
        {
            var (h, v) = sent.Sampling(c);
            // Level pixels per block of this component.
            int bw = 8 * hMax / h, bh = 8 * vMax / v;
            var rows = sent.Blocks[c].Length / sent.BlocksPerRow[c];
            for (var row = 0; row < rows; row++)
            for (var column = 0; column < sent.BlocksPerRow[c]; column++)
            {
                int px = x + column * bw, py = y + row * bh;
                var index = py / level.TileHeight * level.Columns + px / level.TileWidth;
                if (!tiles.TryGetValue(index, out var stored))
                {
                    var bytes = file.AsSpan((int)level.TileOffsets[index], (int)level.TileByteCounts[index]).ToArray();
                    tiles[index] = stored = JpegCoefficients.Decode(TilePassthrough.Splice(level.JpegTables, bytes)!);
                }
                var expected = stored.Block(c, py % level.TileHeight / bh, px % level.TileWidth / bw);
                Assert.True(expected.AsSpan().SequenceEqual(sent.Block(c, row, column)), $"component {c}, block row {row}, column {column} differs from the stored tile");
            }
        }
    }

    /// <summary>A copy of the sample pyramid whose tile (1, 0) is damaged by <paramref name="damage"/> (tile bytes, start of its scan data).</summary>
    private (string Path, TiffPyramid Pyramid, string Request) CopyWithDamagedTile(Action<byte[], int> damage)
    {
        var copy = System.IO.Path.Combine(TestPaths.NewTempFolder("mosaic-damaged"), "p.tif");
        var file = File.ReadAllBytes(Path);
        var level = TiffPyramid.Read(Path).Levels[0];
        var (offset, count) = ((int)level.TileOffsets[1], (int)level.TileByteCounts[1]);
        var tile = file.AsSpan(offset, count).ToArray();
        var sos = tile.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        damage(tile, sos + 2 + ((tile[sos + 2] << 8) | tile[sos + 3]));
        tile.CopyTo(file, offset);
        File.WriteAllBytes(copy, file);
        return (copy, TiffPyramid.Read(copy), "0,0,512,512/512,/0/default.jpg");
    }
}
