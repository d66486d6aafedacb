using System.Net;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Search;

public class SearchPageTests(IngestedSample sample) : IClassFixture<IngestedSample>
{
    [Fact]
    public async Task Simplified_input_finds_traditional_pages_and_marks_the_hit()
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, "--Qy:IngestSampleOnFirstStart=false");
        // The fixture ingested without the index; the host's catch-up indexes the catalogue at start.
        var html = "";
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!html.Contains("data-item-id=\"QY-RB-001\"") && DateTime.UtcNow < deadline)
        {
            html = await host.Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("清远县"));
            await Task.Delay(250);
        }
        Assert.Contains("data-item-id=\"QY-RB-001\"", html); // its pages say 清遠縣
        Assert.Contains("<mark>清遠縣</mark>", html);
        // The catalogue's English title beside the Chinese one.
        Assert.Contains("<span class=\"gloss\" lang=\"en\">Guangdong Gazetteer (Yongzheng), j.4 Territory", html);
        Assert.Contains("/thumbnails/QY-RB-001/", html);
    }

    [Fact]
    public async Task A_query_with_markup_is_shown_as_text_and_bad_syntax_explains_itself()
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, "--Qy:IngestSampleOnFirstStart=false");
        // Whether the query parses or not, the page echoes it as text.
        using var marked = await host.Client.GetAsync("/search?q=" + Uri.EscapeDataString("<script>alert(1)</script>"));
        var html = await marked.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;", html);

    }

    [Fact]
    public async Task The_exact_form_checkbox_keeps_only_pages_that_carry_the_written_form()
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, "--Qy:IngestSampleOnFirstStart=false");
        await sample.WaitUntilIndexedAsync();
        var folded = await host.Client.GetStringAsync("/search?size=100&q=" + Uri.EscapeDataString("清逺"));
        Assert.Contains("<mark>清遠</mark>", folded);
        var exact = await host.Client.GetStringAsync("/search?size=100&exact=1&q=" + Uri.EscapeDataString("清逺"));
        Assert.Contains("name=\"exact\" value=\"1\" checked", exact);
        Assert.Contains("<mark>清逺</mark>", exact);
        Assert.DoesNotContain("<mark>清遠</mark>", exact);
        Assert.DoesNotContain("<mark>清远</mark>", exact);
    }

    [Theory]
    [InlineData("清远/英德")]
    [InlineData("\"清远")]
    [InlineData("清远 AND (英德")]
    [InlineData("AND")]
    [InlineData("清远*")]
    [InlineData(":")]
    [InlineData("*")]
    [InlineData("~")]
    public async Task Hostile_typing_shows_a_note_or_a_bilingual_message_never_the_parser(string q)
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, "--Qy:IngestSampleOnFirstStart=false");
        using var r = await host.Client.GetAsync("/search?q=" + Uri.EscapeDataString(q));
        var html = await r.Content.ReadAsStringAsync();
        if (r.StatusCode == HttpStatusCode.OK)
        {
            Assert.Matches("<p class=\"note\" role=\"status\">\\p{IsCJKUnifiedIdeographs}", html);
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Matches("<p class=\"error\" role=\"alert\">\\p{IsCJKUnifiedIdeographs}[^<]*[A-Za-z]{3,}", html);
        }
        foreach (var bad in new[] { "Cannot parse", "Encountered", "Lexical error", "expecting", "&lt;EOF&gt;", "Exception" })
            Assert.DoesNotContain(bad, html, StringComparison.OrdinalIgnoreCase);
    }
}

