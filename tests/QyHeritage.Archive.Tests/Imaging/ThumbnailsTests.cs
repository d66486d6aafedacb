using NetVips;
using QyHeritage.Archive.Imaging;

namespace QyHeritage.Archive.Tests.Imaging;

public sealed class ThumbnailsTests(SamplePyramidFixture sample) : IClassFixture<SamplePyramidFixture>
{
    [Fact]
    public void Thumbnail_from_pyramid_is_a_JPEG_with_the_longest_side_requested()
    {
        var jpeg = Thumbnails.FromPyramid(sample.Path, 256);

        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, jpeg[..3]);
        using var image = Image.NewFromBuffer(jpeg);
        Assert.Equal(256, image.Height); // the page is portrait, 2400×3400
        Assert.InRange(image.Width, 180, 182);
    }

    [Fact]
    public void Thumbnail_looks_like_the_page()
    {
        using var thumbnail = Image.NewFromBuffer(Thumbnails.FromPyramid(sample.Path, 256));
        using var expected = Image.Thumbnail(SyntheticMasters.SamplePage, 256, height: 256);
        Assert.InRange(PyramidBuilderTests.MeanAbsDifference(expected, thumbnail), 0, 6.0);
    }

    [Fact]
    public void Thumbnail_never_upscales()
    {
        using var image = Image.NewFromBuffer(Thumbnails.FromPyramid(sample.Path, 10_000));
        Assert.Equal((2400, 3400), (image.Width, image.Height));
    }
}
