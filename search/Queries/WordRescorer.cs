using Lucene.Net.Index;
using Lucene.Net.Search;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Queries;

/// <summary>
/// Scores the optional SmartCn words clauses of a relevance query (<see cref="QyQueryParser"/>) only for a window of the
/// best matches, like Lucene's QueryRescorer: the query runs without them (every match costs its bigram score only),
/// then each of the window's matches gets the words' score added and the window is re-ordered. Matches past the window
/// keep the bigram order. The words never decide which pages match, so totals, facets and the page set stay the same.
/// </summary>
internal static class WordRescorer
{
    /// <summary>
    /// How many of the best matches (or items) are rescored. Fixed, whatever page is asked for, so that every page of
    /// a result is cut from the same order: the first <see cref="Window"/> by bigram plus words score, the rest by bigram score.
    /// </summary>
    public const int Window = 200;

    /// <summary>
    /// <paramref name="query"/> without its words clauses (<c>SHOULD words:w</c> beside a required contains clause), the
    /// clauses' queries added to <paramref name="words"/>.
    /// </summary>
    public static Query WithoutWords(Query query, List<Query> words)
    {
        switch (query)
        {
            case FilteredQuery f:
                var inner = WithoutWords(f.Query, words);
                return ReferenceEquals(inner, f.Query) ? f : new FilteredQuery(inner, f.Filter, f.Strategy) { Boost = f.Boost };
            case BooleanQuery b:
                var changed = false;
                var without = new BooleanQuery(b.CoordDisabled) { MinimumNumberShouldMatch = b.MinimumNumberShouldMatch, Boost = b.Boost };
                foreach (var c in b.Clauses)
                {
                    // Only where the parser put them: optional, coordination off, beside what is required.
                    if (b.CoordDisabled && c.Occur == Occur.SHOULD && c.Query is TermQuery t && t.Term.Field == SearchFields.Words && b.Clauses.Any(r => r.Occur == Occur.MUST))
                    {
                        words.Add(t);
                        changed = true;
                        continue;
                    }
                    var q = WithoutWords(c.Query, words);
                    changed |= !ReferenceEquals(q, c.Query);
                    without.Add(q, c.Occur);
                }
                if (!changed) return b;
                // What the parser built as +contains words:…: the contains query alone, as a date sort runs it.
                return without.Clauses.Count == 1 && without.Clauses[0].Occur == Occur.MUST && b.Boost == 1f ? without.Clauses[0].Query : without;
            default:
                return query;
        }
    }

    /// <summary>Adds the words' score to the first <paramref name="window"/> of <paramref name="best"/> (best first) and re-orders them.</summary>
    public static void Rescore(IndexSearcher searcher, Query main, IReadOnlyList<Query> words, List<Match> best, Comparison<Match> compare, int window = Window)
    {
        var n = Math.Min(window, best.Count);
        if (words.Count == 0 || n == 0) return;
        var added = WordScores(searcher, main, words, best.Take(n).Select(m => (m.Doc, m.Segment)).ToList());
        for (var i = 0; i < n; i++) best[i] = best[i] with { Score = best[i].Score + added[i] };
        best.Sort(0, n, Comparer<Match>.Create(compare));
    }

    /// <summary>The same for the item view: each of the first items' best match is rescored, then the items re-ordered.</summary>
    public static void Rescore(IndexSearcher searcher, Query main, IReadOnlyList<Query> words, List<ItemMatches> best, Comparison<Match> compare, int window = Window)
    {
        var n = Math.Min(window, best.Count);
        if (words.Count == 0 || n == 0) return;
        var added = WordScores(searcher, main, words, best.Take(n).Select(i => (i.Best.Doc, i.Best.Segment)).ToList());
        for (var i = 0; i < n; i++) best[i] = best[i] with { Best = best[i].Best with { Score = best[i].Best.Score + added[i] } };
        best.Sort(0, n, Comparer<ItemMatches>.Create((a, b) => compare(a.Best, b.Best)));
    }

    /// <summary>
    /// The words' score of each document: the words as one query (coordination off, as the parser added them), its scorer
    /// advanced per segment to the documents in order; a document without any of the words adds nothing. The words are
    /// normalized with <paramref name="main"/>'s query norm, the one its scores were computed with, so that for a
    /// plain query bigram + words score is the score the query with its words clause gives, times one constant.
    /// </summary>
    private static float[] WordScores(IndexSearcher searcher, Query main, IReadOnlyList<Query> words, List<(int Doc, int Segment)> docs)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var w in words) query.Add(w, Occur.SHOULD);
        var norm = searcher.Similarity.QueryNorm(searcher.Rewrite(main).CreateWeight(searcher).GetValueForNormalization());
        var weight = searcher.Rewrite(query).CreateWeight(searcher);
        weight.GetValueForNormalization();
        weight.Normalize(norm, 1f);
        var leaves = searcher.IndexReader.Leaves;
        var scores = new float[docs.Count];
        foreach (var segment in docs.Select((d, i) => (d, i)).GroupBy(t => t.d.Segment))
        {
            var leaf = leaves[segment.Key];
            if (weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs) is not { } scorer) continue;
            var at = -1;
            foreach (var (d, i) in segment.OrderBy(t => t.d.Doc))
            {
                var local = d.Doc - leaf.DocBase;
                if (at < local) at = scorer.Advance(local);
                if (at == local) scores[i] = scorer.GetScore();
                if (at == DocIdSetIterator.NO_MORE_DOCS) break;
            }
        }
        return scores;
    }
}
