using System.Net;
using NetVips;

namespace QyHeritage.Iiif.Tests.ImageApi;

/// <summary>
/// The rule for <c>!w,h</c> without <c>^</c> when the box is larger than the region (Image API 3.0
/// §4.2, https://iiif.io/api/image/3.0/#42-size): the image is "as large as possible but not larger
/// than the extracted region, w or h, or server-imposed limits" — the region's own size, a 200, never
/// an upscale and never a 400. <c>^!w,h</c> fills the box; the exact forms (<c>w,</c>, <c>w,h</c>)
/// past the region without <c>^</c> are 400s. iiif-server/README.md says why.
/// </summary>
[Collection(IiifCollection.Name)]
public class ConfinedSizeTests(IiifHostFixture host)
{
    private const string Base = "/iiif/3/" + IiifHostFixture.Synthetic + "/";

    [Theory]
    // the synthetic page is 1200×900
    [InlineData("full/!2400,2400/0/default.png", 1200, 900)]   // box larger both ways: the region's size
    [InlineData("full/!5000,600/0/default.png", 800, 600)]     // one side binds: shrunk to fit it
    [InlineData("0,0,200,150/!400,400/0/default.png", 200, 150)] // a small region in a large box: not enlarged
    [InlineData("full/^!2400,2400/0/default.png", 2400, 1800)] // with '^' the box is filled
    [InlineData("0,0,200,150/^!400,400/0/default.png", 400, 300)]
    public async Task Confined_size_is_as_large_as_possible_but_never_larger_than_the_region_without_caret(string parameters, int width, int height)
    {
        using var response = await host.Client.GetAsync(Base + parameters);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var image = Image.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Theory]
    [InlineData("full/2400,/0/default.png")]
    [InlineData("full/1300,900/0/default.png")]
    [InlineData("full/pct:150/0/default.png")]
    public async Task Exact_sizes_larger_than_the_region_without_caret_are_400(string parameters)
    {
        using var response = await host.Client.GetAsync(Base + parameters);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("size:", await response.Content.ReadAsStringAsync());
    }
}
