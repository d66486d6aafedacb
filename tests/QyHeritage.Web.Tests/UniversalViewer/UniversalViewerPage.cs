using Microsoft.Playwright;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Viewers;

namespace QyHeritage.Web.Tests.UniversalViewer;

/// <summary>
/// The Universal Viewer 4 (npm <c>universalviewer</c>, its prebuilt <c>dist/</c> from tools/node) on a page of the
/// host's origin, as a library would embed it, in Debian's chromium. The viewer's files are answered under
/// <c>/_uv/</c> of that origin straight from tools/node (the UMD bundle loads its chunks beside its own URL, so it
/// cannot be inlined as Mirador's is); the page may reach nothing but loopback (what it tried is in
/// <see cref="ViewerPage.Blocked"/>).
/// </summary>
public sealed class UniversalViewerPage : ViewerPage
{
    private const string Prefix = "/_uv/";

    public static string Dist => Path.Combine(TestPaths.RepoRoot, "tools", "node", "node_modules", "universalviewer", "dist");

    private UniversalViewerPage(IPage page) : base(page, "The Universal Viewer", "universalviewer") { }

    /// <summary>Screenshots for a person to look at: tests/QyHeritage.Web.Tests/TestResults/universalviewer/ (not committed).</summary>
    public static string Screenshot(string name) => ScreenshotIn("universalviewer", name);

    /// <summary>A page on <paramref name="baseUrl"/>'s origin with the Universal Viewer started on <paramref name="manifestId"/>.</summary>
    public static async Task<UniversalViewerPage> OpenAsync(IBrowser browser, string baseUrl, string manifestId, int width = 1400, int height = 900)
    {
        var bundle = Path.Combine(Dist, "umd", "UV.js");
        Assert.True(File.Exists(bundle), $"no Universal Viewer bundle at {bundle}: run ./qy help once (npm ci in tools/node)");
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "en-GB" });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000); // a busy two-core machine can hold the load event past 30 s
        var viewer = new UniversalViewerPage(await context.NewPageAsync());
        var origin = new Uri(baseUrl).GetLeftPart(UriPartial.Authority);
        var dist = Path.GetFullPath(Dist) + Path.DirectorySeparatorChar;
        await viewer.WatchAsync(async (route, url) =>
        {
            if (url.GetLeftPart(UriPartial.Authority) != origin || !url.AbsolutePath.StartsWith(Prefix, StringComparison.Ordinal)) return false;
            var file = Path.GetFullPath(Path.Combine(Dist, Uri.UnescapeDataString(url.AbsolutePath[Prefix.Length..])));
            await route.FulfillAsync(file.StartsWith(dist, StringComparison.Ordinal) && File.Exists(file) ? new() { Path = file } : new() { Status = 404 });
            return true;
        });
        // The embedding page, as a library's would be: the viewer's stylesheet and bundle from the same origin.
        await viewer.Page.RouteAsync($"{origin}/_uv-embed", route => route.FulfillAsync(new()
        {
            ContentType = "text/html; charset=utf-8",
            Body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Universal Viewer</title>"
                + $"<link rel=\"stylesheet\" href=\"{Prefix}uv.css\"><script src=\"{Prefix}umd/UV.js\"></script></head>"
                + "<body style=\"margin:0\"><div id=\"uv\" class=\"uv\" style=\"width:100vw;height:100vh\"></div></body></html>",
        }));
        await viewer.Page.GotoAsync($"{origin}/_uv-embed");
        await viewer.Page.EvaluateAsync("manifest => { window.uv = UV.init('uv', { manifest, embedded: true }); }", manifestId);
        return viewer;
    }
}
