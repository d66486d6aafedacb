using Microsoft.Playwright;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Web.Tests.UniversalViewer;

/// <summary>
/// The Universal Viewer 4 (npm <c>universalviewer</c>, its prebuilt <c>dist/</c> from tools/node) on a page of the
/// host's origin, as a library would embed it, in Debian's chromium. The viewer's files are answered under
/// <c>/_uv/</c> of that origin straight from tools/node (the UMD bundle loads its chunks beside its own URL, so it
/// cannot be inlined as Mirador's is); the page may reach nothing but loopback (what it tried is in
/// <see cref="Blocked"/>). Page errors and console errors are collected for failure reports.
/// </summary>
public sealed class UniversalViewerPage
{
    private const string Prefix = "/_uv/";

    public static string Dist => Path.Combine(TestPaths.RepoRoot, "tools", "node", "node_modules", "universalviewer", "dist");

    public List<string> Blocked { get; } = [];

    public List<string> Errors { get; } = [];

    public List<string> Console { get; } = [];

    public IPage Page { get; }

    private UniversalViewerPage(IPage page) => Page = page;

    /// <summary>Screenshots for a person to look at: tests/QyHeritage.Web.Tests/TestResults/universalviewer/ (not committed).</summary>
    public static string Screenshot(string name)
    {
        var folder = Path.Combine(TestPaths.RepoRoot, "tests", "QyHeritage.Web.Tests", "TestResults", "universalviewer");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    /// <summary>A page on <paramref name="baseUrl"/>'s origin with the Universal Viewer started on <paramref name="manifestId"/>.</summary>
    public static async Task<UniversalViewerPage> OpenAsync(IBrowser browser, string baseUrl, string manifestId, int width = 1400, int height = 900)
    {
        var bundle = Path.Combine(Dist, "umd", "UV.js");
        Assert.True(File.Exists(bundle), $"no Universal Viewer bundle at {bundle}: run ./qy help once (npm ci in tools/node)");
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "en-GB" });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000); // a busy two-core machine can hold the load event past 30 s
        var page = await context.NewPageAsync();
        var viewer = new UniversalViewerPage(page);
        var origin = new Uri(baseUrl);
        var dist = Path.GetFullPath(Dist) + Path.DirectorySeparatorChar;
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.IsLoopback && url.Port == origin.Port && url.AbsolutePath.StartsWith(Prefix, StringComparison.Ordinal))
            {
                var file = Path.GetFullPath(Path.Combine(Dist, Uri.UnescapeDataString(url.AbsolutePath[Prefix.Length..])));
                if (file.StartsWith(dist, StringComparison.Ordinal) && File.Exists(file)) await route.FulfillAsync(new() { Path = file });
                else await route.FulfillAsync(new() { Status = 404 });
            }
            else if (url.IsLoopback || url.Scheme is "data" or "blob") await route.ContinueAsync();
            else
            {
                lock (viewer.Blocked) viewer.Blocked.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        page.PageError += (_, e) => { lock (viewer.Errors) viewer.Errors.Add(e); };
        page.Console += (_, m) => { if (m.Type == "error") lock (viewer.Console) viewer.Console.Add(m.Text); };
        // The embedding page, as a library's would be: the viewer's stylesheet and bundle from the same origin.
        await page.RouteAsync($"{origin.GetLeftPart(UriPartial.Authority)}/_uv-embed", route => route.FulfillAsync(new()
        {
            ContentType = "text/html; charset=utf-8",
            Body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Universal Viewer</title>"
                + $"<link rel=\"stylesheet\" href=\"{Prefix}uv.css\"><script src=\"{Prefix}umd/UV.js\"></script></head>"
                + "<body style=\"margin:0\"><div id=\"uv\" class=\"uv\" style=\"width:100vw;height:100vh\"></div></body></html>",
        }));
        await page.GotoAsync($"{origin.GetLeftPart(UriPartial.Authority)}/_uv-embed");
        await page.EvaluateAsync("manifest => { window.uv = UV.init('uv', { manifest, embedded: true }); }", manifestId);
        return viewer;
    }

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
            throw new Xunit.Sdk.XunitException($"Universal Viewer failed: {e.Message}; page errors: {string.Join(" | ", Errors)}; console: {string.Join(" | ", Console)}; blocked: {string.Join(", ", Blocked)}; screenshot {shot}");
        }
        lock (Errors) Assert.Empty(Errors);
        lock (Blocked) Assert.All(Blocked, url => Assert.Fail($"the page tried to reach {url}"));
    }
}
