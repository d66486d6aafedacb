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
using Microsoft.Playwright;
using QyHeritage.Immersive.Rendering;
using QyHeritage.Web.Features.Halls;
using QyHeritage.Web.Tests.Exhibitions;
using QyHeritage.Web.Tests.Hosting;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Halls;

/// <summary>
/// Two sample items, the test story published before the host starts, the real host on loopback; chromium started on
/// first use. Shared by the halls' serving and panorama tests (one render of the story's pictures for both).
/// </summary>
public sealed class HallSite : IAsyncLifetime
{
    public RunningHost Host { get; private set; } = default!;

    private HeadlessChromium? _chromium;
    private readonly SemaphoreSlim _launch = new(1, 1);

    public async Task InitializeAsync()
    {
        var data = await PrepareDataAsync("halls-web");
        Host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false", "--Qy:Halls:Renderer=egl");
    }

    /// <summary>
    /// What the hall fixtures start their hosts over: a new data folder (named after <paramref name="prefix"/>) with two
    /// sample items (QY-RB-008, QY-LH-002, OCR off) and the test story (<see cref="ExhibitionSite.Story"/>) published.
    /// </summary>
    public static async Task<string> PrepareDataAsync(string prefix)
    {
        var data = TestPaths.NewTempFolder(prefix);
        await PrepareDataAsync(data, ExhibitionSite.Story(), "QY-RB-008", "QY-LH-002");
        return data;
    }

    /// <summary>The items ingested into <paramref name="data"/> (no OCR) and <paramref name="exhibition"/> saved and published there.</summary>
    public static async Task PrepareDataAsync(string data, Exhibition exhibition, params string[] items)
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = data, OcrEnabled = false });
        var report = await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset(items));
        if (report.ItemsAdded != items.Length) throw new InvalidOperationException(string.Join("; ", report.Problems));
        var store = new ExhibitionStore(archive);
        await store.SaveVersionAsync(exhibition, "curator-li", "test story");
        await store.PublishAsync(exhibition.Id, "curator-li");
    }

    public string Url(string path) => new Uri(Host.Client.BaseAddress!, path).ToString();

    public async Task<IPage> NewPageAsync(int width, int height)
    {
        await _launch.WaitAsync();
        try
        {
            _chromium ??= await PagesSite.LaunchChromiumAsync(webGl: true);
        }
        finally
        {
            _launch.Release();
        }
        return await PagesSite.OpenPageAsync(_chromium!.Browser, width, height, null);
    }

    /// <summary>Asks for a picture until it is rendered (each answer before that a bilingual 503 with Retry-After); its bytes.</summary>
    public async Task<HttpResponseMessage> WaitForPictureAsync(string path, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            HttpResponseMessage r;
            try { r = await Host.Client.GetAsync(path); }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
                continue; // the first request compiles the hall: on a busy machine that can outlast the client's 60 s
            }
            if (r.StatusCode == HttpStatusCode.OK) return r;
            var body = await r.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
            var state = r.Headers.TryGetValues(HallPictureEndpoints.StateHeader, out var states) ? string.Join(",", states) : "(none)";
            Assert.True(r.Headers.RetryAfter is not null, $"{path}: 503 without Retry-After, pictures {state}: {body}");
            Assert.Matches("[\u4e00-\u9fff]", body);
            Assert.Contains("try again shortly", body);
            Assert.True(r.Headers.Contains(HallPictureEndpoints.StateHeader), "the 503 says where the pictures stand");
            r.Dispose();
            Assert.True(DateTime.UtcNow < deadline, $"{path} was not rendered within {within.TotalSeconds} s: {body}");
            await Task.Delay(1000);
        }
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null) await _chromium.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class HallSiteCollection : ICollectionFixture<HallSite>
{
    public const string Name = "halls-web";
}