public class SearchPageNavigationTests(IngestedSample sample) : IClassFixture<IngestedSample>
{
    private static string Link(string html, string pattern) =>
        WebUtility.HtmlDecode(Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, pattern)).Groups[1].Value);

    private static List<string> Hits(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<li data-item-id=\"([^\"]+)\"(?: data-page=\"([^\"]+)\")?").Select(m => m.Groups[1].Value + "/" + m.Groups[2].Value).ToList();

    [Fact]
    public async Task Facets_sorting_paging_and_the_item_view_are_links_that_narrow_and_move_through_the_results()
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, "--Qy:IngestSampleOnFirstStart=false");
        await sample.WaitUntilIndexedAsync();
        var html = await host.Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("清远") + "&size=3");
        using var all = System.Text.Json.JsonDocument.Parse(await host.Client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("清远") + "&size=3"));
        var total = all.RootElement.GetProperty("totalPages").GetInt32();
        Assert.True(total > 6, $"{total} pages");
        Assert.Equal(3, Hits(html).Count);

        // A facet value shows the API's page count, and its link narrows the results to exactly those pages.
        var facet = all.RootElement.GetProperty("facets").GetProperty("collection").EnumerateArray().Last();
        var (value, pages) = (facet.GetProperty("value").GetString()!, facet.GetProperty("pages").GetInt32());
        Assert.True(pages < total);
        var narrowed = await host.Client.GetStringAsync(Link(html, $"data-value=\"{value}\" data-pages=\"{pages}\" href=\"([^\"]+)\""));
        Assert.Contains($"<p>{pages} 页", narrowed);
        // ... and the chosen filter can be dropped again.
        Assert.Contains($"<p>{total} 页", await host.Client.GetStringAsync(Link(narrowed, $"data-remove=\"collection={value}\" href=\"([^\"]+)\"")));

        // A year range from the form's fields: the API's count for the same range, the years kept in the fields.
        using var ranged = System.Text.Json.JsonDocument.Parse(await host.Client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("清远") + "&from=1700&to=1800"));
        var inRange = ranged.RootElement.GetProperty("totalPages").GetInt32();
        Assert.InRange(inRange, 1, total - 1);
        var years = await host.Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("清远") + "&from=1700&to=1800&size=3");
        Assert.Contains($"<p>{inRange} 页", years);
        Assert.Contains("name=\"from\" value=\"1700\"", years);
        Assert.Contains("name=\"to\" value=\"1800\"", years);

        // Paging: the next page has the next three hits, none of the first page's.
        var second = await host.Client.GetStringAsync(Link(html, "<a rel=\"next\" href=\"([^\"]+)\""));
        Assert.Contains("第 2 /", second);
        Assert.Equal(3, Hits(second).Count);
        Assert.Empty(Hits(second).Intersect(Hits(html)));
        Assert.Contains("rel=\"prev\"", second);

        // Oldest first: the page's hits in the order the API gives for that sort.
        var dated = await host.Client.GetStringAsync(Link(html, "<a href=\"([^\"]+)\">年代由远及近 <span lang=\"en\">Oldest first</span></a>"));
        using var datedApi = System.Text.Json.JsonDocument.Parse(await host.Client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("清远") + "&size=3&sort=date"));
        Assert.Equal(datedApi.RootElement.GetProperty("pageHits").EnumerateArray().Select(h => h.GetProperty("itemId").GetString() + "/p" + h.GetProperty("page").GetInt32().ToString("D3")),
            Hits(dated));

        // By item: each item once, with its number of matching pages.
        var items = await host.Client.GetStringAsync(Link(html, "<a href=\"([^\"]+)\">按藏品 <span lang=\"en\">Items</span></a>"));
        Assert.Contains("<strong class=\"chosen\">按藏品 <span lang=\"en\">Items</span></strong>", items);
        var ids = Hits(items);
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Matches("data-matching-pages=\"[1-9][0-9]*\"", items);
    }
}

/// <summary>One item ingested with OCR (its transcription aligned to the page image: character boxes).</summary>
public sealed class OcrIngestedItem
{
    public const string Item = "QY-LH-003";

    public OcrIngestedItem()
    {
        DataFolder = TestPaths.NewTempFolder("ocr-item");
        var archive = new QyHeritage.Archive.ArchiveServices(new QyHeritage.Archive.ArchiveOptions { DataFolder = DataFolder, OcrEnabled = true });
        var report = new QyHeritage.Archive.Ingest.IngestRunner(archive, recogniser: new QyHeritage.Recognition.PageRecogniser(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance))
            .RunAsync(TestPaths.SampleSubset(Item)).GetAwaiter().GetResult();
        if (report.ItemsAdded != 1) throw new InvalidOperationException("the OCR fixture's ingest failed: " + string.Join("; ", report.Problems));
    }

