using Lucene.Net.Index;
using Lucene.Net.Search;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Queries;

/// <summary>One matching page document: global doc id, score, its segment and item ordinal there, page and start year.</summary>
internal readonly record struct Match(int Doc, float Score, int Segment, int ItemOrd, int Page, long YearSort);

/// <summary>One matching item of the item view: its best match and the pages that matched, in document order.</summary>
internal sealed record ItemMatches(Match Best, List<int> Pages);

/// <summary>
/// Visits every match once for the totals and facet counts, and keeps only what the answer shows: the best
/// <c>keep</c> matches in the requested order (a bounded heap), the best <c>keep</c> items for the item view, or
/// every match when more are asked for than a heap is worth (a search within one item). Per match it reads the document's item ordinal from
/// <see cref="SegmentOrdinals"/> and bumps that item's page count; facet counts are added per item when a
/// segment ends (an item's pages share its metadata, and all of an item's documents sit in one segment,
/// added as one block), so a match costs a few array reads, its score, and a comparison with the heap's worst.
/// </summary>
internal sealed class MatchCollector : ICollector
{
    /// <summary>Above this many kept matches the heap is no better than keeping them all and sorting.</summary>
    internal const int MaxHeap = 4096;

    private readonly SearchSort _sort;
    private readonly int _keep;
    private readonly List<Match> _all = [];
    private readonly PriorityQueue<Match, Match>? _heap;
    private readonly bool _byItem;
    private readonly List<ItemMatches> _allItems = [];
    private readonly PriorityQueue<ItemMatches, Match>? _itemHeap;
    // The item view's current group: one item's matching documents (segment-local ids, in order) and its best so far.
    // Page numbers and years are read for the best and for kept items only, not for every match.
    private readonly List<int> _groupDocs = [];
    private int _groupItem;
    private int _groupBestDoc;
    private float _groupBestScore;
    private int _groupBestPage;
    private bool _inGroup;
    private readonly Dictionary<string, FacetCount>[] _facets;
    private readonly Dictionary<int, AtomicReader> _readers = [];
    private readonly Dictionary<(int Segment, int Ord), string> _itemIds = [];
    private Scorer? _scorer;
    private int _docBase;
    private int _segment;
    private SegmentOrdinals? _ordinals;
    private int[] _pagesOfItem = [];
    private readonly List<int> _itemsHere = [];
    private SortedDocValues?[] _facetValues = [];
    private int[][] _perDocPages = [];
    private int[][] _perDocItems = [];
    private NumericDocValues? _page;
    private NumericDocValues? _year;

    /// <param name="sort">The order of the kept matches.</param>
    /// <param name="keep">How many of the best matches (or items) to keep; all when it is larger than a heap is worth.</param>
    /// <param name="byItem">
    /// Keep items (<see cref="KeptItems"/>), each with its best match and its matching pages, instead of matches.
    /// Documents are then visited in order: an item's pages are one block of documents, so its matches come one
    /// after another and are grouped on the way, without keeping every match.
    /// </param>
    public MatchCollector(SearchSort sort, int keep, bool byItem = false)
    {
        _sort = sort;
        _keep = Math.Max(0, keep);
        _byItem = byItem;
        Compare = Comparer(sort);
        var worstFirst = Comparer<Match>.Create((a, b) => Compare(b, a));
        if (_keep <= MaxHeap && !byItem) _heap = new PriorityQueue<Match, Match>(_keep + 1, worstFirst);
        if (_keep <= MaxHeap && byItem) _itemHeap = new PriorityQueue<ItemMatches, Match>(_keep + 1, worstFirst);
        _facets = SearchFields.Facets.Select(_ => new Dictionary<string, FacetCount>(StringComparer.Ordinal)).ToArray();
    }

    /// <summary>The order of <see cref="Kept"/>: the requested sort, ties by item id and page.</summary>
    public Comparison<Match> Compare { get; }

    public int TotalPages { get; private set; }

    public int TotalItems { get; private set; }

    /// <summary>Facet field → value → counts; complete after <see cref="Finish"/>.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, FacetCount>> Facets =>
        SearchFields.Facets.Select((f, i) => (f, i)).ToDictionary(t => t.f, t => _facets[t.i]);

    /// <summary>
    /// The kept matches after <see cref="Finish"/>: the best first when a heap kept them; every match, unordered,
    /// when all are kept (the caller orders what it needs: the item view orders items, not pages).
    /// </summary>
    public List<Match> Kept { get; private set; } = [];

