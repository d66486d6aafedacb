using QyHeritage.Search.Indexing;
using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests.Queries;

[Collection(SampleIndexCollection.Name)]
public sealed class QueryTests(SampleIndex sample)
{
    private HashSet<(string, int)> Containing(string simplified)
    {
        var f = sample.Index.Folding;
        var pattern = RecallOracleTests.Pattern(f, f.Fold(simplified));
        return sample.Pages.Where(p => pattern.IsMatch(f.Fold(p.Text.Text))).Select(p => (p.Item.Id, p.Page.Order)).ToHashSet();
    }

    private HashSet<(string, int)> All => sample.Pages.Select(p => (p.Item.Id, p.Page.Order)).ToHashSet();

    [Fact]
    public void Traditional_simplified_and_variant_spellings_find_the_same_pages()
    {
        var simplified = sample.PagesFound("清远");
        Assert.NotEmpty(simplified);
        Assert.Equal(simplified, sample.PagesFound("清遠"));
        Assert.Equal(simplified, sample.PagesFound("淸逺"));
        Assert.Equal(Containing("清远"), simplified);
    }

    [Fact]
    public void Boolean_operators_combine_page_sets()
    {
        var a = Containing("清远");
        var b = Containing("英德");
        Assert.Equal(a.Intersect(b).ToHashSet(), sample.PagesFound("清远 AND 英德"));
        Assert.Equal(a.Intersect(b).ToHashSet(), sample.PagesFound("清远 英德"));
        Assert.Equal(a.Union(b).ToHashSet(), sample.PagesFound("清远 OR 英德"));
        Assert.Equal(a.Except(b).ToHashSet(), sample.PagesFound("清远 NOT 英德"));
        Assert.Equal(a.Except(b).ToHashSet(), sample.PagesFound("清远 -英德"));
        Assert.Equal(a.Union(b).Except(Containing("北江")).ToHashSet(), sample.PagesFound("(清远 OR 英德) NOT 北江"));
    }

    [Fact]
    public void A_query_of_exclusions_only_means_everything_else()
    {
        Assert.Equal(All.Except(Containing("英德")).ToHashSet(), sample.PagesFound("-英德"));
        Assert.Equal(All.Except(Containing("英德")).ToHashSet(), sample.PagesFound("NOT 英德"));
    }

    [Theory]
    [InlineData("，。")]
    [InlineData("\"\"")]
    public void A_query_with_nothing_to_search_for_is_refused(string query) =>
        Assert.Throws<SearchQueryException>(() => sample.Service.Search(new SearchRequest { Query = query }));

    [Fact]
    public void Quoted_phrases_keep_their_spaces_and_order()
    {
        Assert.Equal(Containing("清远县"), sample.PagesFound("\"清远县\""));
    }

    [Fact]
    public void Field_prefixes_search_the_catalogue_fields()
    {
        var f = sample.Index.Folding;
        var byTitle = sample.Pages.Where(p => f.Fold(p.Item.TitleZh).Contains("英德县", StringComparison.Ordinal)).Select(p => (p.Item.Id, p.Page.Order)).ToHashSet();
        Assert.NotEmpty(byTitle);
        Assert.Equal(byTitle, sample.PagesFound("title:英德县"));
        Assert.Equal(byTitle, sample.PagesFound("题名:英德縣"));
        var luXun = sample.Pages.Where(p => p.Item.Creator.Contains("魯迅", StringComparison.Ordinal)).Select(p => (p.Item.Id, p.Page.Order)).ToHashSet();
        Assert.NotEmpty(luXun);
        Assert.Equal(luXun, sample.PagesFound("creator:鲁迅"));
        var place = sample.Pages.Where(p => f.Fold(p.Item.Place).Contains("清远", StringComparison.Ordinal)).Select(p => (p.Item.Id, p.Page.Order)).ToHashSet();
        Assert.Equal(place, sample.PagesFound("place:清远"));
        Assert.Equal(Containing("北江").Intersect(luXun).ToHashSet(), sample.PagesFound("北江 AND creator:鲁迅"));
    }

