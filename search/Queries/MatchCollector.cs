using Lucene.Net.Index;
using Lucene.Net.Search;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Queries;

/// <summary>One matching page document: global doc id, score, its item (index into the collector's item list), page and start year.</summary>
internal readonly record struct Match(int Doc, float Score, int Item, int Page, long YearSort);

/// <summary>
/// Collects every match (not just the top N): item grouping, facet counts and sorting by date all need
/// the whole result set. Per match it only reads doc values and bumps per-segment ordinal counters;
/// values are resolved to strings once per segment, and item counts per facet value come from each
/// item's first match (an item's pages share its metadata).
/// </summary>
internal sealed class MatchCollector : ICollector
{
    private readonly Dictionary<string, int> _itemIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FacetCount>[] _facets;
    private readonly SegmentFacet[] _segment;
    private Scorer? _scorer;
    private int _docBase;
    private SortedDocValues? _item;
    private NumericDocValues? _page;
    private NumericDocValues? _year;
    private int[] _itemOfOrd = [];

    public MatchCollector()
    {
        _facets = SearchFields.Facets.Select(_ => new Dictionary<string, FacetCount>(StringComparer.Ordinal)).ToArray();
        _segment = SearchFields.Facets.Select(_ => new SegmentFacet()).ToArray();
    }

    public List<Match> Matches { get; } = [];

    /// <summary>Item ids by <see cref="Match.Item"/>.</summary>
    public List<string> Items { get; } = [];

    /// <summary>Facet field → value → counts; complete after the search (call <see cref="Finish"/>).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, FacetCount>> Facets =>
        SearchFields.Facets.Select((f, i) => (f, i)).ToDictionary(t => t.f, t => _facets[t.i]);

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        var reader = context.AtomicReader;
        _docBase = context.DocBase;
        _item = reader.GetSortedDocValues(SearchFields.Item);
        _page = reader.GetNumericDocValues(SearchFields.Page);
        _year = reader.GetNumericDocValues(SearchFields.YearSort);
        _itemOfOrd = new int[_item?.ValueCount ?? 0];
        Array.Fill(_itemOfOrd, -1);
        for (var i = 0; i < _segment.Length; i++) _segment[i].Reset(reader.GetSortedDocValues(SearchFields.Facets[i]));
    }

    public void Collect(int doc)
    {
        var item = ItemOf(doc, out var firstOfItem);
        Matches.Add(new Match(_docBase + doc, _scorer?.GetScore() ?? 0, item, (int)(_page?.Get(doc) ?? 0), _year?.Get(doc) ?? int.MaxValue));
        for (var i = 0; i < _segment.Length; i++)
        {
            var s = _segment[i];
            if (s.Values is null) continue;
            var ord = s.Values.GetOrd(doc);
            if (ord < 0) continue;
            s.Pages[ord]++;
            if (firstOfItem) s.Items[ord]++;
        }
    }

    /// <summary>Adds the last segment's counts; call once after the search.</summary>
    public void Finish() => FlushSegment();

    private void FlushSegment()
    {
        for (var i = 0; i < _segment.Length; i++)
        {
            var s = _segment[i];
            if (s.Values is null) continue;
            for (var ord = 0; ord < s.Pages.Length; ord++)
            {
                if (s.Pages[ord] == 0) continue;
                var name = Lookup(s.Values, ord);
                if (!_facets[i].TryGetValue(name, out var c)) _facets[i][name] = c = new FacetCount();
                c.Pages += s.Pages[ord];
                c.Items += s.Items[ord];
            }
            s.Reset(null);
        }
    }

    private int ItemOf(int doc, out bool first)
    {
        first = false;
        if (_item is null) return -1;
        var ord = _item.GetOrd(doc);
        if (ord < 0) return -1;
        if (_itemOfOrd[ord] >= 0) return _itemOfOrd[ord];
        // An item's pages are added together, so they sit in one segment: its first match here is its first anywhere.
        var id = Lookup(_item, ord);
        if (!_itemIndex.TryGetValue(id, out var index))
        {
            _itemIndex[id] = index = Items.Count;
            Items.Add(id);
            first = true;
        }
        return _itemOfOrd[ord] = index;
    }

    private static string Lookup(SortedDocValues values, int ord)
    {
        var bytes = new Lucene.Net.Util.BytesRef();
        values.LookupOrd(ord, bytes);
        return bytes.Utf8ToString();
    }

    private sealed class SegmentFacet
    {
        public SortedDocValues? Values;
        public int[] Pages = [];
        public int[] Items = [];

        public void Reset(SortedDocValues? values)
        {
            Values = values;
            Pages = new int[values?.ValueCount ?? 0];
            Items = new int[values?.ValueCount ?? 0];
        }
    }
}

/// <summary>How many matching pages and items have one facet value.</summary>
internal sealed class FacetCount
{
    public int Pages;
    public int Items;
}
