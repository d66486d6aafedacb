using Microsoft.Playwright;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Web.Tests.Viewers;

/// <summary>
/// What the IIIF viewer tests (Mirador, the Universal Viewer) share: a page that may reach nothing but loopback (what
/// it tried is in <see cref="Blocked"/>), its page errors and console errors collected, screenshots kept under
/// tests/QyHeritage.Web.Tests/TestResults/<c>folder</c>/ (not committed), and <see cref="RunAsync"/>, which puts all
/// of that into a failure's message.
/// </summary>
public abstract class ViewerPage(IPage page, string viewer, string folder)
{
    public List<string> Blocked { get; } = [];

    public List<string> Errors { get; } = [];

    public List<string> Console { get; } = [];

    public IPage Page { get; } = page;

    protected static string ScreenshotIn(string folder, string name)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "tests", "QyHeritage.Web.Tests", "TestResults", folder);
        Directory.CreateDirectory(path);
        return Path.Combine(path, name);
    }

    /// <summary>Starts watching the page: <paramref name="local"/> may answer a request itself (true when it did); loopback goes on, the rest is blocked.</summary>
    protected async Task WatchAsync(Func<IRoute, Uri, Task<bool>>? local = null)
    {
        await Page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (local is not null && await local(route, url)) return;
            if (url.IsLoopback || url.Scheme is "data" or "blob") await route.ContinueAsync();
            else
            {
                lock (Blocked) Blocked.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        Page.PageError += (_, e) => { lock (Errors) Errors.Add(e); };
        Page.Console += (_, m) => { if (m.Type == "error") lock (Console) Console.Add(m.Text); };
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
            var shot = ScreenshotIn(folder, $"{name}-failed.png");
            await Page.ScreenshotAsync(new() { Path = shot });
            throw new Xunit.Sdk.XunitException($"{viewer} failed: {e.Message}; page errors: {string.Join(" | ", Errors)}; console: {string.Join(" | ", Console)}; blocked: {string.Join(", ", Blocked)}; screenshot {shot}");
        }
        lock (Errors) Assert.Empty(Errors);
        lock (Blocked) Assert.All(Blocked, url => Assert.Fail($"the page tried to reach {url}"));
    }
}
