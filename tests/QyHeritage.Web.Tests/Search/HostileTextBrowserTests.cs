using System.Text.Json;
using Microsoft.Playwright;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Hosting;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Search;

/// <summary>An item whose transcription holds markup and script, as a careless or hostile transcriber might type it.</summary>
public sealed class HostileTextSample
{
    public const string Item = "QY-LH-003";
    // An image whose error handler would run if the text were ever parsed as HTML (within 30 characters of the hit, so in the snippet).
    public const string Hostile = "<img src=x onerror=alert(8)>";

    public HostileTextSample()
    {
        var source = TestPaths.SampleSubset(Item);
        var text = Path.Combine(source, "lh03_wiki_beijiang", "p001.txt");
        File.WriteAllText(text, Hostile + File.ReadAllText(text));
        DataFolder = TestPaths.NewTempFolder("hostile-text");
        var report = new IngestRunner(new ArchiveServices(new ArchiveOptions { DataFolder = DataFolder, OcrEnabled = false })).RunAsync(source).GetAwaiter().GetResult();
        if (report.ItemsAdded != 1) throw new InvalidOperationException("the hostile-text fixture's ingest failed: " + string.Join("; ", report.Problems));
    }

    public string DataFolder { get; }
}

/// <summary>
/// Snippets and completions are text with highlight ranges: the page and the script mark them with &lt;mark&gt;
/// built from the ranges, so markup in a page's text or in the query is shown as text and never runs.
/// </summary>
public class HostileTextBrowserTests(HostileTextSample sample) : IClassFixture<HostileTextSample>
{
    [Fact]
    public async Task Markup_in_a_pages_text_or_the_query_is_shown_as_text_with_only_the_hit_marked()
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, "--Qy:IngestSampleOnFirstStart=false");
        var q = Uri.EscapeDataString("北江");
        for (var deadline = DateTime.UtcNow.AddMinutes(2); !(await host.Client.GetStringAsync($"/api/search?q={q}")).Contains(HostileTextSample.Item); await Task.Delay(250))
            Assert.True(DateTime.UtcNow < deadline, "the host never indexed the item");

        // The API sends the text as written (JSON-escaped, not HTML-escaped) and the hit as a range.
        using (var api = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/search?q={q}")))
        {
            var snippet = api.RootElement.GetProperty("pageHits")[0].GetProperty("snippet");
            var text = snippet.GetProperty("text").GetString()!;
            Assert.Contains(HostileTextSample.Hostile, text);
            Assert.All(snippet.GetProperty("highlights").EnumerateArray(),
                h => Assert.Equal("北江", text.Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32())));
        }

        await using var chromium = await QyHeritage.Web.Tests.Pages.PagesSite.LaunchChromiumAsync();
        var page = await chromium.Browser.NewPageAsync();
        page.SetDefaultNavigationTimeout(90_000);
        var dialogs = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };

        // The server-rendered page, script or not: the markup is text inside the snippet, and only 北江 is in <mark>.
        await page.GotoAsync(new Uri(host.Client.BaseAddress!, $"/search?q={q}&place=" + Uri.EscapeDataString(HostileTextSample.Hostile)).ToString(),
            new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.GotoAsync(new Uri(host.Client.BaseAddress!, $"/search?q={q}").ToString(), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var snippetOnPage = page.Locator($"li[data-item-id='{HostileTextSample.Item}'] .snippet").First;
        Assert.Contains(HostileTextSample.Hostile, await snippetOnPage.TextContentAsync());
        Assert.Equal(0, await snippetOnPage.Locator("img, script").CountAsync());
        Assert.All(await snippetOnPage.Locator("mark").AllTextContentsAsync(), m => Assert.Equal("北江", m));
        Assert.True(await snippetOnPage.Locator("mark").CountAsync() > 0);

        // Completions, built by the script from the API's ranges: the typed part marked, as text.
        await page.Locator("input[name=q]").FillAsync("");
        await page.Locator("input[name=q]").PressSequentiallyAsync("北");
        var offered = page.Locator("#suggest li a", new() { HasText = "北江" }).First;
        await offered.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal("北", await offered.Locator("mark").TextContentAsync());
        Assert.Equal("北江", await offered.TextContentAsync());

        // Markup typed into the box never runs either (no completions for it, and the echo is text).
        await page.Locator("input[name=q]").FillAsync("");
        const string typed = "<img src=x onerror=alert(10)>北";
        await page.Locator("input[name=q]").PressSequentiallyAsync(typed);
        await page.Locator("input[name=q]").PressAsync("Enter");
        // The page was a search already: wait for the one with the new query.
        await Arrival.AtAsync(page, url => url.Contains("onerror", StringComparison.Ordinal), until: LoadState.DOMContentLoaded);
        Assert.Equal(typed, await page.Locator("input[name=q]").InputValueAsync());
        Assert.Empty(dialogs);
    }
}
