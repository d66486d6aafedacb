using System.Text.Json;
using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests.Queries;

/// <summary>
/// A search split over parallel parts (ranges of documents) answers exactly what one thread answers, on an index
/// of many segments and on one of a single segment: totals, facets, hits and their order.
/// </summary>
[Collection(SampleIndexCollection.Name)]
public sealed class ParallelSearchTests(SampleIndex sample) : IDisposable
{
    private readonly SampleIndex _segmented = new(writerTurns: 5);

    [Theory]
    [InlineData("北江", SearchSort.Relevance, SearchView.Pages, 1)]
    [InlineData("之", SearchSort.Relevance, SearchView.Pages, 3)]
    [InlineData("之", SearchSort.DateAscending, SearchView.Pages, 2)]
    [InlineData("之", SearchSort.DateDescending, SearchView.Items, 1)]
    [InlineData("清远 OR 英德", SearchSort.Relevance, SearchView.Items, 1)]
    [InlineData("之", SearchSort.Relevance, SearchView.Items, 2)]
    [InlineData("之 year:[1700 TO 1800]", SearchSort.Relevance, SearchView.Pages, 1)]
    [InlineData("", SearchSort.DateAscending, SearchView.Pages, 4)]
    public void Parallel_parts_answer_what_one_thread_answers(string query, SearchSort sort, SearchView view, int page)
    {
        var searcher = _segmented.Index.Acquire();
        try
        {
            Assert.True(searcher.IndexReader.Leaves.Count > 1, "the index should have several segments");
        }
        finally
        {
            _segmented.Index.Release(searcher);
        }
        var request = new SearchRequest { Query = query, Sort = sort, View = view, Page = page, PageSize = 7 };
        var oneThread = new SearchService(_segmented.Index) { Parallelism = 1 }.Search(request);
        var parallel = new SearchService(_segmented.Index) { Parallelism = 3, ParallelFrom = 0 }.Search(request);
        Assert.True(oneThread.TotalPages > 0);
        Assert.Equal(Json(oneThread), Json(parallel));

        // Within one segment the parts are ranges of its documents.
        var oneSegment = sample.Service.Search(request);
        Assert.Equal(Json(oneSegment), Json(new SearchService(sample.Index) { Parallelism = 3, ParallelFrom = 0 }.Search(request)));
        Assert.Equal((oneSegment.TotalPages, oneSegment.TotalItems), (parallel.TotalPages, parallel.TotalItems));
        Assert.Equal(JsonSerializer.Serialize(oneSegment.Facets), JsonSerializer.Serialize(parallel.Facets));
        Assert.Equal(oneSegment.PageHits.Select(h => (h.ItemId, h.Page)), parallel.PageHits.Select(h => (h.ItemId, h.Page)));
        Assert.Equal(oneSegment.ItemHits.Select(h => (h.ItemId, h.MatchingPages)), parallel.ItemHits.Select(h => (h.ItemId, h.MatchingPages)));
    }

    private static string Json(SearchResponse r) => JsonSerializer.Serialize(r with { TookMs = 0 });

    public void Dispose() => _segmented.Dispose();
}
