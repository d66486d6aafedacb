using Lucene.Net.Search;
using QyHeritage.Search.Indexing;
using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests.Queries;

[Collection(SampleIndexCollection.Name)]
public sealed class WordRankingTests(SampleIndex sample)
{
    private SamplePage Page(string item, int order) => sample.Pages.Single(p => p.Item.Id == item && p.Page.Order == order);

    [Fact]
    public void A_page_where_the_query_is_a_whole_word_outranks_one_where_it_spans_two_words()
    {
        // 省城 is a word on these pages; on QY-RD-001 p1 the same characters span 广东省 / 城北 ("在广东省城北门外").
        var words = sample.Index.WordAnalyzer;
        var spanning = Page("QY-RD-001", 1);
        Assert.Contains("省城", sample.Index.Folding.Fold(spanning.Text.Text));
        Assert.DoesNotContain("省城", words.Words(spanning.Text.Text));
        var whole = sample.Pages.Where(p => words.Words(p.Text.Text).Contains("省城")).Select(p => (p.Item.Id, p.Page.Order)).ToList();
        Assert.True(whole.Count >= 2);

        var hits = sample.Service.Search(new SearchRequest { Query = "省城", PageSize = 100 }).PageHits.Select(h => (h.ItemId, h.Page)).ToList();
        Assert.Equal(whole.Count + 1, hits.Count);
        Assert.Equal(whole.ToHashSet(), hits.Take(whole.Count).ToHashSet());
        Assert.Equal((spanning.Item.Id, spanning.Page.Order), hits[^1]);
    }

    [Theory]
    [InlineData("省城")]
    [InlineData("清遠")]
    [InlineData("革命")]
    [InlineData("北江 OR 英德")]
    [InlineData("清远 -县")]
    [InlineData("title:清远 城北")]
    [InlineData("飞来 year:1700-1950")]
    public void Words_only_add_score_the_matches_totals_and_facets_stay_the_same(string query)
    {
        // Date order runs the query without the words; relevance order with them.
        var ranked = sample.Service.Search(new SearchRequest { Query = query });
        var dated = sample.Service.Search(new SearchRequest { Query = query, Sort = SearchSort.DateAscending });
        Assert.Contains(SearchFields.Words, sample.Service.BuildQuery(new SearchRequest { Query = query }).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SearchFields.Words, sample.Service.BuildQuery(new SearchRequest { Query = query, Sort = SearchSort.DateAscending }).ToString(), StringComparison.Ordinal);
        Assert.True(ranked.TotalPages > 0, query);
        Assert.Equal(dated.TotalPages, ranked.TotalPages);
        Assert.Equal(dated.TotalItems, ranked.TotalItems);
        Assert.Equal(Flatten(dated.Facets), Flatten(ranked.Facets));
        Assert.Equal(sample.PagesFound(query, new SearchRequest { Sort = SearchSort.DateAscending }), sample.PagesFound(query));
    }

    [Fact]
    public void A_query_SmartCn_cuts_into_single_characters_ranks_as_before()
    {
        // 英德 is no word in SmartCn's dictionary (英 / 德): no words clause, the same query as a date sort runs.
        Assert.Equal(["英", "德"], sample.Index.WordAnalyzer.Words("英德"));
        Assert.Equal(sample.Service.BuildQuery(new SearchRequest { Query = "英德", Sort = SearchSort.DateAscending }).ToString(),
            sample.Service.BuildQuery(new SearchRequest { Query = "英德" }).ToString());
    }

    [Fact]
    public void Words_are_taken_after_folding()
    {
        var words = sample.Index.WordAnalyzer;
        Assert.Equal(words.Words("清远县的北江"), words.Words("清遠縣的北江"));
        Assert.Equal(words.Words("清远县的北江"), words.Words("淸逺縣的北江"));
    }

    [Fact]
    public void Hits_still_mark_the_whole_string_not_the_words()
    {
        var hit = sample.Service.Search(new SearchRequest { Query = "省城" }).PageHits.Last();
        Assert.All(hit.Hits, h => Assert.Equal("省城", sample.Index.Folding.Fold(h.Text)));
        Assert.Contains("<mark>省城</mark>", hit.Snippet.Marked(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("省城")]
    [InlineData("北江 OR 英德")]
    public void Only_a_window_of_the_best_matches_is_reordered_by_words_the_rest_keep_the_bigram_order(string query)
    {
        List<(string, int)> Hits(int window) => new SearchService(sample.Index) { WordWindow = window }
            .Search(new SearchRequest { Query = query, PageSize = 100 }).PageHits.Select(h => (h.ItemId, h.Page)).ToList();
        var bigram = Hits(0);
        Assert.True(bigram.Count >= 3, query);
        var reordered = false;
        for (var window = 1; window <= bigram.Count; window++)
        {
            var hits = Hits(window);
            Assert.Equal(bigram.Take(window).ToHashSet(), hits.Take(window).ToHashSet());
            Assert.Equal(bigram.Skip(window), hits.Skip(window));
            reordered |= !hits.SequenceEqual(bigram);
        }
        Assert.True(reordered, query);
    }

    [Theory]
    [InlineData("省城")]
    [InlineData("革命")]
    public void Within_the_window_the_order_is_that_of_the_query_with_its_words_scored_on_every_match(string query)
    {
        // What the words clause scored on every match gave (the query BuildQuery shows, run as it is), best first.
        var searcher = sample.Index.Acquire();
        List<(string, int)> everyMatch;
        try
        {
            var all = MatchCollector.Search(searcher, sample.Service.BuildQuery(new SearchRequest { Query = query }), SearchSort.Relevance, 100, byItem: false, slices: 1);
            everyMatch = all.Kept.Select(m => (all.ItemId(m), m.Page)).ToList();
        }
        finally
        {
            sample.Index.Release(searcher);
        }
        var hits = sample.Service.Search(new SearchRequest { Query = query, PageSize = 100 }).PageHits.Select(h => (h.ItemId, h.Page)).ToList();
        Assert.True(hits.Count >= 2, query);
        Assert.Equal(everyMatch, hits);
    }

    [Theory]
    [InlineData(SearchView.Pages)]
    [InlineData(SearchView.Items)]
    public void Relevance_pages_are_cut_from_one_order_whether_or_not_they_lie_in_the_window(SearchView view)
    {
        // A window of 2 with one hit a page: page 1 lies in it, page 3 past it; all together are the one-page answer.
        var service = new SearchService(sample.Index) { WordWindow = 2 };
        static IEnumerable<string> Keys(SearchResponse r) =>
            r.View == SearchView.Pages ? r.PageHits.Select(h => $"{h.ItemId}/{h.Page}") : r.ItemHits.Select(h => h.ItemId);
        var all = Keys(service.Search(new SearchRequest { Query = "省城", View = view, PageSize = 100 })).ToList();
        Assert.True(all.Count >= 3);
        var paged = Enumerable.Range(1, all.Count).SelectMany(p => Keys(service.Search(new SearchRequest { Query = "省城", View = view, PageSize = 1, Page = p }))).ToList();
        Assert.Equal(all, paged);
    }

    private static List<string> Flatten(IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> facets) =>
        facets.OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => f.Value.Select(v => $"{f.Key}={v.Value}:{v.Pages}/{v.Items}")).ToList();
}
