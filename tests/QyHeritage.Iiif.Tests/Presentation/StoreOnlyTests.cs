using System.Net;
using Microsoft.AspNetCore.Http;
using QyHeritage.Iiif.Http;

namespace QyHeritage.Iiif.Tests.Presentation;

/// <summary>
/// The IIIF image and manifest endpoints read the blob store only (DESIGN.md, Storage): with the
/// catalog emptied they still answer, which is what lets IIIF nodes scale out on the store alone.
/// </summary>
[Collection(IiifCollection.Name)]
public class StoreOnlyTests(IiifHostFixture host)
{
    [Fact]
    public async Task Images_and_manifests_do_not_need_the_catalog()
    {
        var saved = host.Archive.Catalog.ListItems();
        Assert.NotEmpty(saved);
        host.Archive.Catalog.ReplaceAll([]);
        try
        {
            foreach (var url in new[]
            {
                "/iiif/3/QY-LH-003~p001/info.json",
                "/iiif/3/QY-LH-003~p001/full/!100,100/0/default.jpg",
                "/iiif/presentation/QY-LH-003/manifest",
                "/iiif/presentation/QY-LH-003/canvas/p001",
            })
            {
                using var response = await host.Client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            }
        }
        finally
        {
            host.Archive.Catalog.ReplaceAll(saved);
        }
    }

    [Theory]
    [InlineData(null, "http", "library.example:8080", "/heritage", "http://library.example:8080/heritage")]
    [InlineData("https://heritage.qylib.cn/", "http", "10.0.0.7:5000", "", "https://heritage.qylib.cn")]
    public void Ids_start_with_the_configured_public_base_or_else_the_request(string? configured, string scheme, string hostName, string pathBase, string expected)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = scheme;
        http.Request.Host = new HostString(hostName);
        http.Request.PathBase = pathBase;
        Assert.Equal(expected, PublicUrls.Base(http, new IiifOptions { PublicBaseUrl = configured }));
    }
}
