using Microsoft.Playwright;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Hosting;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Exhibitions;

/// <summary>
/// Two sample items ingested, an exhibition over them saved and published through the store (one exhibit with a
/// hostile label), the real host on loopback, and headless Debian chromium.
/// </summary>
public sealed class ExhibitionSite : IAsyncLifetime
{
    public const string Id = "test-story";
    public const string Hostile = "<img src=x onerror=alert(1)>";
    public static readonly PixelRegion GorgeRegion = new(560, 310, 877, 2810);
    public static readonly PixelRegion TeaRegion = new(1568, 310, 506, 2810);

    private HeadlessChromium? _chromium;

    public RunningHost Host { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public string Url(string path) => new Uri(Host.Client.BaseAddress!, path).ToString();

    public static Exhibition Story() => new(
        Id,
        new Bilingual("北江与茶山", "The North River and the Tea Mountain"),
        new Bilingual("测试展览", "A test exhibition"),
        new Bilingual("第一段。\n\n第二段 <b>不是粗体</b>。", "First paragraph.\n\nSecond paragraph."),
        ExhibitionHalls.BeijiangGallery,
        "gorge",
        [
            new ExhibitionSection("zhen", new Bilingual("溱水", "The Zhen river"), new Bilingual("溱水即今北江。", "The Zhen is today's North River."),
            [
                new Exhibit("gorge", "QY-RB-008", 1, GorgeRegion, new Bilingual("溱水南入湞陽县", "The Zhen flows south into Zhenyang"),
                    new Bilingual("湞陽即今英德。", "Zhenyang is today's Yingde.")),
                new Exhibit("hostile", "QY-RB-008", 2, null, new Bilingual(Hostile, Hostile), new Bilingual("<script>alert(2)</script>", "")),
            ]),
            new ExhibitionSection("tea", new Bilingual("湞陽茶山", "The Tea Mountain of Zhenyang"), null,
            [
                new Exhibit("chashan", "QY-LH-002", 1, TeaRegion, new Bilingual("湞陽县北五里有茶山", "Five li north of Zhenyang is a Tea Mountain")),
            ]),
        ]);

    public async Task InitializeAsync()
    {
        var data = TestPaths.NewTempFolder("exhibition-pages");
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = data, OcrEnabled = false });
        var report = await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset("QY-RB-008", "QY-LH-002"));
        if (report.ItemsAdded != 2) throw new InvalidOperationException("the exhibition fixture's ingest failed: " + string.Join("; ", report.Problems));
        var store = new ExhibitionStore(archive);
        await store.SaveVersionAsync(Story(), "curator-li", "test story");
        await store.PublishAsync(Id, "curator-li");
        // Saved but never published: the public pages must not show it.
        await store.SaveVersionAsync(Story() with { Id = "unpublished-draft" }, "curator-li", "not yet");
        Host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false");
        _chromium = await PagesSite.LaunchChromiumAsync();
        Browser = _chromium.Browser;
    }

    /// <summary>The rights statement an item has after <see cref="ReingestWithNewRightsAsync"/>.</summary>
    public const string RightsCheckedAgain = "licensed CC BY-SA 4.0 (checked again 2026);";

    /// <summary>
    /// Ingests <paramref name="item"/> again with a changed rights statement, so that the catalog holds a newer version
    /// than a published exhibition pins: as <c>qy ingest</c> would, a second archive on the host's data folder (OCR off:
    /// the masters are unchanged).
    /// </summary>
    public async Task ReingestWithNewRightsAsync(string item)
    {
        var subset = TestPaths.SampleSubset(item);
        var csv = Path.Combine(subset, "items.csv");
        var text = await File.ReadAllTextAsync(csv);
        if (!text.Contains("licensed CC BY-SA 4.0;", StringComparison.Ordinal)) throw new InvalidOperationException($"{item}'s rights are not the ones this fixture changes");
        await File.WriteAllTextAsync(csv, text.Replace("licensed CC BY-SA 4.0;", RightsCheckedAgain, StringComparison.Ordinal));
        var report = await new IngestRunner(new ArchiveServices(new ArchiveOptions { DataFolder = Host.DataFolder, OcrEnabled = false })).RunAsync(subset);
        if (report.ItemsUpdated != 1) throw new InvalidOperationException($"{item} was not ingested again: " + string.Join("; ", report.Problems));
    }

    public Task<IPage> NewPageAsync(int width = 1280, int height = 900, List<string>? dialogs = null) =>
        PagesSite.OpenPageAsync(Browser, width, height, dialogs);

    public static Task ScreenshotAsync(IPage page, string name) => PagesSite.ScreenshotAsync(page, name);

    public async Task DisposeAsync()
    {
        if (_chromium is not null) await _chromium.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
    }
}
