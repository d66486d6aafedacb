using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Search.Api;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Tests.Api;

/// <summary>GET /api/search on a real server over a data folder ingested without the index: the catch-up indexes it at start.</summary>
public sealed class SearchApiTests : IAsyncLifetime
{
    private WebApplication? _app;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = TestPaths.NewTempFolder("search-api"), OcrEnabled = false });
        await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset("QY-LH-003", "QY-RD-001"));
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(archive);
        builder.Services.AddQySearch();
        _app = builder.Build();
        _app.MapSearchApi();
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var indexer = _app.Services.GetRequiredService<SearchIndexer>();
        for (var i = 0; i < 100 && indexer.IndexedVersions().Count < 2; i++) await Task.Delay(100);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Answers_hits_facets_and_paging_as_JSON()
    {
        var r = await _http.GetAsync("/api/search?q=" + Uri.EscapeDataString("北江") + "&size=1&collection=local-history");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using var json = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.True(root.GetProperty("totalPages").GetInt32() >= 1);
        var hit = root.GetProperty("pageHits")[0];
        Assert.Equal("QY-LH-003", hit.GetProperty("itemId").GetString());
        // The snippet is text with the hits as ranges (UTF-16 code units), not markup.
        var snippet = hit.GetProperty("snippet");
        var text = snippet.GetProperty("text").GetString()!;
        Assert.DoesNotContain("<mark>", text);
        var first = snippet.GetProperty("highlights")[0];
        Assert.Equal("北江", text.Substring(first.GetProperty("start").GetInt32(), first.GetProperty("length").GetInt32()));
        Assert.Equal(1, root.GetProperty("pageHits").GetArrayLength());
        foreach (var facet in new[] { "collection", "dynasty", "decade", "place", "script", "type" }) Assert.True(root.GetProperty("facets").TryGetProperty(facet, out _), facet);
    }

    [Fact]
    public async Task Titles_and_facet_values_come_in_both_languages_where_the_catalogue_has_both()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync("/api/search?size=100"));
        var root = json.RootElement;
        var hit = root.GetProperty("pageHits").EnumerateArray().First(h => h.GetProperty("itemId").GetString() == "QY-RD-001");
        Assert.Equal("黃花節的雜感", hit.GetProperty("title").GetString());
        Assert.Equal("Random thoughts on Huanghua (Yellow Flower) Festival", hit.GetProperty("titleEn").GetString());
        var collection = root.GetProperty("facets").GetProperty("collection").EnumerateArray().First(v => v.GetProperty("value").GetString() == "republican-doc");
        Assert.False(string.IsNullOrEmpty(collection.GetProperty("zh").GetString()));
        Assert.Matches("^[A-Z][a-z]", collection.GetProperty("en").GetString());
        var republic = root.GetProperty("facets").GetProperty("dynasty").EnumerateArray().Single(v => v.GetProperty("value").GetString() == "中华民国");
        Assert.Equal("中华民国", republic.GetProperty("zh").GetString());
        Assert.Equal("Republic of China", republic.GetProperty("en").GetString());
        Assert.Contains("Republic of China", republic.GetProperty("label").GetString());
        // Places: the catalogue has them in Chinese only.
        var place = root.GetProperty("facets").GetProperty("place").EnumerateArray().First();
        Assert.Equal(place.GetProperty("value").GetString(), place.GetProperty("zh").GetString());
        Assert.Equal("", place.GetProperty("en").GetString());
    }

    [Fact]
    public async Task Suggest_answers_completions()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync("/api/search/suggest?q=" + Uri.EscapeDataString("北")));
        var first = json.RootElement.GetProperty("suggestions")[0];
        Assert.StartsWith("北", first.GetProperty("text").GetString());
        Assert.True(first.GetProperty("pages").GetInt32() > 0);
        // The part typed, as a range for the list to mark.
        var typed = first.GetProperty("highlights")[0];
        Assert.Equal((0, 1), (typed.GetProperty("start").GetInt32(), typed.GetProperty("length").GetInt32()));
    }

    [Fact]
    public async Task Item_view_and_date_sort()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync("/api/search?view=items&sort=-date"));
        var items = json.RootElement.GetProperty("itemHits").EnumerateArray().Select(i => i.GetProperty("year").GetInt32()).ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(items.OrderDescending(), items);
    }

    [Theory]
    [InlineData("q=%3A")]
    [InlineData("q=title:%5Ba%20TO%20b%5D")]
    [InlineData("size=0")]
    [InlineData("page=abc")]
    [InlineData("view=grid")]
    [InlineData("colour=red&q=x")]
    public async Task Bad_input_is_a_400_with_a_message(string query)
    {
        var r = await _http.GetAsync("/api/search?" + query);
        if (query.StartsWith("colour", StringComparison.Ordinal))
        {
            // Unknown parameters are ignored, as on any search page.
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using var json = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetString()));
    }

    [Theory]
    [InlineData("清远/英德")]
    [InlineData("\"北江")]
    [InlineData("北江 AND (清远")]
    [InlineData("北江)")]
    [InlineData("[北江")]
    [InlineData("AND")]
    [InlineData("北江 OR")]
    [InlineData(":")]
    [InlineData("*")]
    [InlineData("~")]
    [InlineData("北江*")]
    [InlineData("地名:北江")]
    [InlineData("year:abc")]
    public async Task Hostile_input_answers_200_with_a_note_or_a_bilingual_400_without_parser_text(string q)
    {
        var r = await _http.GetAsync("/api/search?q=" + Uri.EscapeDataString(q));
        using var json = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        if (r.StatusCode == HttpStatusCode.OK)
        {
            var notes = json.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
            Assert.NotEmpty(notes);
            Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}", notes[0]);
            return;
        }
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var error = json.RootElement.GetProperty("error").GetString()!;
        Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}", error);
        Assert.Matches("[A-Za-z]{3,}", error);
        foreach (var bad in Queries.QueryTests.ParserInternals) Assert.DoesNotContain(bad, error, StringComparison.OrdinalIgnoreCase);
    }
}
