using System.Diagnostics;
using System.Net;
using System.Text.Json;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Web.Tests.Hosting;

/// <summary>One ingest of the whole sample collection (no OCR, to keep it quick) shared by the host tests.</summary>
public sealed class IngestedSample
{
    public IngestedSample()
    {
        DataFolder = TestPaths.NewTempFolder("host-data");
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = DataFolder, OcrEnabled = false });
        Report = new IngestRunner(archive).RunAsync(TestPaths.SampleCollection).GetAwaiter().GetResult();
    }

    public string DataFolder { get; }

    public IngestReport Report { get; }

    /// <summary>
    /// Waits until a host started on <see cref="DataFolder"/> has indexed every catalogued item (the fixture ingests
    /// without the index; the host's catch-up indexes at start), so that counts are those of the whole sample.
    /// </summary>
    public async Task WaitUntilIndexedAsync()
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = DataFolder, OcrEnabled = false });
        var items = archive.Catalog.ListItems().Count();
        using var index = new QyHeritage.Search.Indexing.SearchIndex(QyHeritage.Search.Api.SearchApi.IndexFolder(archive.Options));
        for (var deadline = DateTime.UtcNow.AddMinutes(3); new QyHeritage.Search.Indexing.SearchIndexer(archive, index).IndexedVersions().Count < items; await Task.Delay(250))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the host did not index the whole sample within three minutes");
        }
        // The host's searches see a new commit within a second (SearchIndex.RefreshInterval).
        await Task.Delay(TimeSpan.FromSeconds(1.5));
    }
}

public class HostTests(IngestedSample sample) : IClassFixture<IngestedSample>
{
    private static readonly string[] NoFirstRun = ["--Qy:IngestSampleOnFirstStart=false"];

    [Fact]
    public async Task The_host_lists_every_sample_item_on_the_home_page_and_in_the_api()
    {
        Assert.Empty(sample.Report.Problems);
        await using var host = await RunningHost.StartAsync(sample.DataFolder, NoFirstRun);

        using var api = JsonDocument.Parse(await host.Client.GetStringAsync("/api/items"));
        var items = api.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(30, items.Count);
        Assert.Equal(60, items.Sum(i => i.GetProperty("pageCount").GetInt32()));

        var home = await host.Client.GetStringAsync("/");
        var (rows, _) = SampleCollectionReader.Read(TestPaths.SampleCollection);
        foreach (var row in rows)
        {
            Assert.Contains($"data-item-id=\"{row.Item.Id}\"", home);
            Assert.Contains(row.Item.TitleZh, WebUtility.HtmlDecode(home));
        }
        foreach (var heading in new[] { "古籍", "民国文献", "地方报纸", "文史资料" }) Assert.Contains(heading, home);

        using var health = JsonDocument.Parse(await host.Client.GetStringAsync("/health"));
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(30, health.RootElement.GetProperty("items").GetInt32());
    }

    [Fact]
    public async Task The_host_reads_its_first_item_page_at_start_so_the_first_visitor_meets_a_warm_server()
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, NoFirstRun);
        var status = "pending";
        for (var i = 0; i < 240 && status is "pending" or "running"; i++)
        {
            using var health = JsonDocument.Parse(await host.Client.GetStringAsync("/health"));
            status = health.RootElement.GetProperty("warmup").GetString()!;
            if (status is "pending" or "running") await Task.Delay(250);
        }
        Assert.Equal("done", status);

        await using var off = await RunningHost.StartAsync(sample.DataFolder, [.. NoFirstRun, "--Qy:WarmUpOnStart=false"]);
        using var offHealth = JsonDocument.Parse(await off.Client.GetStringAsync("/health"));
        Assert.Equal("off", offHealth.RootElement.GetProperty("warmup").GetString());
    }

    [Fact]
    public async Task Thumbnails_are_small_jpegs_cut_from_the_pyramid_and_revalidate()
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, NoFirstRun);
        using var response = await host.Client.GetAsync("/thumbnails/QY-RB-001/p001.jpg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var image = NetVips.Image.NewFromBuffer(bytes);
        Assert.Equal(256, Math.Max(image.Width, image.Height));
        Assert.InRange(image.Width, 170, 190); // 2400×3400 page → about 181×256

        using var again = new HttpRequestMessage(HttpMethod.Get, "/thumbnails/QY-RB-001/p001.jpg");
        again.Headers.TryAddWithoutValidation("If-None-Match", response.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await host.Client.SendAsync(again)).StatusCode);
    }

    [Theory]
    [InlineData("/api/items/NO-SUCH-ITEM", HttpStatusCode.NotFound)]
    [InlineData("/api/items/..%2F..%2Fetc", HttpStatusCode.BadRequest)]
    [InlineData("/api/items/QY%00RB", HttpStatusCode.BadRequest)]
    [InlineData("/api/items?collection=maps", HttpStatusCode.BadRequest)]
    [InlineData("/thumbnails/QY-RB-001/p999.jpg", HttpStatusCode.NotFound)]
    [InlineData("/thumbnails/QY-RB-001/..%2Fp001.jpg", HttpStatusCode.BadRequest)]
    [InlineData("/thumbnails/NO-SUCH/p001.jpg", HttpStatusCode.NotFound)]
    public async Task Bad_requests_get_clear_client_errors_not_500(string url, HttpStatusCode expected)
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, NoFirstRun);
        using var response = await host.Client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task One_item_in_detail_has_its_pages_and_provenance()
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, NoFirstRun);
        using var doc = JsonDocument.Parse(await host.Client.GetStringAsync("/api/items/QY-RB-001"));
        var root = doc.RootElement;
        Assert.Equal("rare-book", root.GetProperty("collection").GetString());
        Assert.Equal(1731, root.GetProperty("date").GetProperty("startYear").GetInt32());
        Assert.Contains("kanripo", root.GetProperty("source").GetString());
        var pages = root.GetProperty("pages").EnumerateArray().ToList();
        Assert.Equal(4, pages.Count);
        Assert.Equal((2400, 3400), (pages[0].GetProperty("width").GetInt32(), pages[0].GetProperty("height").GetInt32()));
        Assert.Equal("004-10b", pages[0].GetProperty("label").GetString());
    }
}

