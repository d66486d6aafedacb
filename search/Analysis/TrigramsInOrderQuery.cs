using Lucene.Net.Search;

namespace QyHeritage.Search.Analysis;

/// <summary>
/// A string of four Han characters or more over the trigram field, which keeps no positions: every trigram of the string
/// is required (each scored by its frequency, as one trigram term is), and the main field's bigram phrase of the same
/// string, scoring nothing, checks that they stand in order, adjacent. The conjunction is led by the rarest trigram, so
/// the bigrams' positions are read only on pages that hold every trigram; the set of pages is the bigram phrase's.
/// </summary>
public sealed class TrigramsInOrderQuery : BooleanQuery
{
    /// <param name="trigrams">One query per trigram of the string (a term, or its spellings).</param>
    /// <param name="order">The bigram phrase of the same string on the main field.</param>
    public TrigramsInOrderQuery(IEnumerable<Query> trigrams, Query order) : base(disableCoord: true)
    {
        foreach (var t in trigrams) Add(t, Occur.MUST);
        Add(new ConstantScoreQuery(order) { Boost = 0f }, Occur.MUST);
        Order = order;
    }

    /// <summary>The bigram phrase: what the string is, for marking hits.</summary>
    public Query Order { get; }
}
