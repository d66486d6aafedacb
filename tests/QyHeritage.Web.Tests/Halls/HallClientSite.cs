using System.Diagnostics;
using Microsoft.Playwright;
using QyHeritage.Archive.Tests;
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
    private HeadlessChromium? _chromium;

    public RunningHost Host { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>A script that installs an emulated Meta Quest 3 (stereo) as navigator.xr.</summary>
    public string IwerScript { get; private set; } = "";

    public string Url(string path) => new Uri(Host.Client.BaseAddress!, path).ToString();

    public async Task InitializeAsync()
    {
        var data = await HallSite.PrepareDataAsync("hall-client");
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
        _chromium = await PagesSite.LaunchChromiumAsync(webGl: true);
        Browser = _chromium.Browser;
    }

    public Task<IPage> NewPageAsync(int width = 1280, int height = 900, List<string>? dialogs = null, bool touch = false) =>
        PagesSite.OpenPageAsync(Browser, width, height, dialogs, touch);

    public async Task DisposeAsync()
    {
        if (_chromium is not null) await _chromium.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
    }
}
