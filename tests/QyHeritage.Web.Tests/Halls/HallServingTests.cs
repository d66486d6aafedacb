using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Storage;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Features.Halls;
using QyHeritage.Web.Tests.Exhibitions;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Halls;

/// <summary>Two sample items, the test story published before the host starts, the real host on loopback.</summary>
public sealed class HallSite : IAsyncLifetime
{
    public RunningHost Host { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var data = await PrepareDataAsync("halls-web");
        Host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false");
    }

    /// <summary>
    /// What every hall fixture starts its host over: a new data folder (named after <paramref name="prefix"/>) with two
    /// sample items (QY-RB-008, QY-LH-002, OCR off) and the test story (<see cref="ExhibitionSite.Story"/>) published.
    /// </summary>
    public static async Task<string> PrepareDataAsync(string prefix)
    {
        var data = TestPaths.NewTempFolder(prefix);
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = data, OcrEnabled = false });
        var report = await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset("QY-RB-008", "QY-LH-002"));
        if (report.ItemsAdded != 2) throw new InvalidOperationException(string.Join("; ", report.Problems));
        var store = new ExhibitionStore(archive);
        await store.SaveVersionAsync(ExhibitionSite.Story(), "curator-li", "test story");
        await store.PublishAsync(ExhibitionSite.Id, "curator-li");
        return data;
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}

public class HallServingTests(HallSite site) : IClassFixture<HallSite>
{
    private HttpClient Client => site.Host.Client;

