using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NetVips;
using QyHeritage.Iiif.ImageApi;

namespace QyHeritage.Iiif.Tests.ImageApi;

/// <summary>Speed by design: stored tiles sent as they are, one render for many identical requests, the response cache.</summary>
[Collection(IiifCollection.Name)]
public class PassthroughAndCacheTests(IiifHostFixture host)
{
    private const string Page = "QY-RB-001~p001";

    private static string Source(HttpResponseMessage r) => r.Headers.GetValues("X-Qy-Image-Source").Single();

    [Theory]
    [InlineData("256,512,256,256/256,/0/default.jpg", 0, 256, 512)] // full resolution, column 1, row 2
    [InlineData("0,0,256,256/256,256/0/color.jpg", 0, 0, 0)]
    [InlineData("512,1024,512,512/256,/0/default.jpg", 1, 256, 512)] // scale factor 2
    [InlineData("0,0,1024,1024/256,/0/default.jpg", 2, 0, 0)] // scale factor 4
    public async Task A_request_on_the_tile_grid_gets_the_stored_jpeg_tile_unchanged(string parameters, int level, int levelX, int levelY)
    {
        using var response = await host.Client.GetAsync($"/iiif/3/{Page}/{parameters}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("passthrough", Source(response));
        var body = await response.Content.ReadAsByteArrayAsync();

        // The entropy-coded scan (from the SOS marker on) is byte for byte in the pyramid file:
        // nothing was decoded or re-encoded.
        var sos = IndexOf(body, [0xFF, 0xDA]);
        Assert.True(sos > 0);
        var file = await File.ReadAllBytesAsync(host.PyramidPath("QY-RB-001", "p001"));
        Assert.True(IndexOf(file, body.AsSpan(sos).ToArray()) > 0, "the scan data is not in the stored file");

        // And it is a complete JPEG showing exactly what libvips reads from that tile.
        using var sent = Image.NewFromBuffer(body);
        Assert.Equal((256, 256), (sent.Width, sent.Height));
        using var stored = Image.Tiffload(host.PyramidPath("QY-RB-001", "p001"), page: level);
        using var tile = stored.Crop(levelX, levelY, 256, 256);
        using var diff = (sent - tile).Abs();
        Assert.True(diff.Max() <= 2, $"max difference {diff.Max()}");
    }

    [Theory]
    [InlineData("2304,0,96,256/96,/0/default.jpg")] // the right edge: stored padded, sent cut
    [InlineData("256,512,256,256/256,/0/gray.jpg")]
    [InlineData("256,512,256,256/256,/90/default.jpg")]
    [InlineData("256,512,256,256/256,/0/default.png")]
    [InlineData("256,512,256,256/128,/0/default.jpg")]
    [InlineData("128,512,256,256/256,/0/default.jpg")] // off the grid
    public async Task Anything_else_is_computed(string parameters)
    {
        using var response = await host.Client.GetAsync($"/iiif/3/{Page}/{parameters}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("passthrough", Source(response));
    }

    [Fact]
    public async Task Fifty_concurrent_requests_for_one_uncached_image_compute_it_once()
    {
        var stats = host.Services.GetRequiredService<ImageStats>();
        var before = stats.Rendered;
        const string url = "/iiif/3/" + IiifHostFixture.Synthetic + "/pct:10,10,80,80/!457,457/0/default.webp";
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            using var r = await host.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return (Source(r), Convert.ToBase64String(await r.Content.ReadAsByteArrayAsync()));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);
        Assert.Equal(1, stats.Rendered - before);
        Assert.Single(results.Select(r => r.Item2).Distinct());
        Assert.Single(results, r => r.Item1 == "rendered");
        Assert.All(results, r => Assert.Contains(r.Item1, new[] { "rendered", "shared", "cache" }));
    }

    [Fact]
    public async Task A_computed_image_is_served_from_the_response_cache_afterwards()
    {
        const string url = "/iiif/3/" + IiifHostFixture.Synthetic + "/square/77,/0/default.png";
        using var first = await host.Client.GetAsync(url);
        Assert.Equal("rendered", Source(first));
        using var second = await host.Client.GetAsync(url);
        Assert.Equal("cache", Source(second));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        // Another spelling of the same canonical request shares the entry.
        using var third = await host.Client.GetAsync("/iiif/3/" + IiifHostFixture.Synthetic + "/150,0,900,900/77,77/0/default.png");
        Assert.Equal("cache", Source(third));
        Assert.True(Directory.EnumerateFiles(Path.Combine(host.DataFolder, "cache", "iiif"), "*", SearchOption.AllDirectories).Any());
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
