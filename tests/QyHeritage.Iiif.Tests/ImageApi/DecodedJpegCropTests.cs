using NetVips;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.ImageApi.Jpeg;

namespace QyHeritage.Iiif.Tests.ImageApi;

/// <summary>
/// Small computed images decoded from the stored tiles by TurboJPEG instead of libvips' tiffload:
/// the same pixels, so thumbnails look as they did.
/// </summary>
[Collection(IiifCollection.Name)]
public class DecodedJpegCropTests(IiifHostFixture host)
{
    private string Path => JpegTestPyramids.SamplePage(host);

    [Fact]
    public void TurboJPEG_is_installed()
    {
        // Without libturbojpeg0 everything still works through libvips, only slower: qy installs it.
        Assert.True(TurboJpeg.Available, "libturbojpeg.so.0 not found: apt-get install libturbojpeg0");
    }

    [Theory]
    // level, x, y, width, height: whole levels (their last row and column of tiles cut), inner crops
    [InlineData(3, 0, 0, 300, 425)]
    [InlineData(2, 0, 0, 600, 850)]
    [InlineData(1, 100, 37, 700, 500)]
    [InlineData(0, 2000, 3000, 400, 400)] // the bottom right corner of the page
    public void Crops_have_the_pixels_libvips_reads(int level, int x, int y, int width, int height)
    {
        var layout = TiffPyramid.Read(Path).Levels[level];
        using var crop = DecodedJpegCrop.TryDecode(Path, layout, x, y, width, height);
        Assert.NotNull(crop);
        using var stored = Image.Tiffload(Path, page: level);
        using var expected = stored.Crop(x, y, width, height);
        Assert.Equal((expected.Bands, width, height), (crop.Image.Bands, crop.Image.Width, crop.Image.Height));
        using var diff = (crop.Image - expected).Abs();
        // The same decoder on the same tiles; tiles the crop barely enters are decoded as a lossless
        // mosaic of the covered part, which changes chroma upsampling only along its cut edge.
        Assert.True(diff.Avg() < 0.05, $"mean difference {diff.Avg()}");
        Assert.True(diff.Max() <= 24, $"largest difference {diff.Max()}");
    }

    [Theory]
    [InlineData("full/!400,400/0/default.jpg")]
    [InlineData("full/!150,150/0/default.jpg")]
    [InlineData("pct:10,20,50,30/333,/0/default.jpg")]
    [InlineData("full/!300,300/0/gray.png")]
    [InlineData("square/200,/90/default.webp")]
    public void Thumbnails_look_as_libvips_alone_makes_them(string parameters)
    {
        var pyramid = TiffPyramid.Read(Path);
        var plan = JpegTestPyramids.Plan(parameters, pyramid);
        using var direct = Image.NewFromBuffer(ImageRenderer.Render(Path, pyramid, plan, directDecode: true));
        using var vips = Image.NewFromBuffer(ImageRenderer.Render(Path, pyramid, plan, directDecode: false));
        Assert.Equal((vips.Bands, vips.Width, vips.Height), (direct.Bands, direct.Width, direct.Height));
        Assert.Equal(plan.OutputSize, (direct.Width, direct.Height));
        // Lossy formats differ by their encoders' errors (libvips' JPEG encoder is mozjpeg, ours
        // libjpeg-turbo): measured against the lossless libvips rendering, ours must be as close as libvips' own.
        using var lossless = Image.NewFromBuffer(ImageRenderer.Render(Path, pyramid, plan with { Format = ImageFormat.Png }, directDecode: false));
        using var ours = (direct - lossless).Abs();
        using var theirs = (vips - lossless).Abs();
        Assert.True(ours.Avg() <= theirs.Avg() * 1.25 + 0.25, $"mean difference {ours.Avg()}, libvips alone {theirs.Avg()}");
    }

    [Fact]
    public void Grey_pyramids_decode_as_grey()
    {
        var path = JpegTestPyramids.Grey(700, 500);
        var layout = TiffPyramid.Read(path).Levels[0];
        using var crop = DecodedJpegCrop.TryDecode(path, layout, 0, 0, 700, 500);
        Assert.NotNull(crop);
        using var stored = Image.Tiffload(path);
        using var diff = (crop.Image - stored).Abs();
        Assert.Equal(1, crop.Image.Bands);
        Assert.Equal(0, diff.Max());
    }
}
