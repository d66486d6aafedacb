using System.Net;
using NetVips;

namespace QyHeritage.Iiif.Tests.ImageApi;

/// <summary>
/// The request grammar end to end over HTTP, on the synthetic 1200×900 page whose quadrants are
/// red (top left), green (top right), blue (bottom left) and white (bottom right).
/// </summary>
[Collection(IiifCollection.Name)]
public class ImageRequestTests(IiifHostFixture host)
{
    private const string Base = "/iiif/3/" + IiifHostFixture.Synthetic + "/";

    [Theory]
    // params, width, height, colours at (¼,¼) (¾,¼) (¼,¾) (¾,¾) of the output
    [InlineData("full/max/0/default.png", 1200, 900, "RGBW")]
    [InlineData("full/max/0/default.jpg", 1200, 900, "RGBW")]
    [InlineData("full/max/0/color.png", 1200, 900, "RGBW")]
    [InlineData("full/600,/0/default.jpg", 600, 450, "RGBW")]
    [InlineData("full/,225/0/default.png", 300, 225, "RGBW")]
    [InlineData("full/pct:25/0/default.png", 300, 225, "RGBW")]
    [InlineData("full/pct:12.5/0/default.png", 150, 113, "RGBW")]
    [InlineData("full/!300,300/0/default.png", 300, 225, "RGBW")]
    [InlineData("full/!5000,5000/0/default.png", 1200, 900, "RGBW")]
    [InlineData("full/300,300/0/default.png", 300, 300, "RGBW")]
    [InlineData("square/max/0/default.png", 900, 900, "RGBW")]
    [InlineData("square/100,/0/default.png", 100, 100, "RGBW")]
    [InlineData("600,0,600,450/max/0/default.png", 600, 450, "GGGG")]
    [InlineData("pct:0,50,50,50/max/0/default.png", 600, 450, "BBBB")]
    [InlineData("300,225,600,450/max/0/default.png", 600, 450, "RGBW")]
    [InlineData("1000,800,500,500/max/0/default.png", 200, 100, "WWWW")] // cropped at the edge
    [InlineData("0,0,600,450/^1200,900/0/default.png", 1200, 900, "RRRR")]
    [InlineData("full/^pct:150/0/default.png", 1800, 1350, "RGBW")]
    [InlineData("full/^!1600,1600/0/default.png", 1600, 1200, "RGBW")]
    [InlineData("full/^max/0/default.jpg", 2999, 2249, "RGBW")] // up to maxArea 9,000,000 … see below
    [InlineData("full/max/90/default.png", 900, 1200, "BRWG")]
    [InlineData("full/max/180/default.png", 1200, 900, "WBGR")]
    [InlineData("full/max/270/default.png", 900, 1200, "GWRB")]
    [InlineData("full/max/360/default.png", 1200, 900, "RGBW")]
    [InlineData("full/max/!0/default.png", 1200, 900, "GRWB")]
    [InlineData("full/max/!90/default.png", 900, 1200, "WGBR")]
    [InlineData("full/max/!180/default.png", 1200, 900, "BWRG")]
    [InlineData("full/300,/0/gray.png", 300, 225, "?W?W")] // red and blue mid-grey, green light
    [InlineData("full/300,/0/bitonal.png", 300, 225, "KWKW")]
    [InlineData("full/300,/0/default.webp", 300, 225, "RGBW")]
    [InlineData("full/300,/0/default.gif", 300, 225, "RGBW")]
    [InlineData("full/300,/0/default.tif", 300, 225, "RGBW")]
    [InlineData("full/300,/!90/bitonal.webp", 225, 300, "WWKK")]
    public async Task Valid_requests_give_the_size_and_pixels_the_spec_says(string parameters, int width, int height, string colours)
    {
        if (parameters.Contains("^max"))
        {
            // ^max grows to the largest size inside maxWidth 3000, maxHeight 4000, maxArea 9,000,000 with the 4:3 ratio.
            (width, height) = (3000, 2250);
        }
        using var response = await host.Client.GetAsync(Base + parameters);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        var extension = parameters[(parameters.LastIndexOf('.') + 1)..];
        var expectedType = extension switch { "jpg" => "image/jpeg", "tif" => "image/tiff", _ => "image/" + extension };
        Assert.Equal(expectedType, response.Content.Headers.ContentType?.MediaType);

        using var image = Image.NewFromBuffer(body);
        Assert.Equal((width, height), (image.Width, image.Height));
        var seen = new string([
            Pixels.ColourAt(image, 0.25, 0.25), Pixels.ColourAt(image, 0.75, 0.25),
            Pixels.ColourAt(image, 0.25, 0.75), Pixels.ColourAt(image, 0.75, 0.75),
        ]);
        Assert.Equal(colours, seen);
        // WebP has no one-band form, so only the other formats can show that grey is one band.
        if ((parameters.Contains("gray") || parameters.Contains("bitonal")) && extension != "webp") Assert.Equal(1, image.Bands);
    }

