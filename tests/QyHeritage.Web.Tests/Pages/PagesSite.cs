using Microsoft.Playwright;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Pages;

/// <summary>
/// What the page tests share, once per test class: a few sample items ingested (a classical right-to-left gazetteer,
/// one with double-line small notes, a modern simplified essay, a newspaper), the real host on loopback over them,
/// and one headless Debian chromium driven by Playwright.
/// </summary>
public class PagesSite : IAsyncLifetime
{
    public const string Classical = "QY-RB-001";
    public const string WithNotes = "QY-RB-008";
    public const string Modern = "QY-LH-003";
    public const string Newspaper = "QY-NP-001";
    private const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public RunningHost Host { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public string Url(string path) => new Uri(Host.Client.BaseAddress!, path).ToString();

    public async Task InitializeAsync()
    {
        var data = TestPaths.NewTempFolder("pages");
        await IngestAsync(data);
        Host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false");
        // The host indexes the catalogue at start; the search tests wait for it.
        for (var deadline = DateTime.UtcNow.AddMinutes(2); !(await Host.Client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("清远"))).Contains(Classical); await Task.Delay(250))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the host did not index the pages fixture");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>The sample items into <paramref name="data"/>, without OCR (no boxes on the page images).</summary>
    protected virtual async Task IngestAsync(string data)
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = data, OcrEnabled = false });
        var report = await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset(Classical, WithNotes, Modern, Newspaper));
        if (report.ItemsAdded != 4) throw new InvalidOperationException("the pages fixture's ingest failed: " + string.Join("; ", report.Problems));
    }

    /// <summary>A fresh context (own cookies) at a desktop or phone width; any script dialog fails the test that opened it.</summary>
    public Task<IPage> NewPageAsync(int width = 1280, int height = 900, List<string>? dialogs = null) => OpenPageAsync(Browser, width, height, dialogs);

    /// <summary>What every browser fixture opens its pages with: a fresh context, the suite's timeouts, a dialog trap.</summary>
    public static async Task<IPage> OpenPageAsync(IBrowser browser, int width, int height, List<string>? dialogs)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN" });
        // The suite shares two cores with other test assemblies: a search page's thumbnails can hold
        // the load event past Playwright's 30 s default without anything being wrong.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        page.Dialog += (_, d) =>
        {
            dialogs?.Add(d.Message);
            _ = d.DismissAsync();
        };
        return page;
    }

    /// <summary>Screenshots are kept as test output (tests/QyHeritage.Web.Tests/TestResults/screenshots), to be looked at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(TestPaths.RepoRoot, "tests", "QyHeritage.Web.Tests", "TestResults", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }
}
