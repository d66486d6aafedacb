using System.Globalization;
using System.Net;
using System.Text.Json;
using QyHeritage.Archive.Ocr;
using QyHeritage.Iiif.Tests.Presentation;

namespace QyHeritage.Iiif.Tests.ContentSearch;

/// <summary>
/// IIIF Content Search 2.0 (https://iiif.io/api/search/2.0/) on a rare book ingested with OCR: hits land
/// on the right canvas over the right characters, responses keep the spec's MUSTs, paging and
/// autocomplete work, and bad requests are 4xx.
/// </summary>
public sealed class ContentSearchTests(ContentSearchFixture host) : IClassFixture<ContentSearchFixture>
{
    private const string SearchContext = "http://iiif.io/api/search/2/context.json";
    private const string Item = ContentSearchFixture.ItemId;

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await host.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {body}");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Search(string q, int page = 1) =>
        $"/iiif/search/{Item}?q={Uri.EscapeDataString(q)}{(page > 1 ? $"&page={page}" : "")}";

    /// <summary>Canvas id → (width, height), from the manifest the service belongs to.</summary>
    private async Task<Dictionary<string, (int W, int H)>> CanvasesAsync()
    {
        var manifest = await GetJsonAsync($"/iiif/presentation/{Item}/manifest");
        return manifest.GetProperty("items").EnumerateArray().ToDictionary(
            c => c.GetProperty("id").GetString()!, c => (c.GetProperty("width").GetInt32(), c.GetProperty("height").GetInt32()));
    }

    /// <summary>The canvas id and rectangle of an annotation's <c>canvas#xywh=</c> target.</summary>
    private static (string Canvas, Box Box) Target(JsonElement annotation)
    {
        var target = annotation.GetProperty("target").GetString()!;
        var hash = target.IndexOf("#xywh=", StringComparison.Ordinal);
        Assert.True(hash > 0, $"target without xywh: {target}");
        var n = target[(hash + 6)..].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (target[..hash], new Box(n[0], n[1], n[2], n[3]));
    }

    /// <summary>
    /// The union of the aligned character boxes of the first <paramref name="length"/> characters (all by
    /// default) of <paramref name="printed"/>, found in one column of the page's text/pNNN.hocr.
    /// </summary>
    private async Task<Box> CharactersAsync(string page, string printed, int? length = null)
    {
        var count = length ?? printed.Length;
        var text = await host.AlignedTextAsync(page);
        foreach (var line in text.Lines)
        {
            var at = line.Text.IndexOf(printed, StringComparison.Ordinal);
            if (at < 0) continue;
            var glyphs = new List<Box>();
            var offset = 0;
            foreach (var g in line.Glyphs)
            {
                if (offset >= at && offset < at + count) glyphs.Add(g.Box);
                offset += g.Text.Length;
            }
            return Box.Union(glyphs);
        }
        throw new InvalidOperationException($"'{printed}' is in no column of {page}");
    }

    private static void AssertCovers(Box expected, Box actual)
    {
        // The box is the characters' own boxes: a pixel or two of rounding at most.
        const int Slack = 2;
        Assert.True(Math.Abs(expected.X - actual.X) <= Slack && Math.Abs(expected.Y - actual.Y) <= Slack
            && Math.Abs(expected.Right - actual.Right) <= Slack && Math.Abs(expected.Bottom - actual.Bottom) <= Slack,
            $"expected about {expected}, got {actual}");
    }

