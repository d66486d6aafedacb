using QyHeritage.Search.Queries;

namespace QyHeritage.Iiif.ContentSearch;

/// <summary>
/// Splits an item's matching pages into response pages of about <c>size</c> annotations
/// (https://iiif.io/api/search/2.0/#paging-results). A book page's hits stay together so that each
/// annotation keeps the same id on whichever response page it appears.
/// </summary>
public sealed class ResultPages
{
    private readonly List<(int Start, int Count, int FirstIndex)> _pages = [];
    private readonly IReadOnlyList<PageHit> _hits;

    public ResultPages(IReadOnlyList<PageHit> hits, int size)
    {
        _hits = hits;
        size = Math.Max(1, size);
        int start = 0, annotations = 0, index = 0;
        for (var i = 0; i < hits.Count; i++)
        {
            var n = Annotations(hits[i]);
            if (i > start && annotations + n > size)
            {
                _pages.Add((start, i - start, index));
                index += annotations;
                start = i;
                annotations = 0;
            }
            annotations += n;
        }
        if (hits.Count > start) _pages.Add((start, hits.Count - start, index));
        Total = index + annotations;
    }

    /// <summary>How many annotations all pages hold together (the AnnotationCollection's total).</summary>
    public int Total { get; }

    /// <summary>Response pages; at least 1, so an empty result is one empty page.</summary>
    public int Count => Math.Max(1, _pages.Count);

    /// <summary>The book pages on response page <paramref name="page"/> (1-based) and the index of its first annotation.</summary>
    public (IReadOnlyList<PageHit> Hits, int StartIndex) Page(int page)
    {
        if (_pages.Count == 0 || page < 1 || page > _pages.Count) return ([], 0);
        var (start, count, first) = _pages[page - 1];
        return (_hits.Skip(start).Take(count).ToList(), first);
    }

    /// <summary>As ContentSearchResponse makes them: one annotation per box, or one on the whole canvas when a hit has none.</summary>
    public static int Annotations(PageHit page) => page.Hits.Sum(h => Math.Max(1, h.Boxes.Count));
}
