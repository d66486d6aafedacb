using System.Net;

namespace QyHeritage.Iiif.Tests.ImageApi;

/// <summary>
/// An identifier that names no image is a 404 whatever its shape (issue 11): viewers and validators
/// treat a 400 as "your request is wrong" and a 404 as "there is no such image", and only the second
/// is true of a UUID, an <c>a/b</c> or a name without '~'. The body says so in Chinese, then English.
/// 400 stays for the parameters of an image that exists (ImageRequestTests.Malformed_requests_are_400_with_a_body_naming_the_parameter).
/// </summary>
[Collection(IiifCollection.Name)]
public class UnknownIdentifierTests(IiifHostFixture host)
{
    public static TheoryData<string> Shapes => new()
    {
        "3f2c9a4e-6b1d-4c8e-9f0a-2d7b5e8c1a90", // a random UUID
        "a%2Fb",                                // an escaped slash
        "a/b",                                  // an unescaped slash
        "QY-RB-001",                            // an item without '~' and page
        "QY-RB-001_p001",                       // the page joined by something other than '~'
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Info_json_of_an_identifier_that_names_no_image_is_404(string identifier)
    {
        await AssertNotFoundAsync($"/iiif/3/{identifier}/info.json");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task An_image_of_an_identifier_that_names_no_image_is_404(string identifier)
    {
        await AssertNotFoundAsync($"/iiif/3/{identifier}/full/max/0/default.jpg");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task The_base_uri_of_an_identifier_that_names_no_image_is_404(string identifier)
    {
        await AssertNotFoundAsync($"/iiif/3/{identifier}");
    }

    [Fact]
    public async Task An_unknown_image_with_malformed_parameters_is_still_404()
    {
        await AssertNotFoundAsync("/iiif/3/QY-XX-999~p001/full/full/0/default.jpg");
    }

    private async Task AssertNotFoundAsync(string url)
    {
        using var response = await host.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("identifier:", body);
        Assert.Contains("没有图像", body);
        Assert.Contains("no image", body);
        Assert.True(body.IndexOf("没有图像", StringComparison.Ordinal) < body.IndexOf("no image", StringComparison.Ordinal), "Chinese first, then English");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