    /// <summary>The MUSTs of a search response that can be checked from outside (https://iiif.io/api/search/2.0/#search-response).</summary>
    private static void AssertSearchResponse(JsonElement page, IReadOnlyDictionary<string, (int W, int H)> canvases)
    {
        Assert.Equal(SearchContext, page.GetProperty("@context").GetString());
        Assert.Equal("AnnotationPage", page.GetProperty("type").GetString());
        Assert.True(Uri.IsWellFormedUriString(page.GetProperty("id").GetString(), UriKind.Absolute));
        var ids = new HashSet<string>();
        foreach (var a in page.GetProperty("items").EnumerateArray())
        {
            Assert.Equal("Annotation", a.GetProperty("type").GetString());
            var id = a.GetProperty("id").GetString()!;
            Assert.True(Uri.IsWellFormedUriString(id, UriKind.Absolute), id);
            Assert.True(ids.Add(id), $"duplicate id {id}");
            Assert.Contains(a.GetProperty("motivation").GetString(), new[] { "supplementing", "highlighting" });
            var (canvas, box) = Target(a);
            Assert.True(canvases.TryGetValue(canvas, out var size), $"{canvas} is not a canvas of the manifest");
            Assert.True(box.X >= 0 && box.Y >= 0 && box.W > 0 && box.H > 0 && box.Right <= size.W && box.Bottom <= size.H, $"{box} outside {size}");
        }
        if (page.TryGetProperty("annotations", out var more))
        {
            foreach (var highlights in more.EnumerateArray())
            {
                Assert.Equal("AnnotationPage", highlights.GetProperty("type").GetString());
                foreach (var h in highlights.GetProperty("items").EnumerateArray())
                {
                    Assert.Equal("Annotation", h.GetProperty("type").GetString());
                    Assert.Equal("highlighting", h.GetProperty("motivation").GetString());
                    var targets = h.GetProperty("target");
                    foreach (var t in targets.ValueKind == JsonValueKind.Array ? targets.EnumerateArray().ToList() : [targets])
                    {
                        Assert.Equal("SpecificResource", t.GetProperty("type").GetString());
                        Assert.Contains(t.GetProperty("source").GetString()!, ids);
                        Assert.Equal("TextQuoteSelector", t.GetProperty("selector")[0].GetProperty("type").GetString());
                    }
                }
            }
        }
    }

    [Fact]
    public async Task A_phrase_typed_in_simplified_lands_on_its_canvas_over_its_characters()
    {
        var canvases = await CanvasesAsync();
        // On p001 as 西北至曲江縣, in one column.
        var page = await GetJsonAsync(Search("西北至曲江县"));
        AssertSearchResponse(page, canvases);
        Assert.StartsWith($"{host.BaseUrl}/iiif/search/{Item}?q=", page.GetProperty("id").GetString());
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        var (canvas, box) = Target(item);
        Assert.Equal($"{host.BaseUrl}/iiif/presentation/{Item}/canvas/p001", canvas);
        AssertCovers(await CharactersAsync("p001", "西北至曲江縣"), box);
        Assert.Equal("西北至曲江縣", item.GetProperty("body").GetProperty("value").GetString());
        var quote = page.GetProperty("annotations")[0].GetProperty("items")[0].GetProperty("target").GetProperty("selector")[0];
        Assert.Equal("西北至曲江縣", quote.GetProperty("exact").GetString());
        Assert.False(string.IsNullOrEmpty(quote.GetProperty("prefix").GetString()));
    }

