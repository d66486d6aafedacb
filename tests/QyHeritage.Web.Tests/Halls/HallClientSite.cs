using System.Diagnostics;
using Microsoft.Playwright;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Exhibitions;
using QyHeritage.Web.Tests.Hosting;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Halls;

/// <summary>
/// The hall client's fixture: two sample items, the test story published (its hall compiled by the host), the real host
/// on loopback, headless chromium (WebGL 2 on SwiftShader), and IWER bundled into a script that only the VR test adds to
/// its page (npm `iwer`, via immersive/webxr/tools/iwer-runtime.mjs).
/// </summary>
public sealed class HallClientSite : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public RunningHost Host { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>A script that installs an emulated Meta Quest 3 (stereo) as navigator.xr.</summary>
    public string IwerScript { get; private set; } = "";

    public string Url(string path) => new Uri(Host.Client.BaseAddress!, path).ToString();

    public async Task InitializeAsync()
    {
        var data = TestPaths.NewTempFolder("hall-client");
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = data, OcrEnabled = false });
        var report = await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset("QY-RB-008", "QY-LH-002"));
        if (report.ItemsAdded != 2) throw new InvalidOperationException(string.Join("; ", report.Problems));
        var store = new ExhibitionStore(archive);
        await store.SaveVersionAsync(ExhibitionSite.Story(), "curator-li", "test story");
        await store.PublishAsync(ExhibitionSite.Id, "curator-li");
        Host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false");
        IwerScript = Path.Combine(data, "iwer-runtime.js");
        using (var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(TestPaths.RepoRoot, "immersive", "webxr", "tools", "iwer-runtime.mjs"), IwerScript])
        {
            WorkingDirectory = TestPaths.RepoRoot,
            RedirectStandardError = true,
        })!)
        {
            var error = await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            if (node.ExitCode != 0) throw new InvalidOperationException("bundling iwer failed (npm ci at the repository root?): " + error);
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"],
        });
    }

    public Task<IPage> NewPageAsync(int width = 1280, int height = 900, List<string>? dialogs = null) =>
        PagesSite.OpenPageAsync(Browser, width, height, dialogs);

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }
}
