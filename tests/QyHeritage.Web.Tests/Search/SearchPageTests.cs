using System.Net;
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

        using var bad = await host.Client.GetAsync("/search?q=" + Uri.EscapeDataString("\"unclosed"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Query syntax error", await bad.Content.ReadAsStringAsync());
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
