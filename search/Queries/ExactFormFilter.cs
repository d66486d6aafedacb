using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Queries;

/// <summary>
/// Pages whose stored text carries <see cref="Form"/> exactly as written (康熈, not 康熙): a post-filter on the pages the
/// folded search matched, read from the stored text (random access, so only those pages are read). No second, unfolded
/// field is indexed: the cost falls on exact: queries alone, in proportion to the folded form's matches.
/// </summary>
internal sealed class ExactFormFilter(string form) : Filter
{
    public string Form { get; } = form;

    /// <summary>The folded search narrowed to the pages that carry the written form.</summary>
    public static Query Over(Query folded, string form) =>
        new FilteredQuery(folded, new ExactFormFilter(form), FilteredQuery.QUERY_FIRST_FILTER_STRATEGY);

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs) =>
        new Carrying(context.AtomicReader, Form, acceptDocs);

    public override bool Equals(object? obj) => obj is ExactFormFilter o && o.Form == Form;

    public override int GetHashCode() => Form.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => $"exact:{Form}";

    private sealed class Carrying(AtomicReader reader, string form, IBits acceptDocs) : FieldCacheDocIdSet(reader.MaxDoc, acceptDocs)
    {
        protected override bool MatchDoc(int doc)
        {
            var visitor = new DocumentStoredFieldVisitor(SearchFields.Text);
            reader.Document(doc, visitor);
            return visitor.Document.Get(SearchFields.Text)?.Contains(form, StringComparison.Ordinal) == true;
        }
    }
}
