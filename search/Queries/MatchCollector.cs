using Lucene.Net.Index;
using Lucene.Net.Search;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Queries;

/// <summary>One matching page document: global doc id, score, its item (index into the collector's item list), page and start year.</summary>
internal readonly record struct Match(int Doc, float Score, int Item, int Page, long YearSort);

/// <summary>
/// Collects every match (not just the top N): item grouping, facet counts and sorting by date all need
/// the whole result set. Facet values are read from sorted doc values, one lookup per segment ordinal.
/// </summary>
internal sealed class MatchCollector : ICollector
{
    private readonly Dictionary<string, int> _itemIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, FacetCount>> _facets;
    private Scorer? _scorer;
    private int _docBase;
    private SortedDocValues? _item;
    private NumericDocValues? _page;
    private NumericDocValues? _year;
    private (SortedDocValues? Values, string?[] Names, Dictionary<string, FacetCount> Counts)[] _segmentFacets = [];
    private string?[] _itemNames = [];

    public MatchCollector() =>
        _facets = SearchFields.Facets.ToDictionary(f => f, _ => new Dictionary<string, FacetCount>(StringComparer.Ordinal));

    public List<Match> Matches { get; } = [];

    /// <summary>Item ids by <see cref="Match.Item"/>.</summary>
    public List<string> Items { get; } = [];

    public IReadOnlyDictionary<string, Dictionary<string, FacetCount>> Facets => _facets;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        var reader = context.AtomicReader;
        _docBase = context.DocBase;
        _item = reader.GetSortedDocValues(SearchFields.Item);
        _page = reader.GetNumericDocValues(SearchFields.Page);
        _year = reader.GetNumericDocValues(SearchFields.YearSort);
        _itemNames = new string?[_item?.ValueCount ?? 0];
        _segmentFacets = SearchFields.Facets.Select<string, (SortedDocValues? Values, string?[] Names, Dictionary<string, FacetCount> Counts)>(f =>
        {
            SortedDocValues? values = reader.GetSortedDocValues(f);
            return (Values: values, Names: new string?[values?.ValueCount ?? 0], Counts: _facets[f]);
        }).ToArray();
    }

    public void Collect(int doc)
    {
        var item = ItemOf(doc);
        Matches.Add(new Match(_docBase + doc, _scorer?.GetScore() ?? 0, item, (int)(_page?.Get(doc) ?? 0), _year?.Get(doc) ?? int.MaxValue));
        foreach (var (values, names, counts) in _segmentFacets)
        {
            if (values is null) continue;
            var ord = values.GetOrd(doc);
            if (ord < 0) continue;
            var name = names[ord] ??= Lookup(values, ord);
            if (!counts.TryGetValue(name, out var c)) counts[name] = c = new FacetCount();
            c.Pages++;
            c.Items.Add(item);
        }
    }

    private int ItemOf(int doc)
    {
        if (_item is null) return -1;
        var ord = _item.GetOrd(doc);
        if (ord < 0) return -1;
        var id = _itemNames[ord] ??= Lookup(_item, ord);
        if (!_itemIndex.TryGetValue(id, out var index))
        {
            _itemIndex[id] = index = Items.Count;
            Items.Add(id);
        }
        return index;
    }

    private static string Lookup(SortedDocValues values, int ord)
    {
        var bytes = new Lucene.Net.Util.BytesRef();
        values.LookupOrd(ord, bytes);
        return bytes.Utf8ToString();
    }
}

/// <summary>How many matching pages, and which items, have one facet value.</summary>
internal sealed class FacetCount
{
    public int Pages;
    public HashSet<int> Items { get; } = [];
}