    [Fact]
    public async Task A_hit_across_a_column_break_has_one_box_per_column()
    {
        var canvases = await CanvasesAsync();
        // p001 prints 惠州府長 at the foot of one column and 寧 at the head of the next.
        var page = await GetJsonAsync(Search("惠州府长宁"));
        AssertSearchResponse(page, canvases);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, a => Assert.EndsWith("/canvas/p001", Target(a).Canvas));
        AssertCovers(await CharactersAsync("p001", "惠州府長"), Target(items[0]).Box);
        // 寧 alone is the head of a column that goes on 縣界一百五十里.
        AssertCovers(await CharactersAsync("p001", "寧縣界一百五十里", length: 1), Target(items[1]).Box);
        // One highlight ties both parts to the one quote.
        var highlight = Assert.Single(page.GetProperty("annotations")[0].GetProperty("items").EnumerateArray());
        Assert.Equal(2, highlight.GetProperty("target").GetArrayLength());
    }

    [Fact]
    public async Task More_results_than_a_page_are_paged_with_next_prev_and_partOf()
    {
        var canvases = await CanvasesAsync();
        // 里 is on both pages; the fixture's page size puts each book page on its own response page.
        var first = await GetJsonAsync(Search("里"));
        AssertSearchResponse(first, canvases);
        Assert.All(first.GetProperty("items").EnumerateArray(), a => Assert.EndsWith("/canvas/p001", Target(a).Canvas));
        var partOf = first.GetProperty("partOf");
        Assert.Equal("AnnotationCollection", partOf.GetProperty("type").GetString());
        Assert.Equal(0, first.GetProperty("startIndex").GetInt32());
        Assert.False(first.TryGetProperty("prev", out _));
        var next = first.GetProperty("next").GetProperty("id").GetString()!;
        Assert.StartsWith(host.BaseUrl, next);

        var second = await GetJsonAsync(next[host.BaseUrl.Length..]);
        AssertSearchResponse(second, canvases);
        Assert.All(second.GetProperty("items").EnumerateArray(), a => Assert.EndsWith("/canvas/p002", Target(a).Canvas));
        Assert.False(second.TryGetProperty("next", out _));
        Assert.True(second.TryGetProperty("prev", out _));
        Assert.Equal(first.GetProperty("items").GetArrayLength(), second.GetProperty("startIndex").GetInt32());
        Assert.Equal(first.GetProperty("items").GetArrayLength() + second.GetProperty("items").GetArrayLength(), partOf.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Autocomplete_answers_terms_that_start_with_what_was_typed_and_link_their_search()
    {
        var terms = await GetJsonAsync($"/iiif/autocomplete/{Item}?q=" + Uri.EscapeDataString("曲"));
        Assert.Equal(SearchContext, terms.GetProperty("@context").GetString());
        Assert.Equal("TermPage", terms.GetProperty("type").GetString());
        Assert.True(Uri.IsWellFormedUriString(terms.GetProperty("id").GetString(), UriKind.Absolute));
        var items = terms.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        // A word or place name (曲江县), not a fragment of one.
        Assert.Contains(items, t => t.GetProperty("value").GetString()!.StartsWith("曲江", StringComparison.Ordinal));
        foreach (var t in items)
        {
            Assert.Equal("Term", t.GetProperty("type").GetString());
            Assert.StartsWith("曲", t.GetProperty("value").GetString());
            Assert.True(t.GetProperty("total").GetInt32() > 0);
        }
        var search = items[0].GetProperty("service")[0].GetProperty("id").GetString()!;
        var found = await GetJsonAsync(search[host.BaseUrl.Length..]);
        Assert.NotEmpty(found.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_manifest_advertises_search_and_autocomplete_and_keeps_the_presentation_rules()
    {
        var manifest = await GetJsonAsync($"/iiif/presentation/{Item}/manifest");
        Assert.Empty(PresentationRules.Check(manifest));
        var context = manifest.GetProperty("@context").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal([SearchContext, PresentationRules.Context], context);
        var services = manifest.GetProperty("service").EnumerateArray().ToList();
        Assert.Equal(["SearchService2", "SearchService1"], services.Select(s => s.GetProperty("type").GetString()));
        var service = services[0];
        // Content Search 1.0 beside it, found by viewers (Mirador 4) through its profile.
        Assert.Equal("http://iiif.io/api/search/1/search", services[1].GetProperty("profile").GetString());
        Assert.Equal($"{host.BaseUrl}/iiif/search/{Item}/v1", services[1].GetProperty("id").GetString());
        Assert.Equal($"{host.BaseUrl}/iiif/search/{Item}", service.GetProperty("id").GetString());
        var autocomplete = Assert.Single(service.GetProperty("service").EnumerateArray());
        Assert.Equal("AutoCompleteService2", autocomplete.GetProperty("type").GetString());
        Assert.Equal($"{host.BaseUrl}/iiif/autocomplete/{Item}", autocomplete.GetProperty("id").GetString());
    }

    /// <summary>Every annotation of every response page of a search: (target, text), in order.</summary>
    private async Task<List<(string Target, string Text)>> AllHitsAsync(string firstUrl, Func<JsonElement, IEnumerable<(string, string)>> hits, Func<JsonElement, string?> next)
    {
        var all = new List<(string, string)>();
        for (string? url = firstUrl; url is not null;)
        {
            var page = await GetJsonAsync(url);
            all.AddRange(hits(page));
            url = next(page);
        }
        return all;
    }

    [Fact]
    public async Task Content_search_1_answers_the_same_hits_as_2_in_its_own_form()
    {
        var q = Uri.EscapeDataString("清远");
        var v2 = await AllHitsAsync($"/iiif/search/{Item}?q={q}",
            p => p.GetProperty("items").EnumerateArray().Select(a => (a.GetProperty("target").GetString()!, a.GetProperty("body").GetProperty("value").GetString()!)),
            p => p.TryGetProperty("next", out var n) ? n.GetProperty("id").GetString() : null);
        var v1 = await AllHitsAsync($"/iiif/search/{Item}/v1?q={q}",
            p =>
            {
                // https://iiif.io/api/search/1.0/#search-response: an sc:AnnotationList of oa:Annotations, with search:Hits.
                Assert.Equal("sc:AnnotationList", p.GetProperty("@type").GetString());
                Assert.Equal("http://iiif.io/api/search/1/context.json", p.GetProperty("@context")[1].GetString());
                var resources = p.GetProperty("resources").EnumerateArray().ToList();
                Assert.All(resources, a => Assert.Equal("oa:Annotation", a.GetProperty("@type").GetString()));
                var ids = resources.Select(a => a.GetProperty("@id").GetString()).ToHashSet();
                foreach (var hit in p.GetProperty("hits").EnumerateArray())
                {
                    Assert.Equal("search:Hit", hit.GetProperty("@type").GetString());
                    Assert.Equal("清遠", hit.GetProperty("match").GetString());
                    Assert.All(hit.GetProperty("annotations").EnumerateArray(), id => Assert.Contains(id.GetString(), ids));
                }
                return resources.Select(a => (a.GetProperty("on").GetString()!, a.GetProperty("resource").GetProperty("chars").GetString()!));
            },
            p => p.TryGetProperty("next", out var n) ? n.GetString() : null);
        Assert.NotEmpty(v2);
        Assert.Contains(v2, h => h.Target.Contains("#xywh=", StringComparison.Ordinal));
        Assert.Equal(v2, v1);
    }

    [Theory]
    [InlineData("/iiif/search/QY-RB-002/v1?q=*", 400)]
    [InlineData("/iiif/search/QY-RB-999/v1?q=%E9%87%8C", 404)]
    [InlineData("/iiif/search/QY-RB-002", 200)]
    [InlineData("/iiif/search/QY-RB-002?q=", 200)]
    [InlineData("/iiif/autocomplete/QY-RB-002", 200)]
    [InlineData("/iiif/autocomplete/QY-RB-002?q=abc", 200)]
    [InlineData("/iiif/search/QY-RB-999?q=%E9%87%8C", 404)]
    [InlineData("/iiif/autocomplete/QY-RB-999?q=%E9%87%8C", 404)]
    [InlineData("/iiif/search/bad~id?q=%E9%87%8C", 400)]
    [InlineData("/iiif/search/QY-RB-002?q=*", 400)]
    [InlineData("/iiif/search/QY-RB-002?q=%3A", 400)]
    [InlineData("/iiif/search/QY-RB-002?q=%E9%87%8C&page=x", 400)]
    [InlineData("/iiif/search/QY-RB-002?q=%E9%87%8C&page=99", 404)]
    public async Task Missing_query_is_an_empty_page_and_bad_requests_are_4xx(string url, int status)
    {
        using var response = await host.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{url}: {response.StatusCode} {body}");
        if (status == 200) Assert.Empty(JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray());
        else Assert.True(body.Length is > 0 and < 400, body);
    }

    /// <summary>What a researcher types by habit (a wildcard, an unclosed bracket) is read as the nearest query, not refused.</summary>
    [Theory]
    [InlineData("/iiif/search/QY-RB-002?q=%E6%B8%85*", "items")]
    [InlineData("/iiif/search/QY-RB-002?q=%E6%B8%85%E8%BF%9C%20AND%20(", "items")]
    [InlineData("/iiif/search/QY-RB-002/v1?q=%E6%B8%85*", "resources")]
    public async Task Habitual_typing_is_searched_as_the_nearest_query(string url, string hitsProperty)
    {
        using var response = await host.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{url}: {response.StatusCode} {body}");
        Assert.NotEmpty(JsonDocument.Parse(body).RootElement.GetProperty(hitsProperty).EnumerateArray());
    }

    [Theory]
    [InlineData("()")]
    [InlineData("\"")]
    [InlineData("\"\"")]
    [InlineData("NOT")]
    [InlineData("-")]
    [InlineData("title:")]
    [InlineData("year:abc")]
    [InlineData("里 OR")]
    [InlineData("清~2")]
    [InlineData("[a TO")]
    [InlineData("\\")]
    [InlineData("里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里 里")]
    public async Task Odd_queries_are_answered_or_refused_never_a_server_error(string q)
    {
        foreach (var url in new[] { Search(q), $"/iiif/autocomplete/{Item}?q={Uri.EscapeDataString(q)}" })
        {
            using var response = await host.Client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Head_answers_the_headers_without_a_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, Search("里"));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
