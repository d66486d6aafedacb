using Microsoft.Playwright;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Viewers;

namespace QyHeritage.Web.Tests.Mirador;

/// <summary>
/// Mirador 4 (npm <c>mirador</c>, its prebuilt bundle from tools/node) on a page of the host's origin, as a library
/// would embed it, in Debian's chromium; the page may reach nothing but loopback (what it tried is in
/// <see cref="ViewerPage.Blocked"/>). Page errors are collected; Mirador 4.0.0's own React 19 deprecation messages on
/// the console are kept for failure reports, not failed on.
/// </summary>
public sealed class MiradorViewer : ViewerPage
{
    public static string Bundle => Path.Combine(TestPaths.RepoRoot, "tools", "node", "node_modules", "mirador", "dist", "mirador.min.js");

    private MiradorViewer(IPage page) : base(page, "Mirador", "mirador") { }

    /// <summary>Screenshots for a person to look at: tests/QyHeritage.Web.Tests/TestResults/mirador/ (not committed).</summary>
    public static string Screenshot(string name) => ScreenshotIn("mirador", name);

    /// <summary>A page on <paramref name="baseUrl"/>'s origin with the Mirador bundle loaded, ready for <see cref="StartAsync"/>.</summary>
    public static async Task<MiradorViewer> OpenAsync(IBrowser browser, string baseUrl, int width = 1400, int height = 900)
    {
        Assert.True(File.Exists(Bundle), $"no Mirador bundle at {Bundle}: run ./qy help once (npm ci in tools/node)");
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        page.SetDefaultNavigationTimeout(90_000); // a busy two-core machine can hold the load event past 30 s
        var viewer = new MiradorViewer(page);
        await viewer.WatchAsync();
        await page.GotoAsync($"{baseUrl.TrimEnd('/')}/health");
        await page.SetContentAsync("<!doctype html><html><head><meta charset=\"utf-8\"><title>Mirador</title></head>"
            + "<body style=\"margin:0\"><div id=\"viewer\" style=\"position:absolute;inset:0\"></div></body></html>");
        await page.AddScriptTagAsync(new() { Path = Bundle });
        return viewer;
    }

    /// <summary>Starts Mirador with one window on the manifest; <paramref name="window"/> adds the window's settings (JSON object members).</summary>
    public Task StartAsync(string manifestId, string window = "") =>
        Page.EvaluateAsync("([manifestId, extra]) => Mirador.viewer({ id: 'viewer', windows: [Object.assign({ manifestId }, JSON.parse('{' + extra + '}'))], workspaceControlPanel: { enabled: false } })",
            new object[] { manifestId, window });
}
