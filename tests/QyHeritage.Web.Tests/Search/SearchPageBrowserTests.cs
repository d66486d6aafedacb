using System.Text.Json;
using Microsoft.Playwright;
using QyHeritage.Web.Tests.Hosting;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Search;

/// <summary>The search page in a real browser: Debian's chromium (installed by <c>./qy</c>), headless, driven by Playwright.</summary>
public class SearchPageBrowserTests(IngestedSample sample) : IClassFixture<IngestedSample>
{

    [Fact]
    public async Task Typing_offers_completions_with_their_page_counts_and_a_click_searches_one()
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, "--Qy:IngestSampleOnFirstStart=false");
        await sample.WaitUntilIndexedAsync();
        using var suggest = JsonDocument.Parse(await host.Client.GetStringAsync("/api/search/suggest?size=8&q=" + Uri.EscapeDataString("英")));
        var pages = suggest.RootElement.GetProperty("suggestions").EnumerateArray()
            .Where(s => s.GetProperty("text").GetString() == "英德").Select(s => s.GetProperty("pages").GetInt32()).FirstOrDefault();
        Assert.True(pages > 0, "英德 is not offered for 英");

        await using var chromium = await PagesSite.LaunchChromiumAsync();
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync();
        page.SetDefaultNavigationTimeout(90_000); // a busy two-core machine can hold the load event past 30 s
        await page.GotoAsync(new Uri(host.Client.BaseAddress!, "/search").ToString());
        await page.Locator("input[name=q]").PressSequentiallyAsync("英");

        var offered = page.Locator("#suggest li", new() { HasText = "英德" });
        await offered.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains($"{pages} 页", await offered.InnerTextAsync());

        await offered.Locator("a").ClickAsync();
        await Arrival.AtAsync(page, url => url.Contains("/search?q=", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(30));
        Assert.Equal("英德", await page.Locator("input[name=q]").InputValueAsync());
        Assert.Contains($"<p>{pages} 页", await page.ContentAsync());
    }
}