    [Fact]
    public async Task Gray_keeps_the_brightness_order_of_the_colours()
    {
        using var image = Image.NewFromBuffer(await host.Client.GetByteArrayAsync(Base + "full/300,/0/gray.png"));
        double At(double fx, double fy) => image.Getpoint((int)(fx * image.Width), (int)(fy * image.Height))[0];
        // Luminance: blue < red < green < white.
        Assert.True(At(0.25, 0.75) < At(0.25, 0.25));
        Assert.True(At(0.25, 0.25) < At(0.75, 0.25));
        Assert.True(At(0.75, 0.25) < At(0.75, 0.75));
    }

    [Theory]
    [InlineData("png", 'T')]
    [InlineData("webp", 'T')]
    [InlineData("jpg", 'W')]
    public async Task Arbitrary_rotation_is_clockwise_in_a_bounding_box_with_blank_corners(string format, char corner)
    {
        using var response = await host.Client.GetAsync(Base + $"full/max/45/default.{format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var image = Image.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
        // 1200·cos45° + 900·sin45° ≈ 1485 both ways.
        Assert.InRange(image.Width, 1484, 1486);
        Assert.InRange(image.Height, 1484, 1486);
        Assert.Equal(corner, Pixels.ColourAt(image, 0.02, 0.02));
        // The red quadrant's centre (300,225) turned 45° clockwise about the page centre lands near (689,371).
        Assert.Equal('R', Pixels.ColourAt(image, 689.0 / 1485, 371.0 / 1485));
        Assert.Equal('W', Pixels.ColourAt(image, 1 - 689.0 / 1485, 1 - 371.0 / 1485));
    }

    [Fact]
    public async Task A_one_pixel_region_at_the_corner_works()
    {
        using var image = Image.NewFromBuffer(await host.Client.GetByteArrayAsync(Base + "1199,899,10,10/max/0/default.png"));
        Assert.Equal((1, 1), (image.Width, image.Height));
        Assert.Equal('W', Pixels.ColourAt(image, 0, 0));
    }

    [Theory]
    [InlineData("full/full/0/default.jpg", "size")]
    [InlineData("full/Max/0/default.jpg", "size")]
    [InlineData("full/2000,/0/default.jpg", "size")]
    [InlineData("full/,901/0/default.jpg", "size")]
    [InlineData("full/^3001,/0/default.jpg", "size")]
    [InlineData("full/^3000,3001/0/default.jpg", "size")]
    [InlineData("foo/max/0/default.jpg", "region")]
    [InlineData("0,0,0,0/max/0/default.jpg", "region")]
    [InlineData("2000,0,10,10/max/0/default.jpg", "region")]
    [InlineData("pct:50,50,0,50/max/0/default.jpg", "region")]
    [InlineData("full/max/-1/default.jpg", "rotation")]
    [InlineData("full/max/400/default.jpg", "rotation")]
    [InlineData("full/max/0/best.jpg", "quality")]
    [InlineData("full/max/0/default.bmp", "format")]
    [InlineData("full/max/0/default", "format")]
    [InlineData("full/max/0", "request")]
    [InlineData("full/max/0/default.jpg/extra", "request")]
    public async Task Malformed_requests_are_400_with_a_body_naming_the_parameter(string parameters, string parameter)
    {
        using var response = await host.Client.GetAsync(Base + parameters);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(parameter + ":", body);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("/iiif/3/NO-SUCH-ITEM~p001/info.json", HttpStatusCode.NotFound)]
    [InlineData("/iiif/3/QY-RB-001~p999/full/max/0/default.jpg", HttpStatusCode.NotFound)]
    [InlineData("/iiif/3/QY-RB-001~p999", HttpStatusCode.NotFound)]
    [InlineData("/iiif/3/QY-RB-001%2Fp001/info.json", HttpStatusCode.NotFound)]
    [InlineData("/iiif/3/..%2F..%2Fstore~p001/info.json", HttpStatusCode.NotFound)]
    [InlineData("/iiif/3/QY-RB-001~p001%2F..%2F..%2Fcatalog.db/info.json", HttpStatusCode.NotFound)]
    [InlineData("/iiif/3/%2E%2E~p001/info.json", HttpStatusCode.NotFound)]
    [InlineData("/iiif/3/QY-RB-001%00~p001/info.json", HttpStatusCode.BadRequest)]
    [InlineData("/iiif/3/QY-RB-001~p001%5C..%5Cx/info.json", HttpStatusCode.NotFound)]
    [InlineData("/iiif/3/", HttpStatusCode.NotFound)]
    public async Task Unknown_and_hostile_identifiers_are_404_or_400_never_500(string url, HttpStatusCode expected)
    {
        using var response = await host.Client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        // Kestrel itself refuses a NUL in the path, with an empty body, before any endpoint runs.
        if (body.Length > 0) Assert.StartsWith("identifier:", body);
    }
}
