using Microsoft.Playwright;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Pages;

/// <summary>The home page during the first-start import, in a real browser: the progress follows /health by itself.</summary>
public class FirstStartProgressBrowserTests
{
    [Fact]
    public async Task The_home_page_follows_the_first_start_import_and_shows_the_items_when_it_is_over()
    {
        var data = TestPaths.NewTempFolder("first-start-page");
        var subset = TestPaths.SampleSubset("QY-RB-001", "QY-RB-004", "QY-RB-008", "QY-RD-001", "QY-LH-001", "QY-LH-003");
        // The browser first: the import starts with the host and takes seconds.
        await using var chromium = await PagesSite.LaunchChromiumAsync();
        var page = await chromium.Browser.NewPageAsync();
        page.SetDefaultNavigationTimeout(90_000); // a busy two-core machine can hold the load event past 30 s
        await using var host = await RunningHost.StartAsync(data, $"--Qy:SampleCollection={subset}", "--Qy:OcrEnabled=false");
        await page.GotoAsync(host.Client.BaseAddress!.ToString());
        // Loaded while the import is pending or running: the status line shows, and the items are not there yet.
        Assert.True(await page.Locator("#ingest-status").IsVisibleAsync(), "the import was over before the page loaded");
        await PagesSite.ScreenshotAsync(page, "first-start-progress");

        // Nobody reloads: the page's script sees the import end on /health and shows the items.
        await Assertions.Expect(page.Locator("li[data-item-id]")).ToHaveCountAsync(6, new() { Timeout = 180_000 });
        Assert.False(await page.Locator("#ingest-status").IsVisibleAsync());
    }
}