    public string DataFolder { get; }
}

public class SearchPageHitRegionTests(OcrIngestedItem sample) : IClassFixture<OcrIngestedItem>
{
    [Fact]
    public async Task A_page_hit_shows_where_it_is_printed_a_region_of_the_page_image_around_its_box()
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, "--Qy:IngestSampleOnFirstStart=false");
        var q = Uri.EscapeDataString("北江");
        for (var deadline = DateTime.UtcNow.AddMinutes(2); !(await host.Client.GetStringAsync($"/api/search?q={q}")).Contains(OcrIngestedItem.Item); await Task.Delay(250))
            Assert.True(DateTime.UtcNow < deadline, "the host never indexed the item");
        using var api = System.Text.Json.JsonDocument.Parse(await host.Client.GetStringAsync($"/api/search?q={q}&size=5"));
        var hit = api.RootElement.GetProperty("pageHits").EnumerateArray()
            .First(h => h.GetProperty("hits").EnumerateArray().Any(t => t.GetProperty("boxes").GetArrayLength() > 0));
        var (item, page) = (hit.GetProperty("itemId").GetString()!, "p" + hit.GetProperty("page").GetInt32().ToString("D3"));
        var box = hit.GetProperty("hits").EnumerateArray().SelectMany(t => t.GetProperty("boxes").EnumerateArray()).First();
        var (bx, by, bw, bh) = (box.GetProperty("x").GetInt32(), box.GetProperty("y").GetInt32(), box.GetProperty("w").GetInt32(), box.GetProperty("h").GetInt32());

        // The hit carries the page image's size, the same the IIIF server reports.
        using var info = System.Text.Json.JsonDocument.Parse(await host.Client.GetStringAsync($"/iiif/3/{item}~{page}/info.json"));
        var (width, height) = (info.RootElement.GetProperty("width").GetInt32(), info.RootElement.GetProperty("height").GetInt32());
        Assert.Equal((width, height), (hit.GetProperty("width").GetInt32(), hit.GetProperty("height").GetInt32()));

        // The search page shows a region of that page around the box, inside the image, and the region is served.
        var html = await host.Client.GetStringAsync($"/search?q={q}&size=5");
        var li = System.Text.RegularExpressions.Regex.Match(html, $"<li data-item-id=\"{item}\" data-page=\"{page}\">.*?</li>").Value;
        var m = System.Text.RegularExpressions.Regex.Match(li, "<img src=\"([^\"]+)\" alt=\"[^\"]*\" data-region=\"(\\d+),(\\d+),(\\d+),(\\d+)\"");
        Assert.True(m.Success, li);
        var (x, y, w, h) = (int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value), int.Parse(m.Groups[4].Value), int.Parse(m.Groups[5].Value));
        Assert.True(x <= bx && y <= by && bx + bw <= x + w && by + bh <= y + h, $"region {x},{y},{w},{h} does not hold the box {bx},{by},{bw},{bh}");
        Assert.True(x >= 0 && y >= 0 && x + w <= width && y + h <= height, $"region {x},{y},{w},{h} is not inside the {width}x{height} image");
        using var region = await host.Client.GetAsync(WebUtility.HtmlDecode(m.Groups[1].Value));
        Assert.Equal(HttpStatusCode.OK, region.StatusCode);
        Assert.Equal("image/jpeg", region.Content.Headers.ContentType?.MediaType);
    }
}

public class SearchApiShapeTests(IngestedSample sample) : IClassFixture<IngestedSample>
{
    [Fact]
    public async Task The_json_answer_names_its_sort_and_view_in_words()
    {
        await using var host = await RunningHost.StartAsync(sample.DataFolder, "--Qy:IngestSampleOnFirstStart=false");
        using var doc = System.Text.Json.JsonDocument.Parse(await host.Client.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("清远") + "&sort=date&view=items"));
        Assert.Equal("dateAscending", doc.RootElement.GetProperty("sort").GetString());
        Assert.Equal("items", doc.RootElement.GetProperty("view").GetString());
    }
}