    [Fact]
    public void Year_ranges_use_the_catalogue_years()
    {
        bool Overlaps(SamplePage p, int from, int to) => p.Item.Date.StartYear is int s && s <= to && (p.Item.Date.EndYear ?? s) >= from;
        var republic = sample.Pages.Where(p => Overlaps(p, 1912, 1949)).Select(p => (p.Item.Id, p.Page.Order)).ToHashSet();
        Assert.NotEmpty(republic);
        Assert.Equal(republic, sample.PagesFound("year:[1912 TO 1949]"));
        Assert.Equal(republic, sample.PagesFound("year:1912-1949"));
        Assert.Equal(republic, sample.PagesFound("", new SearchRequest { YearFrom = 1912, YearTo = 1949 }));
        var y1731 = sample.Pages.Where(p => Overlaps(p, 1731, 1731)).Select(p => (p.Item.Id, p.Page.Order)).ToHashSet();
        Assert.NotEmpty(y1731);
        Assert.Equal(y1731, sample.PagesFound("year:1731"));
        // Open ends: every dated page (the sample has no undated item).
        var dated = sample.Pages.Where(p => p.Item.Date.StartYear is not null).Select(p => (p.Item.Id, p.Page.Order)).ToHashSet();
        Assert.Equal(dated, sample.PagesFound("year:[* TO *]"));
        Assert.Equal(Containing("北江").Intersect(republic).ToHashSet(), sample.PagesFound("北江 year:[1912 TO 1949]"));
        // 太平寰宇記, written 太平興國年間 = 976–984: any year inside finds it.
        Assert.Contains(sample.PagesFound("year:980"), h => sample.Pages.Any(p => p.Item.Id == h.Item1 && p.Item.Date.StartYear == 976));
    }

