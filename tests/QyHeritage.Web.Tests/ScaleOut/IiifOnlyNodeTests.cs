using System.Net;
using System.Text.Json;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Web.Tests.ScaleOut;

/// <summary>
/// Issue 12: a IIIF-only node (Qy:Role=iiif), the scale-out shape, serves images and manifests from the
/// blob store alone: it starts on a data folder that has no catalog database and makes none.
/// </summary>
public class IiifOnlyNodeTests
{
    private const string Item = "QY-RB-002";

    [Fact]
    public async Task A_iiif_only_node_serves_info_json_tiles_and_manifests_without_a_catalog_and_makes_none()
    {
        // The store as a full node wrote it, handed to a node whose data folder holds nothing else.
        var writer = TestPaths.NewTempFolder("iiif-only-writer");
        var report = await new IngestRunner(new ArchiveServices(new ArchiveOptions { DataFolder = writer, OcrEnabled = false }))
            .RunAsync(TestPaths.SampleSubset(Item));
        Assert.Empty(report.Problems);
        var node = TestPaths.NewTempFolder("iiif-only-node");
        Directory.Move(Path.Combine(writer, "store"), Path.Combine(node, "store"));
        var catalog = new ArchiveOptions { DataFolder = node }.CatalogPath;
        Assert.False(File.Exists(catalog));

        await using var app = WebHost.Build(["--urls=http://127.0.0.1:0", $"--Qy:DataFolder={node}", "--Qy:Role=iiif", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };

        using (var info = await client.GetAsync($"/iiif/3/{Item}~p001/info.json"))
        {
            Assert.Equal(HttpStatusCode.OK, info.StatusCode);
            using var json = JsonDocument.Parse(await info.Content.ReadAsStringAsync());
            Assert.Equal(2400, json.RootElement.GetProperty("width").GetInt32());
        }
        using (var tile = await client.GetAsync($"/iiif/3/{Item}~p001/0,0,512,512/256,/0/default.jpg"))
        {
            Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
            Assert.Equal("image/jpeg", tile.Content.Headers.ContentType?.MediaType);
            Assert.True((await tile.Content.ReadAsByteArrayAsync()).Length > 1000);
        }
        using (var manifest = await client.GetAsync($"/iiif/presentation/{Item}/manifest"))
            Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        // What needs the catalog or the index is left to the full nodes, with a reason rather than an empty answer.
        using (var collection = await client.GetAsync("/iiif/presentation/collection/top"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, collection.StatusCode);
            Assert.Contains("IIIF-only", await collection.Content.ReadAsStringAsync());
        }
        using (var search = await client.GetAsync($"/iiif/search/{Item}?q=清远"))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, search.StatusCode);
        var health = await WaitForStorageCheckAsync(client);
        Assert.Equal(("ok", "iiif", "ok"), (health.GetProperty("status").GetString(), health.GetProperty("role").GetString(),
            health.GetProperty("storage").GetProperty("status").GetString()));

        await app.StopAsync();
        Assert.False(File.Exists(catalog), "the IIIF-only node created a catalog database");
        Assert.False(Directory.Exists(Path.Combine(node, "index")), "the IIIF-only node created a search index");
    }

    [Fact]
    public async Task A_iiif_only_node_whose_store_does_not_answer_starts_and_says_so_on_health()
    {
        // An S3 endpoint on a loopback port where nothing listens: the bucket is down, as a balancer must learn.
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var app = WebHost.Build(["--urls=http://127.0.0.1:0", $"--Qy:DataFolder={TestPaths.NewTempFolder("iiif-only-down")}", "--Qy:Role=iiif",
            "--Qy:Storage=S3", $"--Qy:S3:Endpoint=127.0.0.1:{port}", "--Qy:S3:Bucket=qy-down", "--Qy:S3:AccessKey=qy", "--Qy:S3:SecretKey=qy-secret",
            "--Qy:S3:UseTls=false", "--Qy:S3:MaxAttempts=1", "--Logging:LogLevel:Default=Error"]);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };

        var health = await WaitForStorageCheckAsync(client);
        Assert.Equal(("degraded", "unreachable"), (health.GetProperty("status").GetString(), health.GetProperty("storage").GetProperty("status").GetString()));
        Assert.False(string.IsNullOrEmpty(health.GetProperty("storage").GetProperty("detail").GetString()));
        await app.StopAsync();
    }

    /// <summary>/health once the node has checked its blob store (the first check runs when it starts).</summary>
    private static async Task<JsonElement> WaitForStorageCheckAsync(HttpClient client)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(250))
        {
            var health = JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement;
            if (health.GetProperty("storage").GetProperty("status").GetString() != "unknown" || DateTime.UtcNow > deadline) return health;
        }
    }
}