[Collection(HallSiteCollection.Name)]
public class HallServingTests(HallSite site)
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
    [InlineData("/halls/no-such-show/stops/1.jpg", HttpStatusCode.NotFound, "没有已发布的展览")]
    [InlineData("/halls/no-such-show/preview.jpg", HttpStatusCode.NotFound, "No hall")]
    [InlineData("/halls/" + ExhibitionSite.Id + "/stops/99.jpg", HttpStatusCode.NotFound, "no stop 99")]
    [InlineData("/halls/" + ExhibitionSite.Id + "/stops/0.jpg", HttpStatusCode.BadRequest, "whole number")]
    [InlineData("/halls/" + ExhibitionSite.Id + "/stops/abc.jpg", HttpStatusCode.BadRequest, "导览站号")]
    [InlineData("/halls/" + ExhibitionSite.Id + "/stops/-1.jpg", HttpStatusCode.BadRequest, "whole number")]
    [InlineData("/halls/" + ExhibitionSite.Id + "/stops/1.5.jpg", HttpStatusCode.BadRequest, "whole number")]
    [InlineData("/halls/Bad_Id/stops/1.jpg", HttpStatusCode.BadRequest, "展览编号")]
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
    public async Task Publishing_in_the_host_compiles_the_hall_then_renders_its_pictures_in_the_background()
    {
        var archive = site.Host.Services.GetRequiredService<ArchiveServices>();
        var store = site.Host.Services.GetRequiredService<ExhibitionStore>();
        var id = "hall-on-publish";
        // One section of one exhibit: two tour stops, so two panoramas.
        var story = ExhibitionSite.Story();
        var small = story with { Id = id, Sections = [story.Sections[0] with { Exhibits = [story.Sections[0].Exhibits[0]] }] };
        await store.SaveVersionAsync(small, "curator-li", "another");
        await store.PublishAsync(id, "curator-li");
        // Rendering four pictures takes seconds of CPU: had publishing waited for it, they would be there now.
        Assert.Null(await archive.Store.StatAsync(HallPictureDerivatives.RecordKey(id)));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await archive.Store.StatAsync(HallDerivatives.RecordKey(id)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the hall was not compiled within 90 s of publishing");
            await Task.Delay(250);
        }
        Assert.NotNull(await archive.Store.StatAsync(HallDerivatives.GlbKey(id)));

        // Then its pictures, with nobody asking for them: the preview, the stereo pair and a panorama per stop.
        deadline = DateTime.UtcNow.AddSeconds(300);
        while (await archive.Store.StatAsync(HallPictureDerivatives.RecordKey(id)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the hall's pictures were not rendered within 300 s of publishing");
            await Task.Delay(500);
        }
        var pictures = System.Text.Json.JsonSerializer.Deserialize<HallPicturesRecord>(await archive.Store.ReadBytesAsync(HallPictureDerivatives.RecordKey(id)))!;
        Assert.Equal(["preview.jpg", "stereo.jpg", "stops/1.jpg", "stops/2.jpg"], pictures.Files.Select(f => f.Name));
        var hallRecord = System.Text.Json.JsonSerializer.Deserialize<HallRecord>(await archive.Store.ReadBytesAsync(HallDerivatives.RecordKey(id)))!;
        Assert.Equal(hallRecord.GlbSha512, pictures.GlbSha512);

        // One byte of the GLB and one of a panorama rot: qy audit finds both and names the exhibition and the blob.
        var glbFile = archive.Store.TryGetLocalPath(HallDerivatives.GlbKey(id))!;
        var rotten = await File.ReadAllBytesAsync(glbFile);
        rotten[rotten.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(glbFile, rotten);
        var stopFile = archive.Store.TryGetLocalPath(HallPictureDerivatives.PictureKey(id, "stops/2.jpg"))!;
        var rottenStop = await File.ReadAllBytesAsync(stopFile);
        rottenStop[rottenStop.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(stopFile, rottenStop);
        var reportPath = Path.Combine(TestPaths.NewTempFolder("hall-audit"), "audit.json");
        Assert.Equal(1, await QyHeritage.Web.Cli.QyCommandLine.RunAsync(["audit", $"--report={reportPath}", $"--Qy:DataFolder={site.Host.DataFolder}"]));
        var findings = JsonNode.Parse(await File.ReadAllTextAsync(reportPath))!["findings"]!.AsArray();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("exhibitions." + id, (string?)f!["item"]));
        Assert.All(findings, f => Assert.Equal("corrupted", (string?)f!["kind"]));
        Assert.Equal([$"derivatives/halls/{id}.glb", $"derivatives/halls/{id}/stops/2.jpg"], findings.Select(f => (string?)f!["contentPath"]).Order());
        Assert.Contains("qy hall compile " + id, (string?)findings.First(f => ((string?)f!["contentPath"])!.EndsWith(".glb"))!["message"]);

        // A rotten panorama is rendered again, never served.
        using (var second = await site.WaitForPictureAsync($"/halls/{id}/stops/2.jpg", TimeSpan.FromSeconds(300)))
        {
            var fresh = await second.Content.ReadAsByteArrayAsync();
            Assert.NotEqual(rottenStop, fresh);
            var rerendered = System.Text.Json.JsonSerializer.Deserialize<HallPicturesRecord>(await archive.Store.ReadBytesAsync(HallPictureDerivatives.RecordKey(id)))!;
            Assert.Equal(rerendered.Find("stops/2.jpg")!.Sha512, Convert.ToHexStringLower(SHA512.HashData(fresh)));
        }

        // A stored hall whose bytes rotted is compiled again, never served.
        using var served = await Client.GetAsync($"/halls/{id}.glb");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(rotten, bytes);
        var record = System.Text.Json.JsonSerializer.Deserialize<HallRecord>(await archive.Store.ReadBytesAsync(HallDerivatives.RecordKey(id)))!;
        Assert.Equal(record.GlbSha512, Convert.ToHexStringLower(SHA512.HashData(bytes)));

        // Pictures whose record is lost (a crash between render and record, a hand-cleaned store) are queued again by the
        // first visitor who asks, never left "not rendered" until someone publishes again.
        await archive.Store.DeleteAsync(HallPictureDerivatives.RecordKey(id));
        using (var again = await site.WaitForPictureAsync($"/halls/{id}/stops/1.jpg", TimeSpan.FromSeconds(300)))
            Assert.Equal("image/jpeg", again.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(await archive.Store.StatAsync(HallPictureDerivatives.RecordKey(id)));
    }

    [Fact]
    public async Task Qy_hall_compile_stores_the_hall_and_refuses_an_unknown_exhibition()
    {
        var data = site.Host.DataFolder;
        Assert.Equal(0, await QyHeritage.Web.Cli.QyCommandLine.RunAsync(["hall", "compile", ExhibitionSite.Id, $"--Qy:DataFolder={data}"]));
        Assert.Equal(1, await QyHeritage.Web.Cli.QyCommandLine.RunAsync(["hall", "compile", "no-such-show", $"--Qy:DataFolder={data}"]));
        Assert.Equal(2, await QyHeritage.Web.Cli.QyCommandLine.RunAsync(["hall", "compile"]));
    }

    [Fact]
    public async Task Stop_panoramas_are_served_as_4096_by_2048_jpegs_with_strong_etags_and_wrap_without_a_seam()
    {
        var id = ExhibitionSite.Id;
        using var first = await site.WaitForPictureAsync($"/halls/{id}/stops/1.jpg", TimeSpan.FromSeconds(400));
        Assert.Equal("image/jpeg", first.Content.Headers.ContentType?.MediaType);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        var panorama = RenderedImage.Decode(bytes);
        Assert.Equal((4096, 2048), (panorama.Width, panorama.Height));
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Contains("no-cache", first.Headers.CacheControl!.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/halls/{id}/stops/1.jpg");
        again.Headers.IfNoneMatch.Add(etag);
        using (var notModified = await Client.SendAsync(again)) Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        using (var versioned = await Client.GetAsync($"/halls/{id}/stops/1.jpg?v={etag.Tag.Trim('"')}"))
        {
            Assert.Contains("immutable", versioned.Headers.CacheControl!.ToString());
            Assert.Equal(bytes, await versioned.Content.ReadAsByteArrayAsync());
        }

        // The left and right edges meet behind the viewer: the seam differs no more than neighbouring columns do.
        var neighbours = Enumerable.Range(0, 511).Select(x => panorama.ColumnDifference(x * 8, x * 8 + 1)).Order().ToArray();
        var typical = neighbours[neighbours.Length * 9 / 10];
        var seam = panorama.ColumnDifference(panorama.Width - 1, 0);
        Assert.True(seam <= typical + 1.5, $"the seam differs by {seam:F2} levels; 90 % of neighbouring columns by ≤ {typical:F2}");

        // Every stop has its panorama, each its own picture; the preview and the stereo pair beside them.
        var stops = ExhibitionSite.Story().Sections.Count + ExhibitionSite.Story().Exhibits.Count();
        var tags = new HashSet<string>();
        for (var n = 1; n <= stops; n++)
        {
            using var r = await Client.GetAsync($"/halls/{id}/stops/{n}.jpg");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.True(tags.Add(r.Headers.ETag!.Tag), $"stop {n} has the same picture as another");
        }
        using (var preview = await Client.GetAsync($"/halls/{id}/preview.jpg"))
        {
            var p = RenderedImage.Decode(await preview.Content.ReadAsByteArrayAsync());
            Assert.Equal((1600, 900), (p.Width, p.Height));
            RenderOutputs.Keep(p, "hall-preview");
        }
        using (var stereo = await Client.GetAsync($"/halls/{id}/stereo.jpg"))
            Assert.Equal((2048, 1024), (RenderedImage.Decode(await stereo.Content.ReadAsByteArrayAsync()) is var st ? (st.Width, st.Height) : default));
        using (var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/halls/{id}/stops/1.jpg")))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
        }
        RenderOutputs.Keep(panorama, "hall-stop-1");

        // Stored beside the GLB with their digests: intact now.
        Assert.Empty(await site.Host.Services.GetRequiredService<HallPictureDerivatives>().CheckFixityAsync(id, default));
    }

    [Fact]
    public async Task Without_a_renderer_the_hall_still_works_and_the_panorama_route_says_why_there_are_none()
    {
        var data = TestPaths.NewTempFolder("halls-no-renderer");
        var story = ExhibitionSite.Story();
        var tea = story with { Id = "tea-only", Cover = "chashan", Sections = [story.Sections[1]] };
        await HallSite.PrepareDataAsync(data, tea, "QY-LH-002");
        await using var host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false", "--Qy:Halls:Renderer=off");

        using var glb = await host.Client.GetAsync("/halls/tea-only.glb");
        Assert.Equal(HttpStatusCode.OK, glb.StatusCode);
        using var stop = await host.Client.GetAsync("/halls/tea-only/stops/1.jpg");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stop.StatusCode);
        Assert.Equal("unavailable", stop.Headers.GetValues(HallPictureEndpoints.StateHeader).Single());
        Assert.Null(stop.Headers.RetryAfter); // asking again will not help
        var body = await stop.Content.ReadAsStringAsync();
        Assert.Contains("无法离屏渲染", body);
        Assert.Contains("cannot render hall pictures", body);
        Assert.Contains("the hall itself still works", body);

        var page = await host.Client.GetStringAsync("/halls/tea-only");
        Assert.Contains("data-glb=", page);
        Assert.Contains("此服务器无法生成全景图", page);
    }
}

/// <summary>Pictures the halls' tests looked at, kept as test output (tests/QyHeritage.Web.Tests/TestResults/renders).</summary>
internal static class RenderOutputs
{
    public static void Keep(RenderedImage image, string name)
    {
        var dir = Path.Combine(TestPaths.RepoRoot, "tests", "QyHeritage.Web.Tests", "TestResults", "renders");
        Directory.CreateDirectory(dir);
        image.SaveJpeg(Path.Combine(dir, name + ".jpg"));
    }
}
