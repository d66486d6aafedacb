using Microsoft.Playwright;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Web.Tests.Mirador;

/// <summary>
/// Mirador 4 (npm <c>mirador</c>, its prebuilt bundle from tools/node) on a page of the host's origin, as a library
/// would embed it, in Debian's chromium; the page may reach nothing but loopback (what it tried is in
/// <see cref="Blocked"/>). Page errors are collected; Mirador 4.0.0's own React 19 deprecation messages on the
/// console are kept for failure reports, not failed on.
/// </summary>
public sealed class MiradorViewer
{
    public static string Bundle => Path.Combine(TestPaths.RepoRoot, "tools", "node", "node_modules", "mirador", "dist", "mirador.min.js");

    public List<string> Blocked { get; } = [];

    public List<string> Errors { get; } = [];

    public List<string> Console { get; } = [];

    public IPage Page { get; }

    private MiradorViewer(IPage page) => Page = page;

    /// <summary>Screenshots for a person to look at: tests/QyHeritage.Web.Tests/TestResults/mirador/ (not committed).</summary>
    public static string Screenshot(string name)
    {
        var folder = Path.Combine(TestPaths.RepoRoot, "tests", "QyHeritage.Web.Tests", "TestResults", "mirador");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>A page on <paramref name="baseUrl"/>'s origin with the Mirador bundle loaded, ready for <see cref="StartAsync"/>.</summary>
    public static async Task<MiradorViewer> OpenAsync(IBrowser browser, string baseUrl, int width = 1400, int height = 900)
    {
        Assert.True(File.Exists(Bundle), $"no Mirador bundle at {Bundle}: run ./qy help once (npm ci in tools/node)");
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        page.SetDefaultNavigationTimeout(90_000); // a busy two-core machine can hold the load event past 30 s
        var viewer = new MiradorViewer(page);
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.IsLoopback || url.Scheme is "data" or "blob") await route.ContinueAsync();
            else
            {
                lock (viewer.Blocked) viewer.Blocked.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        page.PageError += (_, e) => viewer.Errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") viewer.Console.Add(m.Text); };
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

    /// <summary>Runs <paramref name="steps"/>; a failure carries the page errors, console, blocked requests and a screenshot.</summary>
    public async Task RunAsync(string name, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception e)
        {
            var shot = Screenshot($"{name}-failed.png");
            await Page.ScreenshotAsync(new() { Path = shot });
            throw new Xunit.Sdk.XunitException($"Mirador failed: {e.Message}; page errors: {string.Join(" | ", Errors)}; console: {string.Join(" | ", Console)}; blocked: {string.Join(", ", Blocked)}; screenshot {shot}");
        }
        Assert.Empty(Errors);
        lock (Blocked) Assert.All(Blocked, url => Assert.Fail($"the page tried to reach {url}"));
    }
}
