using System.Net;
using NetVips;

namespace QyHeritage.Iiif.Tests.ImageApi;

/// <summary>?download on an image request (the reading room's download links): the same image, saved as a named file.</summary>
[Collection(IiifCollection.Name)]
public class DownloadTests(IiifHostFixture host)
{
    [Fact]
    public async Task An_image_asked_for_as_a_download_comes_as_an_attachment_named_after_its_page_and_size()
    {
        using var response = await host.Client.GetAsync("/iiif/3/QY-RB-001~p001/full/!1000,1000/0/default.jpg?download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        using var image = Image.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"QY-RB-001-p001-{image.Width}x{image.Height}.jpg", disposition!.FileName?.Trim('"'));
        Assert.Equal(1000, image.Height);

        // Without it the image is shown, as before.
        using var shown = await host.Client.GetAsync("/iiif/3/QY-RB-001~p001/full/!1000,1000/0/default.jpg");
        Assert.Null(shown.Content.Headers.ContentDisposition);
    }
}