    [Fact]
    public async Task The_hall_is_served_as_glb_with_a_strong_etag_and_a_304_for_a_current_copy()
    {
        using var first = await Client.GetAsync($"/halls/{ExhibitionSite.Id}.glb");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("model/gltf-binary", first.Content.Headers.ContentType?.MediaType);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal("glTF"u8.ToArray(), bytes[..4]);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Contains("no-cache", first.Headers.CacheControl!.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/halls/{ExhibitionSite.Id}.glb");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        // Asked for by its version, the same bytes may be kept for ever.
        var version = etag.Tag.Trim('"');
        using var versioned = await Client.GetAsync($"/halls/{ExhibitionSite.Id}.glb?v={version}");
        Assert.Contains("immutable", versioned.Headers.CacheControl!.ToString());
        Assert.Equal(bytes, await versioned.Content.ReadAsByteArrayAsync());

        // Stored beside the pyramids with the digest of its bytes.
        var archive = site.Host.Services.GetRequiredService<ArchiveServices>();
        Assert.NotNull(await archive.Store.StatAsync(HallDerivatives.GlbKey(ExhibitionSite.Id)));
        var record = System.Text.Json.JsonSerializer.Deserialize<HallRecord>(await archive.Store.ReadBytesAsync(HallDerivatives.RecordKey(ExhibitionSite.Id)))!;
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(bytes)), record.GlbSha512);
        Assert.StartsWith(record.Version, version);
        Assert.Equal("", await site.Host.Services.GetRequiredService<HallDerivatives>().CheckFixityAsync(ExhibitionSite.Id, default));
    }

    [Theory]
    [InlineData("/halls/no-such-show.glb", HttpStatusCode.NotFound, "没有已发布的展览")]
    [InlineData("/halls/unpublished-draft.glb", HttpStatusCode.NotFound, "No hall")]
    [InlineData("/iiif/presentation/halls/no-such-show/manifest", HttpStatusCode.NotFound, "没有已发布的展览")]
    [InlineData("/halls/Bad_Id.glb", HttpStatusCode.BadRequest, "展览编号")]
    public async Task An_unknown_or_malformed_exhibition_gets_a_bilingual_answer_never_a_500(string path, HttpStatusCode status, string text)
    {
        using var r = await Client.GetAsync(path);
        Assert.Equal(status, r.StatusCode);
        var body = await r.Content.ReadAsStringAsync();
        Assert.Contains(text, body);
        Assert.Matches("[\u4e00-\u9fff]", body);
        Assert.Matches("[A-Za-z]{4,}", body);
    }

    [Fact]
    public async Task The_hall_is_a_draft_iiif_presentation_4_scene_with_the_model_the_exhibit_canvases_cameras_and_lights()
    {
        using var r = await Client.GetAsync($"/iiif/presentation/halls/{ExhibitionSite.Id}/manifest");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var manifest = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        Assert.Equal("http://iiif.io/api/presentation/4/context.json", (string?)manifest["@context"]);
        Assert.Contains("draft", (string?)manifest["summary"]!["en"]![0]);
        var scene = manifest["items"]![0]!;
        Assert.Equal("Scene", (string?)scene["type"]);
        var annotations = scene["items"]![0]!["items"]!.AsArray();
        var model = annotations.Single(a => (string?)a!["body"]!["type"] == "Model")!;
        Assert.Equal("model/gltf-binary", (string?)model["body"]!["format"]);
        var glbUrl = new Uri((string)model["body"]!["id"]!);
        Assert.Contains("v=", glbUrl.Query);
        using var glb = await Client.GetAsync(glbUrl.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, glb.StatusCode);

        var canvases = annotations.Where(a => (string?)a!["body"]!["source"]?["type"] == "Canvas").ToList();
        var story = ExhibitionSite.Story();
        Assert.Equal(story.Exhibits.Select(x => $"/iiif/presentation/exhibitions/{story.Id}/canvas/{x.Id}"),
            canvases.Select(c => new Uri((string)c!["body"]!["source"]!["id"]!).AbsolutePath));
        Assert.All(canvases, c => Assert.Equal("PointSelector", (string?)c!["target"]!["selector"]![0]!["type"]));
        // The linked canvases exist in the exhibition's own manifest.
        using var exhibitionManifest = await Client.GetAsync($"/iiif/presentation/exhibitions/{story.Id}/manifest");
        var canvasIds = JsonNode.Parse(await exhibitionManifest.Content.ReadAsStringAsync())!["items"]!.AsArray().Select(c => (string?)c!["id"]).ToList();
        Assert.All(canvases, c => Assert.Contains((string?)c!["body"]!["source"]!["id"], canvasIds));

        var cameras = annotations.Count(a => (string?)a!["body"]!["type"] == "PerspectiveCamera");
        Assert.Equal(story.Sections.Count + story.Exhibits.Count(), cameras);
        Assert.Contains(annotations, a => ((string?)a!["body"]!["type"])?.EndsWith("Light", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Publishing_in_the_host_compiles_the_hall()
    {
        var archive = site.Host.Services.GetRequiredService<ArchiveServices>();
        var store = new ExhibitionStore(archive);
        var id = "hall-on-publish";
        await store.SaveVersionAsync(ExhibitionSite.Story() with { Id = id }, "curator-li", "another");
        await store.PublishAsync(id, "curator-li");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await archive.Store.StatAsync(HallDerivatives.RecordKey(id)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the hall was not compiled within 90 s of publishing");
            await Task.Delay(250);
        }
        Assert.NotNull(await archive.Store.StatAsync(HallDerivatives.GlbKey(id)));

        // A stored hall whose bytes rotted is compiled again, never served.
        var glbFile = archive.Store.TryGetLocalPath(HallDerivatives.GlbKey(id))!;
        var rotten = await File.ReadAllBytesAsync(glbFile);
        rotten[rotten.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(glbFile, rotten);
        using var served = await Client.GetAsync($"/halls/{id}.glb");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(rotten, bytes);
        var record = System.Text.Json.JsonSerializer.Deserialize<HallRecord>(await archive.Store.ReadBytesAsync(HallDerivatives.RecordKey(id)))!;
        Assert.Equal(record.GlbSha512, Convert.ToHexStringLower(SHA512.HashData(bytes)));
    }

    [Fact]
    public async Task Qy_hall_compile_stores_the_hall_and_refuses_an_unknown_exhibition()
    {
        var data = site.Host.DataFolder;
        Assert.Equal(0, await QyHeritage.Web.Cli.QyCommandLine.RunAsync(["hall", "compile", ExhibitionSite.Id, $"--Qy:DataFolder={data}"]));
        Assert.Equal(1, await QyHeritage.Web.Cli.QyCommandLine.RunAsync(["hall", "compile", "no-such-show", $"--Qy:DataFolder={data}"]));
        Assert.Equal(2, await QyHeritage.Web.Cli.QyCommandLine.RunAsync(["hall", "compile"]));
    }
}
