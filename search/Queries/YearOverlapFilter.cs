using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Queries;

/// <summary>
/// Documents whose date range [start, end] overlaps [from, to], read from the per-segment year arrays of
/// <see cref="SegmentOrdinals"/>: random access, so a query checks it only on the documents it matches instead
/// of reading the postings of every year in the range (hundreds of thousands of documents at 1M pages).
/// </summary>
internal sealed class YearOverlapFilter(int from, int to) : Filter
{
    public int From { get; } = from;

    public int To { get; } = to;

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var years = SegmentOrdinals.Of(context.AtomicReader);
        return new Overlapping(years, From, To, context.AtomicReader.MaxDoc, acceptDocs);
    }

    public override bool Equals(object? obj) => obj is YearOverlapFilter o && o.From == From && o.To == To;

    public override int GetHashCode() => HashCode.Combine(From, To);

    public override string ToString() => $"year overlaps [{From} TO {To}]";

    private sealed class Overlapping(SegmentOrdinals years, int from, int to, int maxDoc, IBits acceptDocs)
        : FieldCacheDocIdSet(maxDoc, acceptDocs)
    {
        protected override bool MatchDoc(int doc) =>
            years.YearStart[doc] <= to && years.YearEnd[doc] >= from && years.Dated.Get(doc);
    }
}
