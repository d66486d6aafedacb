using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using QyHeritage.Search.Folding;

namespace QyHeritage.Search.Analysis;

/// <summary>
/// Turns a string into "the field contains this string": a phrase over the bigrams of the folded
/// text (each bigram pins two adjacent characters, so consecutive bigrams pin the whole string), the
/// single character only where no bigram covers it (a one-character query, a lone Han character
/// between Latin words), and Latin words and numbers as they are. Where a field has a trigram field beside it
/// (<paramref name="trigramFields"/>), a run of three Han characters is its trigram term instead, and a longer run
/// requires all its trigrams, the bigram phrase checking their order (<see cref="TrigramsInOrderQuery"/>; the trigram
/// field keeps no positions): the same pages, from far rarer terms.
/// </summary>
public sealed class ContainsQueryBuilder(Analyzer analyzer, FoldingTable folding, IReadOnlyDictionary<string, string>? trigramFields = null)
{
    /// <summary>Most alternative spellings one position may expand to (乾/干 × 於/于 …), to bound the query.</summary>
    private const int MaxAlternatives = 16;

    /// <summary>The folding the strings are folded with.</summary>
    public FoldingTable Folding => folding;

    /// <summary>The query, or null when the text has nothing searchable in it (only punctuation).</summary>
    public Query? Build(string field, string text)
    {
        var tokens = AnalyzedToken.Analyze(analyzer, field, text);
        var covered = new HashSet<int>();
        foreach (var t in tokens.Where(t => t.IsBigram)) { covered.Add(t.Position); covered.Add(t.Position + 1); }
        var kept = tokens.Where(t => t.IsBigram || !covered.Contains(t.Position) || !IsHan(t.Term)).ToList();
        if (kept.Count == 0) return null;

        if (trigramFields is not null && trigramFields.TryGetValue(field, out var trigramField) && Trigrams(trigramField, text, kept) is { } trigrams)
            return trigrams.Count == 1 ? AnyOf(trigramField, trigrams[0].Terms)
                : new TrigramsInOrderQuery(trigrams.Select(t => AnyOf(trigramField, t.Terms)), Phrase(field, kept.Select(t => (t.Position, Terms: Spellings(t.Term))).ToList()));
        return Phrase(field, kept.Select(t => (t.Position, Terms: Spellings(t.Term))).ToList());
    }

    /// <summary>
    /// The trigrams of <paramref name="text"/> with their spellings, when its tokens (<paramref name="kept"/>) are bigrams at
    /// consecutive positions (one run of adjacent characters, three or more) and each of its trigrams is a Han trigram
    /// whose spellings all fit in the query; otherwise null, and the bigrams serve.
    /// </summary>
    private List<(int Position, IReadOnlyList<string> Terms)>? Trigrams(string field, string text, IReadOnlyList<AnalyzedToken> kept)
    {
        if (kept.Count < 2 || kept.Select((t, i) => t.IsBigram && t.Position == kept[0].Position + i).Any(ok => !ok)) return null;
        var trigrams = AnalyzedToken.Analyze(analyzer, field, text);
        if (trigrams.Count != kept.Count - 1) return null;
        var result = new List<(int, IReadOnlyList<string>)>(trigrams.Count);
        for (var i = 0; i < trigrams.Count; i++)
        {
            var t = trigrams[i];
            if (t.Type != HanTrigramFilter.TrigramType || t.Position != trigrams[0].Position + i) return null;
            // Every spelling must be asked for: a trigram with more than the bound falls back to the bigrams.
            if (t.Term.EnumerateRunes().Aggregate(1L, (n, r) => n * (1 + folding.AlternativesOf(r).Count)) > MaxAlternatives) return null;
            result.Add((t.Position, Spellings(t.Term)));
        }
        return result;
    }

    /// <summary>The terms at their positions, relative to the first: one term, any of several, a phrase or a multi-phrase.</summary>
    private static Query Phrase(string field, IReadOnlyList<(int Position, IReadOnlyList<string> Terms)> positions)
    {
        var first = positions[0].Position;
        if (positions.Count == 1) return AnyOf(field, positions[0].Terms);
        if (positions.All(p => p.Terms.Count == 1))
        {
            var phrase = new PhraseQuery();
            foreach (var p in positions) phrase.Add(new Term(field, p.Terms[0]), p.Position - first);
            return phrase;
        }
        var multi = new MultiPhraseQuery();
        foreach (var p in positions) multi.Add(p.Terms.Select(t => new Term(field, t)).ToArray(), p.Position - first);
        return multi;
    }

    /// <summary>The term and the spellings it also stands for (see <see cref="FoldingTable.AlternativesOf"/>).</summary>
    internal IReadOnlyList<string> Spellings(string term)
    {
        var results = new List<string> { "" };
        foreach (var r in term.EnumerateRunes())
        {
            var options = new List<string> { r.ToString() };
            options.AddRange(folding.AlternativesOf(r));
            results = results.SelectMany(prefix => options.Select(o => prefix + o)).Take(MaxAlternatives).ToList();
        }
        return results;
    }

    private static Query AnyOf(string field, IReadOnlyList<string> terms)
    {
        if (terms.Count == 1) return new TermQuery(new Term(field, terms[0]));
        var any = new BooleanQuery();
        foreach (var t in terms) any.Add(new TermQuery(new Term(field, t)), Occur.SHOULD);
        return any;
    }

    internal static bool IsHan(string term) =>
        term.EnumerateRunes().All(r => Rune.GetUnicodeCategory(r) == System.Globalization.UnicodeCategory.OtherLetter);
}