    /// <summary>The kept items of the item view after <see cref="Finish"/>, best first.</summary>
    public List<ItemMatches> KeptItems { get; private set; } = [];

    public bool AcceptsDocsOutOfOrder => !_byItem;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        CloseGroup();
        FlushSegment();
        var reader = context.AtomicReader;
        // The leaf's place in the reader, so that matches of collectors that ran on other leaves can be merged.
        _segment = context.Ord;
        _docBase = context.DocBase;
        _ordinals = SegmentOrdinals.Of(reader);
        _readers[_segment] = reader;
        _page = reader.GetNumericDocValues(SearchFields.Page);
        _year = reader.GetNumericDocValues(SearchFields.YearSort);
        // A large segment has 100,000s of items: a pooled array, not a new large-object-heap one per search.
        _pagesOfItem = System.Buffers.ArrayPool<int>.Shared.Rent(_ordinals.ItemCount);
        Array.Clear(_pagesOfItem, 0, _ordinals.ItemCount);
        if (_ordinals.FacetsOfItem is null)
        {
            _facetValues = SearchFields.Facets.Select(reader.GetSortedDocValues).ToArray();
            _perDocPages = _facetValues.Select(v => new int[v?.ValueCount ?? 0]).ToArray();
            _perDocItems = _facetValues.Select(v => new int[v?.ValueCount ?? 0]).ToArray();
        }
    }

    public void Collect(int doc)
    {
        TotalPages++;
        var item = _ordinals!.ItemOfDoc[doc];
        var firstOfItem = false;
        if (item >= 0 && _pagesOfItem[item]++ == 0)
        {
            TotalItems++;
            _itemsHere.Add(item);
            firstOfItem = true;
        }
        if (_ordinals.FacetsOfItem is null) CountPerDocument(doc, firstOfItem);

        var score = _scorer?.GetScore() ?? 0;
        if (_byItem)
        {
            if (_inGroup && item >= 0 && item == _groupItem)
            {
                _groupDocs.Add(doc);
                if (BetterInGroup(doc, score)) (_groupBestDoc, _groupBestScore, _groupBestPage) = (doc, score, -1);
                return;
            }
            CloseGroup();
            _inGroup = true;
            (_groupItem, _groupBestDoc, _groupBestScore, _groupBestPage) = (item, doc, score, -1);
            _groupDocs.Add(doc);
        }
        else if (_heap is not null)
        {
            if (_keep == 0) return;
            if (_heap.Count == _keep && _sort == SearchSort.Relevance)
            {
                // Most matches lose to the heap's worst on score alone, or on a tied score by their item, before any doc values are read.
                var worst = _heap.Peek();
                if (score < worst.Score || (score == worst.Score && worst.Segment == _segment && item > worst.ItemOrd)) return;
            }
            var m = MatchOf(doc, score, item);
            if (_heap.Count < _keep) _heap.Enqueue(m, m);
            else if (Compare(m, _heap.Peek()) < 0) _heap.EnqueueDequeue(m, m);
        }
        else _all.Add(MatchOf(doc, score, item));
    }

    /// <summary>Adds the last segment's counts and orders the heap's matches; call once after the search.</summary>
    public void Finish()
    {
        CloseGroup();
        FlushSegment();
        if (_itemHeap is not null)
        {
            var items = new List<ItemMatches>(_itemHeap.Count);
            while (_itemHeap.Count > 0) items.Add(_itemHeap.Dequeue());
            items.Reverse();
            KeptItems = items;
        }
        else if (_byItem)
        {
            _allItems.Sort((a, b) => Compare(a.Best, b.Best));
            KeptItems = _allItems;
        }
        if (_heap is not null)
        {
            var top = new List<Match>(_heap.Count);
            while (_heap.Count > 0) top.Add(_heap.Dequeue());
            top.Reverse();
            Kept = top;
        }
        else Kept = _all;
    }

    /// <summary>
    /// Whether a match of the current group's item ranks above the group's best: what <see cref="Compare"/> says of two
    /// pages of one item, whose item and year (an item's date) are the same: by score for relevance, then by page.
    /// </summary>
    private bool BetterInGroup(int doc, float score)
    {
        if (_sort == SearchSort.Relevance && score != _groupBestScore) return score > _groupBestScore;
        if (_groupBestPage < 0) _groupBestPage = PageOf(_groupBestDoc);
        return PageOf(doc) < _groupBestPage;
    }

    private int PageOf(int doc) => (int)(_page?.Get(doc) ?? 0);

    /// <summary>Offers the item whose matches just ended to the kept items; its page numbers are read only if kept.</summary>
    private void CloseGroup()
    {
        if (!_inGroup) return;
        _inGroup = false;
        var best = MatchOf(_groupBestDoc, _groupBestScore, _groupItem);
        if (_itemHeap is null) _allItems.Add(new ItemMatches(best, GroupPages()));
        else if (_keep > 0 && _itemHeap.Count < _keep) _itemHeap.Enqueue(new ItemMatches(best, GroupPages()), best);
        else if (_keep > 0 && Compare(best, _itemHeap.Peek().Best) < 0) _itemHeap.EnqueueDequeue(new ItemMatches(best, GroupPages()), best);
        _groupDocs.Clear();
    }

    private List<int> GroupPages()
    {
        var pages = new List<int>(_groupDocs.Count);
        foreach (var doc in _groupDocs) pages.Add(PageOf(doc));
        return pages;
    }

    /// <summary>The item id of a match ("" without one).</summary>
    public string ItemId(in Match m)
    {
        if (m.ItemOrd < 0) return "";
        if (_itemIds.TryGetValue((m.Segment, m.ItemOrd), out var id)) return id;
        // Doc values are per thread: asked for on the thread that needs them, not kept from the collecting thread.
        if (_readers[m.Segment].GetSortedDocValues(SearchFields.Item) is not { } values) return "";
        var bytes = new Lucene.Net.Util.BytesRef();
        values.LookupOrd(m.ItemOrd, bytes);
        return _itemIds[(m.Segment, m.ItemOrd)] = bytes.Utf8ToString();
    }

    /// <summary>
    /// Runs <paramref name="query"/> in up to <paramref name="slices"/> parallel parts, each a range of about equal
    /// size of the index's documents (whatever its segments) with its own collector, and merges them: one query
    /// uses every core. Ranges start where an item starts, so an item's pages stay in one part.
    /// </summary>
    public static MatchCollector Search(IndexSearcher searcher, Query query, SearchSort sort, int keep, bool byItem, int slices)
    {
        var leaves = searcher.IndexReader.Leaves;
        var maxDoc = searcher.IndexReader.MaxDoc;
        if (slices <= 1 || maxDoc < slices)
        {
            var single = new MatchCollector(sort, keep, byItem);
            searcher.Search(query, single);
            single.Finish();
            return single;
        }
        var weight = searcher.CreateNormalizedWeight(query);
        var bounds = new int[slices + 1];
        bounds[slices] = maxDoc;
        for (var i = 1; i < slices; i++) bounds[i] = Math.Max(bounds[i - 1], ItemStartFrom(leaves, (int)((long)maxDoc * i / slices)));
        var collectors = new MatchCollector[slices];
        Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = slices }, i =>
        {
            var c = collectors[i] = new MatchCollector(sort, keep, byItem);
            foreach (var leaf in leaves)
            {
                var from = Math.Max(bounds[i], leaf.DocBase) - leaf.DocBase;
                var to = Math.Min(bounds[i + 1], leaf.DocBase + leaf.AtomicReader.MaxDoc) - leaf.DocBase;
                if (from >= to) continue;
                c.SetNextReader(leaf);
                if (weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs) is not { } scorer) continue;
                c.SetScorer(scorer);
                for (var doc = scorer.Advance(from); doc < to; doc = scorer.NextDoc()) c.Collect(doc);
            }
            c.Finish();
        });
        return Merge(sort, keep, byItem, collectors);
    }

    /// <summary>The first document at or after <paramref name="doc"/> (a global id) that begins an item's block of pages.</summary>
    private static int ItemStartFrom(IList<AtomicReaderContext> leaves, int doc)
    {
        foreach (var leaf in leaves)
        {
            var local = doc - leaf.DocBase;
            if (local < 0 || local >= leaf.AtomicReader.MaxDoc) continue;
            var items = SegmentOrdinals.Of(leaf.AtomicReader).ItemOfDoc;
            while (local > 0 && local < items.Length && items[local] >= 0 && items[local] == items[local - 1]) local++;
            return leaf.DocBase + local;
        }
        return doc;
    }

    private static MatchCollector Merge(SearchSort sort, int keep, bool byItem, MatchCollector[] parts)
    {
        var merged = new MatchCollector(sort, keep, byItem);
        var kept = new List<Match>();
        var keptItems = new List<ItemMatches>();
        foreach (var part in parts)
        {
            merged.TotalPages += part.TotalPages;
            merged.TotalItems += part.TotalItems;
            foreach (var (segment, reader) in part._readers) merged._readers[segment] = reader;
            foreach (var (key, id) in part._itemIds) merged._itemIds[key] = id;
            for (var f = 0; f < part._facets.Length; f++)
            {
                foreach (var (value, count) in part._facets[f])
                {
                    if (!merged._facets[f].TryGetValue(value, out var c)) merged._facets[f][value] = c = new FacetCount();
                    c.Pages += count.Pages;
                    c.Items += count.Items;
                }
            }
            kept.AddRange(part.Kept);
            keptItems.AddRange(part.KeptItems);
        }
        if (merged._heap is not null)
        {
            kept.Sort(merged.Compare);
            if (kept.Count > keep) kept.RemoveRange(keep, kept.Count - keep);
        }
        merged.Kept = kept;
        // Parts start at item boundaries: an item's matches are all in one part.
        keptItems.Sort((a, b) => merged.Compare(a.Best, b.Best));
        if (merged._itemHeap is not null && keptItems.Count > keep) keptItems.RemoveRange(keep, keptItems.Count - keep);
        merged.KeptItems = keptItems;
        return merged;
    }

    private Match MatchOf(int doc, float score, int item) =>
        new(_docBase + doc, score, _segment, item, PageOf(doc), _year?.Get(doc) ?? int.MaxValue);

    private void CountPerDocument(int doc, bool firstOfItem)
    {
        for (var f = 0; f < _facetValues.Length; f++)
        {
            var ord = _facetValues[f]?.GetOrd(doc) ?? -1;
            if (ord < 0) continue;
            _perDocPages[f][ord]++;
            if (firstOfItem) _perDocItems[f][ord]++;
        }
    }

    private void FlushSegment()
    {
        if (_ordinals is not { } segment) return;
        var names = segment.FacetNames;
        if (segment.FacetsOfItem is { } ofItem)
        {
            for (var f = 0; f < ofItem.Length; f++)
            {
                var pages = new int[names[f].Length];
                var items = new int[names[f].Length];
                var facetOf = ofItem[f];
                // Only the items that matched: a segment may hold far more.
                foreach (var item in _itemsHere)
                {
                    var n = _pagesOfItem[item];
                    var ord = facetOf[item];
                    if (ord < 0) continue;
                    pages[ord] += n;
                    items[ord]++;
                }
                Add(f, names[f], pages, items);
            }
        }
        else
        {
            for (var f = 0; f < _perDocPages.Length; f++) Add(f, names[f], _perDocPages[f], _perDocItems[f]);
        }
        _itemsHere.Clear();
        System.Buffers.ArrayPool<int>.Shared.Return(_pagesOfItem);
        _pagesOfItem = [];
        _ordinals = null;
    }

    private void Add(int facet, string[] names, int[] pages, int[] items)
    {
        for (var ord = 0; ord < pages.Length; ord++)
        {
            if (pages[ord] == 0) continue;
            if (!_facets[facet].TryGetValue(names[ord], out var c)) _facets[facet][names[ord]] = c = new FacetCount();
            c.Pages += pages[ord];
            c.Items += items[ord];
        }
    }

    private Comparison<Match> Comparer(SearchSort sort)
    {
        int Tie(Match a, Match b)
        {
            // Within a segment item ordinals are in the byte order of the ids (ASCII ids: the ordinal string order).
            var c = a.Segment == b.Segment ? a.ItemOrd.CompareTo(b.ItemOrd) : string.CompareOrdinal(ItemId(a), ItemId(b));
            return c != 0 ? c : a.Page.CompareTo(b.Page);
        }
        return sort switch
        {
            SearchSort.DateAscending => (a, b) => a.YearSort != b.YearSort ? a.YearSort.CompareTo(b.YearSort) : Tie(a, b),
            SearchSort.DateDescending => (a, b) =>
            {
                // Undated (int.MaxValue) stays last in both directions.
                bool ua = a.YearSort == int.MaxValue, ub = b.YearSort == int.MaxValue;
                if (ua != ub) return ua ? 1 : -1;
                return a.YearSort != b.YearSort ? b.YearSort.CompareTo(a.YearSort) : Tie(a, b);
            },
            _ => (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : Tie(a, b),
        };
    }
}

/// <summary>How many matching pages and items have one facet value.</summary>
internal sealed class FacetCount
{
    public int Pages;
    public int Items;
}
