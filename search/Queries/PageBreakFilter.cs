using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using QyHeritage.Search.Analysis;
using QyHeritage.Search.Folding;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Queries;

/// <summary>
/// Keeps the pages whose break window (<see cref="PageJoin"/>) holds the string across the break, not only inside the
/// next page's first characters (that page is found by itself): read from the stored window, for the pages the window
/// query matched only.
/// </summary>
internal sealed class PageBreakFilter(HitLocator locator, ChineseSearchAnalyzer analyzer, FoldingTable folding) : Filter
{
    /// <summary>The window query narrowed to matches that cross the break.</summary>
    public static Query Over(Query window, ChineseSearchAnalyzer analyzer, FoldingTable folding) =>
        new FilteredQuery(window, new PageBreakFilter(HitLocator.For(window, SearchFields.NextWindow), analyzer, folding), FilteredQuery.QUERY_FIRST_FILTER_STRATEGY);

    /// <summary>The spans of a window that cross its break.</summary>
    public static IEnumerable<TextSpan> Crossing(HitLocator locator, ChineseSearchAnalyzer analyzer, FoldingTable folding, string window, int split) =>
        locator.Locate(analyzer, SearchFields.NextWindow, window, folding).Where(s => s.Start < split && s.End > split);

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs) =>
        new Crossed(context.AtomicReader, this, acceptDocs);

    private sealed class Crossed(AtomicReader reader, PageBreakFilter f, IBits acceptDocs) : FieldCacheDocIdSet(reader.MaxDoc, acceptDocs)
    {
        protected override bool MatchDoc(int doc)
        {
            var visitor = new Lucene.Net.Documents.DocumentStoredFieldVisitor(SearchFields.NextWindow, SearchFields.NextSplit);
            reader.Document(doc, visitor);
            var window = visitor.Document.Get(SearchFields.NextWindow);
            var split = visitor.Document.GetField(SearchFields.NextSplit)?.GetInt32Value();
            return window is not null && split is int s && Crossing(f.Locator, f.Analyzer, f.Folding, window, s).Any();
        }
    }

    private HitLocator Locator => locator;

    private ChineseSearchAnalyzer Analyzer => analyzer;

    private FoldingTable Folding => folding;

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
