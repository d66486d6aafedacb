using Deque.AxeCore.Playwright;
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
    private HeadlessChromium? _chromium;

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
        _chromium = await LaunchChromiumAsync();
        Browser = _chromium.Browser;
    }

    /// <summary>
    /// The suite's browser: Debian's headless chromium driven by Playwright (no browser download). With
    /// <paramref name="webGl"/>, WebGL 2 on SwiftShader (the hall client).
    /// </summary>
    public static async Task<HeadlessChromium> LaunchChromiumAsync(bool webGl = false)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = HeadlessChromium.Executable,
                Headless = true,
                Args = webGl ? ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"] : ["--no-sandbox"],
            });
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
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
    /// With <paramref name="touch"/>, a phone: touch events, a mobile viewport.
    public static async Task<IPage> OpenPageAsync(IBrowser browser, int width, int height, List<string>? dialogs, bool touch = false)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN", HasTouch = touch, IsMobile = touch });
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

    /// <summary>Fails with axe-core's serious and critical findings on the page as it is now (rule, help, where).</summary>
    public static async Task AxeCleanAsync(IPage page, string what)
    {
        var axe = await page.RunAxe();
        var bad = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{what}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
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
        if (_chromium is not null) await _chromium.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
    }
}

/// <summary>A launched chromium and the Playwright driver behind it; disposing closes both.</summary>
public sealed class HeadlessChromium(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    public IBrowser Browser { get; } = browser;

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright.Dispose();
    }
}
