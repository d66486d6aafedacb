using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NetVips;
using QyHeritage.Archive;
using QyHeritage.Archive.Imaging;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Storage;
using QyHeritage.Archive.Tests;
using QyHeritage.Archive.Tests.Fixity;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Iiif.Tests.Fixity;

/// <summary>
/// A pyramid that rots on the file-system store is refused by the real host, naming the item and
/// page, and rebuilt from its master; with the master rotted too it stays refused and untouched.
/// Its own host and data folder: these tests damage what they serve.
/// </summary>
public sealed class DamagedPyramidTests : IAsyncLifetime
{
    private const string Item = "QY-RB-002";
    private const string Tile = "full/400,/0/default.png";
    private readonly string _data = TestPaths.NewTempFolder("iiif-fixity");
    private ArchiveServices _archive = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _archive = new ArchiveServices(new ArchiveOptions { DataFolder = _data, OcrEnabled = false });
        var report = await new IngestRunner(_archive).RunAsync(TestPaths.SampleSubset(Item));
        Assert.Empty(report.Problems);
        // Interval zero: every request re-hashes, so rot after the first check is found at once.
        _app = WebHost.Build([
            "--urls=http://127.0.0.1:0", $"--Qy:DataFolder={_data}", "--Qy:IngestSampleOnFirstStart=false",
            "--Qy:Iiif:FixityInterval=00:00:00", "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private string PyramidFile(string page) => _archive.Store.TryGetLocalPath(ArchiveKeys.Pyramid(Item, page))!;

    private string MasterFile(string page) => _archive.Store.TryGetLocalPath(BlobKey.Parse($"ocfl/{Item}/v1/content/master/{page}.jpg"))!;

    private Task<HttpResponseMessage> GetAsync(string page, string what) => _client.GetAsync($"/iiif/3/{Item}~{page}/{what}");

    private async Task WaitForRebuildAsync(string page)
    {
        var fixity = _app.Services.GetRequiredService<ImageService>().Fixity;
        if (fixity.RebuildOf(ImageIdentifier.For(Item, page)) is { } running) await running.WaitAsync(TimeSpan.FromMinutes(2));
    }

    private static void AssertSamePixels(byte[] expected, byte[] actual)
    {
        using var a = Image.NewFromBuffer(expected);
        using var b = Image.NewFromBuffer(actual);
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        using var diff = (a - b).Abs();
        Assert.Equal(0, diff.Max());
    }

    [Fact]
    public async Task A_rotted_pyramid_is_refused_naming_item_and_page_then_rebuilt_and_served_with_the_same_pixels()
    {
        using var before = await GetAsync("p001", Tile);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var good = await before.Content.ReadAsByteArrayAsync();
        var goodDigest = await StoredPyramids.Sha512HexAsync(PyramidFile("p001"));

        Bitrot.Flip(PyramidFile("p001"));

        using (var refused = await GetAsync("p001", Tile))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            var message = await refused.Content.ReadAsStringAsync();
            Assert.Contains($"{Item}~p001", message);
            Assert.Contains("rebuilt", message);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Equal("text/plain", refused.Content.Headers.ContentType?.MediaType);
        }

        // Many viewers at once while the rebuild runs: each is refused or, once it is done, served
        // the good pixels; never a bare 500.
        var all = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => GetAsync("p001", Tile)));
        foreach (var r in all)
        {
            using (r)
            {
                Assert.True(r.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.OK, r.StatusCode.ToString());
                if (r.StatusCode == HttpStatusCode.OK) AssertSamePixels(good, await r.Content.ReadAsByteArrayAsync());
            }
        }

        await WaitForRebuildAsync("p001");

        // The same pixels from a new pyramid: its bytes match its record again, and nothing cached
        // from the damaged version (same length and time) answers.
        Assert.Equal("", await StoredPyramids.FindDamageAsync(_archive.Store, Item, "p001"));
        Assert.Equal(goodDigest, (await StoredPyramids.ReadRecordAsync(_archive.Store, Item, "p001"))!.PyramidSha512);
        using var after = await GetAsync("p001", Tile);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag); // a new version: no cache entry of the damaged one answers
        AssertSamePixels(good, await after.Content.ReadAsByteArrayAsync());
        using var info = await GetAsync("p001", "info.json");
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
    }

    [Fact]
    public async Task A_rotted_pyramid_of_a_rotted_master_stays_refused_and_is_not_rebuilt()
    {
        Bitrot.Flip(MasterFile("p002"));
        Bitrot.Flip(PyramidFile("p002"));
        var damaged = await File.ReadAllBytesAsync(PyramidFile("p002"));

        using var first = await GetAsync("p002", "info.json");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Contains($"{Item}~p002", await first.Content.ReadAsStringAsync());
        await WaitForRebuildAsync("p002");

        using var then = await GetAsync("p002", Tile);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, then.StatusCode);
        var message = await then.Content.ReadAsStringAsync();
        Assert.Contains($"item {Item}, page p002", message);
        Assert.Contains("restored from a replica or backup", message);
        Assert.Null(then.Headers.RetryAfter);
        Assert.Equal(damaged, await File.ReadAllBytesAsync(PyramidFile("p002")));

        // The other page of the item is not affected.
        using var other = await GetAsync("p001", "info.json");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
