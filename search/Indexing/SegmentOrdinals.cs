using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace QyHeritage.Search.Indexing;

/// <summary>
/// Per-segment arrays that let a search count totals and facets with plain array reads: each document's item
/// ordinal, and each item's facet ordinals (an item's pages share its catalogue metadata). Built once per
/// segment core (deletions do not change them) when a reader opens (<see cref="SearchIndex"/> warms new
/// segments), about 12 bytes per document and 4 per item and facet. Also each document's years, so that a year
/// range is checked only on the documents the rest of a query matches.
/// </summary>
internal sealed class SegmentOrdinals
{
    private static readonly ConditionalWeakTable<object, SegmentOrdinals> Cache = new();

    private SegmentOrdinals(AtomicReader reader)
    {
        // Doc values instances are per thread (they hold file positions): read here, keep only the numbers and strings.
        var maxDoc = reader.MaxDoc;
        var items = reader.GetSortedDocValues(SearchFields.Item);
        ItemCount = items?.ValueCount ?? 0;
        ItemOfDoc = new int[maxDoc];
        for (var doc = 0; doc < maxDoc; doc++) ItemOfDoc[doc] = items?.GetOrd(doc) ?? -1;

        var facets = SearchFields.Facets.Select(reader.GetSortedDocValues).ToArray();
        FacetNames = facets.Select(Names).ToArray();
        var facetsOfItem = new int[facets.Length][];
        var uniform = true;
        for (var f = 0; f < facets.Length && uniform; f++)
        {
            var values = facets[f];
            var ofItem = facetsOfItem[f] = new int[ItemCount];
            Array.Fill(ofItem, int.MinValue);
            for (var doc = 0; doc < maxDoc && uniform; doc++)
            {
                var item = ItemOfDoc[doc];
                var ord = values?.GetOrd(doc) ?? -1;
                if (item < 0) uniform = false;
                else if (ofItem[item] == int.MinValue) ofItem[item] = ord;
                // Documents of one item with different facet values (not written by PageDocuments): count per document.
                else if (ofItem[item] != ord) uniform = false;
            }
        }
        FacetsOfItem = uniform ? facetsOfItem : null;

        YearStart = new int[maxDoc];
        YearEnd = new int[maxDoc];
        Dated = new FixedBitSet(maxDoc);
        var hasEnd = new FixedBitSet(maxDoc);
        ReadYears(reader, SearchFields.YearStart, YearStart, Dated);
        ReadYears(reader, SearchFields.YearEnd, YearEnd, hasEnd);
        Dated.And(hasEnd);
    }

    /// <summary>Each document's start year (<see cref="SearchFields.YearStart"/>); meaningful where <see cref="Dated"/>.</summary>
    public int[] YearStart { get; }

    /// <summary>Each document's end year (<see cref="SearchFields.YearEnd"/>); meaningful where <see cref="Dated"/>.</summary>
    public int[] YearEnd { get; }

    /// <summary>The documents with both a start and an end year.</summary>
    public FixedBitSet Dated { get; }

    /// <summary>Reads an indexed Int32 field back from its full-precision terms (the fields are not doc values).</summary>
    private static void ReadYears(AtomicReader reader, string field, int[] years, FixedBitSet has)
    {
        var terms = reader.GetTerms(field);
        if (terms is null) return;
        var e = NumericUtils.FilterPrefixCodedInt32s(terms.GetEnumerator());
        DocsEnum? docs = null;
        while (e.MoveNext())
        {
            var year = NumericUtils.PrefixCodedToInt32(e.Term);
            docs = e.Docs(null, docs, DocsFlags.NONE);
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
            {
                years[doc] = year;
                has.Set(doc);
            }
        }
    }

    /// <summary>How many distinct items the segment has (ordinals of its item doc values, in byte order of the ids).</summary>
    public int ItemCount { get; }

    /// <summary>Item ordinal of each document, -1 without one.</summary>
    public int[] ItemOfDoc { get; }

    /// <summary>[facet in <see cref="SearchFields.Facets"/> order][ordinal] → the value.</summary>
    public string[][] FacetNames { get; }

    /// <summary>
    /// [facet][item ordinal] → facet ordinal (-1 without a value); null when some document has no item or
    /// differs from its item's other documents, and facets must then be read per document.
    /// </summary>
    public int[][]? FacetsOfItem { get; }

    private static string[] Names(SortedDocValues? values)
    {
        var names = new string[values?.ValueCount ?? 0];
        var bytes = new BytesRef();
        for (var ord = 0; ord < names.Length; ord++)
        {
            values!.LookupOrd(ord, bytes);
            names[ord] = bytes.Utf8ToString();
        }
        return names;
    }

    /// <summary>The arrays of a segment, built on first use.</summary>
    public static SegmentOrdinals Of(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new SegmentOrdinals(reader));
}