    [Theory]
    [InlineData("清远/英德", "清远 英德")]
    [InlineData("\"清远", "清远")]
    [InlineData("清远\"", "清远")]
    [InlineData("清远 AND (英德", "清远 英德")]
    [InlineData("(清远 英德", "清远 英德")]
    [InlineData("清远 英德)", "清远 英德")]
    [InlineData("[清远", "清远")]
    [InlineData("清远 AND", "清远")]
    [InlineData("OR 英德", "英德")]
    [InlineData("清远 AND OR 英德", "清远 OR 英德")]
    [InlineData("清*", "清")]
    [InlineData("清远~", "清远")]
    [InlineData("清远:英德", "清远 英德")]
    [InlineData("清远^", "清远")]
    [InlineData("清远 !", "清远")]
    public void Ordinary_typing_is_read_as_the_nearest_query_with_a_note(string typed, string meant)
    {
        var r = sample.Service.Search(new SearchRequest { Query = typed });
        Assert.Equal(sample.PagesFound(meant), sample.PagesFound(typed));
        var note = Assert.Single(r.Notes.Take(1));
        Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}", note);
        Assert.Contains(" ", note);
        Assert.Empty(sample.Service.Search(new SearchRequest { Query = meant }).Notes);
    }

    [Theory]
    [InlineData("AND")]
    [InlineData("AND OR")]
    [InlineData("NOT")]
    public void A_lone_operator_is_searched_as_a_word(string typed)
    {
        var r = sample.Service.Search(new SearchRequest { Query = typed });
        Assert.NotEmpty(r.Notes);
    }

    /// <summary>What the 400s must never show: the classic parser's own words.</summary>
    internal static readonly string[] ParserInternals = ["Cannot parse", "Encountered", "Lexical error", "expecting", "<EOF>", "column", "Exception", "TokenMgr"];

    [Theory]
    [InlineData(":")]
    [InlineData("*")]
    [InlineData("~")]
    [InlineData("\"")]
    [InlineData("()")]
    [InlineData("year:abc")]
    [InlineData("title:[a TO b]")]
    public void What_cannot_be_a_query_is_refused_in_both_languages_without_parser_text(string query)
    {
        var e = Assert.Throws<SearchQueryException>(() => sample.Service.Search(new SearchRequest { Query = query }));
        Assert.Matches(@"^[\p{IsCJKUnifiedIdeographs}「]", e.Message);
        Assert.Matches("[A-Za-z]{3,}", e.Message);
        foreach (var bad in ParserInternals) Assert.DoesNotContain(bad, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_empty_query_browses_everything_and_filters_narrow_it()
    {
        Assert.Equal(All, sample.PagesFound(""));
        var news = sample.Pages.Where(p => p.Item.Collection == QyHeritage.Archive.Domain.CollectionKind.Newspaper).Select(p => (p.Item.Id, p.Page.Order)).ToHashSet();
        Assert.Equal(news, sample.PagesFound("", new SearchRequest { Filters = new Dictionary<string, IReadOnlyList<string>> { ["collection"] = ["newspaper"] } }));
        Assert.Throws<SearchQueryException>(() => sample.Service.Search(new SearchRequest { Filters = new Dictionary<string, IReadOnlyList<string>> { ["colour"] = ["red"] } }));
    }

    [Fact]
    public void Facet_counts_equal_brute_force_counts()
    {
        var r = sample.Service.Search(new SearchRequest { Query = "北江" });
        var matching = Containing("北江");
        var pages = sample.Pages.Where(p => matching.Contains((p.Item.Id, p.Page.Order))).ToList();
        Assert.Equal(pages.Count, r.TotalPages);
        Assert.Equal(pages.Select(p => p.Item.Id).Distinct().Count(), r.TotalItems);
        void Check(string facet, Func<SamplePage, string?> value)
        {
            var expected = pages.Where(p => value(p) is not null).GroupBy(value)
                .ToDictionary(g => g.Key!, g => (Pages: g.Count(), Items: g.Select(p => p.Item.Id).Distinct().Count()));
            var actual = r.Facets[SearchFields.ApiName(facet)].ToDictionary(v => v.Value, v => (v.Pages, v.Items));
            Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        }
        Check(SearchFields.Collection, p => p.Item.Collection switch
        {
            QyHeritage.Archive.Domain.CollectionKind.RareBook => "rare-book",
            QyHeritage.Archive.Domain.CollectionKind.RepublicanDoc => "republican-doc",
            QyHeritage.Archive.Domain.CollectionKind.Newspaper => "newspaper",
            _ => "local-history",
        });
        Check(SearchFields.Dynasty, p => p.Item.Date.StartYear is int y ? PageDocuments.DynastyOf(y) : null);
        Check(SearchFields.Decade, p => p.Item.Date.StartYear is int y ? PageDocuments.DecadeOf(y) : null);
        Check(SearchFields.PlaceFacet, p => p.Item.Place.Length > 0 ? p.Item.Place : null);
        Check(SearchFields.Script, p => PageDocuments.ScriptOf(p.Item));
        Check(SearchFields.ItemType, p => PageDocuments.TypeOf(p.Item));
        Assert.All(r.Facets[SearchFields.Collection], v => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+ [A-Z]", v.Label));
    }

    [Fact]
    public void Sorting_by_date_orders_by_start_year_and_paging_covers_every_hit_once()
    {
        var asc = sample.Service.Search(new SearchRequest { Query = "之", Sort = SearchSort.DateAscending, PageSize = 100 });
        Assert.True(asc.TotalPages > 20);
        var years = asc.PageHits.Select(h => h.Year ?? int.MaxValue).ToList();
        Assert.Equal(years.Order(), years);
        var desc = sample.Service.Search(new SearchRequest { Query = "之", Sort = SearchSort.DateDescending, PageSize = 100 });
        Assert.Equal(desc.PageHits.Where(h => h.Year is not null).Select(h => h.Year).OrderDescending(), desc.PageHits.Where(h => h.Year is not null).Select(h => h.Year));
        var paged = Enumerable.Range(1, (asc.TotalPages + 6) / 7)
            .SelectMany(p => sample.Service.Search(new SearchRequest { Query = "之", Sort = SearchSort.DateAscending, PageSize = 7, Page = p }).PageHits)
            .Select(h => (h.ItemId, h.Page)).ToList();
        Assert.Equal(asc.PageHits.Select(h => (h.ItemId, h.Page)), paged);
    }

    [Fact]
    public void Relevance_paging_gives_the_same_order_as_one_long_page()
    {
        var all = sample.Service.Search(new SearchRequest { Query = "之", PageSize = 100 });
        Assert.True(all.TotalPages > 20);
        Assert.Equal(all.PageHits.Select(h => h.Score).OrderDescending(), all.PageHits.Select(h => h.Score));
        var paged = Enumerable.Range(1, 100 / 9 + 1)
            .SelectMany(p => sample.Service.Search(new SearchRequest { Query = "之", PageSize = 9, Page = p }).PageHits)
            .Take(all.PageHits.Count).Select(h => (h.ItemId, h.Page)).ToList();
        Assert.Equal(all.PageHits.Select(h => (h.ItemId, h.Page)), paged);
    }

    [Fact]
    public void Item_view_groups_pages_by_item()
    {
        var pages = sample.Service.Search(new SearchRequest { Query = "北江", PageSize = 100 });
        var items = sample.Service.Search(new SearchRequest { Query = "北江", View = SearchView.Items, PageSize = 100 });
        Assert.Equal(pages.TotalItems, items.ItemHits.Count);
        foreach (var item in items.ItemHits)
        {
            Assert.Equal(pages.PageHits.Where(h => h.ItemId == item.ItemId).Select(h => h.Page).Order(), item.Pages);
            Assert.Contains("<mark>", item.Snippet.Marked());
        }
        Assert.Equal(items.ItemHits.Select(i => i.Score).OrderDescending(), items.ItemHits.Select(i => i.Score));
        // Paging through items gives the same items in the same order.
        var paged = Enumerable.Range(1, (items.ItemHits.Count + 2) / 3)
            .SelectMany(p => sample.Service.Search(new SearchRequest { Query = "北江", View = SearchView.Items, PageSize = 3, Page = p }).ItemHits)
            .Select(i => (i.ItemId, i.MatchingPages)).ToList();
        Assert.Equal(items.ItemHits.Select(i => (i.ItemId, i.MatchingPages)), paged);
    }

    [Theory]
    [InlineData("英德", SearchSort.Relevance)] // SmartCn cuts 英德 into characters: no words clause, one score for both views
    [InlineData("北江", SearchSort.DateAscending)]
    [InlineData("北江", SearchSort.DateDescending)]
    [InlineData("清远", SearchSort.DateAscending)]
    public void An_items_best_page_is_its_first_page_in_the_page_view(string query, SearchSort sort)
    {
        var pages = sample.Service.Search(new SearchRequest { Query = query, Sort = sort, PageSize = 100 });
        var items = sample.Service.Search(new SearchRequest { Query = query, Sort = sort, View = SearchView.Items, PageSize = 100 });
        Assert.True(items.ItemHits.Count >= 2, query);
        Assert.True(pages.TotalPages <= 100);
        foreach (var item in items.ItemHits)
        {
            var first = pages.PageHits.First(h => h.ItemId == item.ItemId);
            Assert.Equal((first.Score, first.Snippet), (item.Score, item.Snippet));
        }
        // Items come in the order of their first pages.
        Assert.Equal(pages.PageHits.Select(h => h.ItemId).Distinct(), items.ItemHits.Select(i => i.ItemId));
    }

    [Theory]
    [InlineData(970, "970年代 970s")]
    [InlineData(1927, "1920年代 1920s")]
    [InlineData(-103, "前110年代 110s BCE")]
    public void Decades_read_as_years_however_their_values_are_padded_for_sorting(int year, string label) =>
        Assert.Equal(label, FacetLabels.Of(SearchFields.Decade, PageDocuments.DecadeOf(year)));

    [Fact]
    public void Snippets_mark_the_hit_in_the_pages_own_script()
    {
        var r = sample.Service.Search(new SearchRequest { Query = "清远", PageSize = 100 });
        var traditional = r.PageHits.First(h => h.Script == "traditional");
        Assert.Contains("<mark>", traditional.Snippet.Marked());
        Assert.All(traditional.Hits, h => Assert.Equal("清远", sample.Index.Folding.Fold(h.Text)));
        Assert.Contains(traditional.Hits, h => h.Text != "清远");
        Assert.Matches("<mark>(清|淸)(遠|逺|远)</mark>", traditional.Snippet.Marked());
        var page = sample.Pages.Single(p => p.Item.Id == traditional.ItemId && p.Page.Order == traditional.Page).Text.Text;
        foreach (var h in traditional.Hits)
        {
            Assert.EndsWith(h.Prefix, page[..h.Start].Replace('\n', ' '), StringComparison.Ordinal);
            Assert.StartsWith(h.Suffix, page[(h.Start + h.Length)..].Replace('\n', ' '), StringComparison.Ordinal);
        }
    }
}