public class FirstStartTests
{
    [Fact]
    public async Task The_first_start_ingests_the_sample_in_the_background_and_later_starts_skip_it()
    {
        var data = TestPaths.NewTempFolder("first-start");
        var subset = TestPaths.SampleSubset("QY-RB-002", "QY-LH-003");
        string[] args = [$"--Qy:SampleCollection={subset}", "--Qy:OcrEnabled=false"];
        await using (var host = await RunningHost.StartAsync(data, args))
        {
            // The site answers at once, before the ingest is over.
            Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/")).StatusCode);
            var status = await WaitForIngestAsync(host.Client);
            Assert.Equal("done", status);
            using var api = JsonDocument.Parse(await host.Client.GetStringAsync("/api/items"));
            Assert.Equal(2, api.RootElement.GetProperty("count").GetInt32());
        }
        await using (var again = await RunningHost.StartAsync(data, args))
        {
            Assert.Equal("skipped", await WaitForIngestAsync(again.Client));
            using var api = JsonDocument.Parse(await again.Client.GetStringAsync("/api/items"));
            Assert.Equal(2, api.RootElement.GetProperty("count").GetInt32());
        }
    }

    internal static async Task<string> WaitForIngestAsync(HttpClient client, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            using var health = JsonDocument.Parse(await client.GetStringAsync("/health"));
            var status = health.RootElement.GetProperty("sampleIngest").GetString()!;
            if (!status.StartsWith("running") && status != "pending") return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"ingest still '{status}'");
            await Task.Delay(200);
        }
    }
}

public class CommandLineTests
{
    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "QyHeritage.Web.dll");

    private static async Task<(int Code, string Out, string Err)> RunQyAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.RepoRoot };
        psi.ArgumentList.Add(HostDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    [Theory]
    [InlineData("ingest", "items.csv")]
    [InlineData("rebuild", "storage alone")]
    [InlineData("serve", "/health")]
    public async Task Every_verb_explains_itself_with_help(string verb, string expected)
    {
        var (code, output, _) = await RunQyAsync(verb, "--help");
        Assert.Equal(0, code);
        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task Wrong_usage_exits_2_with_a_message()
    {
        var (code, _, err) = await RunQyAsync("ingset");
        Assert.Equal(2, code);
        Assert.Contains("Unknown verb", err);
        (code, _, err) = await RunQyAsync("ingest");
        Assert.Equal(2, code);
        Assert.Contains("FOLDER", err);
    }

    [Fact]
    public async Task Serving_on_a_port_in_use_says_so_and_how_to_choose_another()
    {
        using var squatter = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var data = TestPaths.NewTempFolder("port-in-use");
        var (code, _, err) = await RunQyAsync("serve", $"--urls=http://127.0.0.1:{port}", $"--Qy:DataFolder={data}", "--Qy:IngestSampleOnFirstStart=false");
        Assert.Equal(1, code);
        Assert.Contains("address already in use", err);
        Assert.Contains("--urls=", err);
    }

    [Fact]
    public async Task Ingest_in_another_process_while_serving_shows_up_without_a_restart_and_rebuild_recreates_the_catalog()
    {
        var data = TestPaths.NewTempFolder("live-ingest");
        var subset = TestPaths.SampleSubset("QY-RD-002", "QY-NP-001", "QY-LH-004");
        await using var host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false");
        using (var before = JsonDocument.Parse(await host.Client.GetStringAsync("/api/items")))
            Assert.Equal(0, before.RootElement.GetProperty("count").GetInt32());

        var (code, output, err) = await RunQyAsync("ingest", subset, $"--Qy:DataFolder={data}", "--Qy:OcrEnabled=false");
        Assert.True(code == 0, output + err);
        Assert.Contains("3 added", output);
        var listed = await host.Client.GetStringAsync("/api/items");
        using (var after = JsonDocument.Parse(listed))
            Assert.Equal(3, after.RootElement.GetProperty("count").GetInt32());

        // The catalog is derived: rebuild it from storage alone while the host serves; nothing changes for readers.
        var details = await host.Client.GetStringAsync("/api/items/QY-RD-002");
        (code, output, err) = await RunQyAsync("rebuild", $"--Qy:DataFolder={data}");
        Assert.True(code == 0, output + err);
        Assert.Contains("3 items", output);
        Assert.Equal(listed, await host.Client.GetStringAsync("/api/items"));
        Assert.Equal(details, await host.Client.GetStringAsync("/api/items/QY-RD-002"));
    }
}
