using NetVips;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.ImageApi.Jpeg;

namespace QyHeritage.Iiif.Tests.ImageApi;

/// <summary>
/// Regions at a pyramid level's own scale, starting on an MCU boundary, assembled from the stored
/// tiles' JPEG coefficients (Qy:Iiif:LosslessMosaic): the same quantised data, so the same pixels
/// as the stored tiles.
/// </summary>
[Collection(IiifCollection.Name)]
public class JpegMosaicTests(IiifHostFixture host)
{
    private static readonly ImageLimits Limits = new(IiifHostFixture.MaxWidth, IiifHostFixture.MaxHeight, IiifHostFixture.MaxArea);

    private string Path => host.PyramidPath("QY-RB-001", "p001"); // 2400×3400

    private static ImagePlan Plan(string parameters, TiffPyramid pyramid)
    {
        var p = parameters.Split('/');
        return ImageRequest.Parse(p[0], p[1], p[2], p[3]).Get().Resolve(pyramid.Width, pyramid.Height, Limits).Get();
    }

    [Theory]
    // parameters, pyramid level, level x, level y, width, height
    [InlineData("0,0,512,512/512,/0/default.jpg", 0, 0, 0, 512, 512)] // 2×2 stored tiles
    [InlineData("256,256,512,512/512,512/0/default.jpg", 0, 256, 256, 512, 512)]
    [InlineData("16,32,300,200/300,/0/default.jpg", 0, 16, 32, 300, 200)] // inside one tile, on MCU boundaries
    [InlineData("2304,0,96,256/96,/0/default.jpg", 0, 2304, 0, 96, 256)] // right edge tile, cut
    [InlineData("2048,3328,352,72/352,/0/color.jpg", 0, 2048, 3328, 352, 72)] // bottom right corner
    [InlineData("full/600,/0/default.jpg", 2, 0, 0, 600, 850)] // a whole level: 2400/4
    [InlineData("full/max/0/default.jpg", 0, 0, 0, 2400, 3400)] // the whole page
    [InlineData("1024,1024,1024,1024/512,/0/default.jpg", 1, 512, 512, 512, 512)] // scale factor 2
    public void Level_scale_regions_come_from_the_stored_coefficients(string parameters, int level, int x, int y, int width, int height)
    {
        var pyramid = TiffPyramid.Read(Path);
        var body = JpegMosaic.TryCompose(Path, pyramid, Plan(parameters, pyramid));
        Assert.NotNull(body);

        using var sent = Image.NewFromBuffer(body);
        Assert.Equal((width, height), (sent.Width, sent.Height));
        using var stored = Image.Tiffload(Path, page: level);
        using var region = stored.Crop(x, y, width, height);
        using var diff = (sent - region).Abs();
        // Identical coefficients: only chroma upsampling at former tile seams and new edges differs a little.
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
}
