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
/// between Latin words), and Latin words and numbers as they are.
/// </summary>
public sealed class ContainsQueryBuilder(Analyzer analyzer, FoldingTable folding)
{
    /// <summary>Most alternative spellings one position may expand to (乾/干 × 於/于 …), to bound the query.</summary>
    private const int MaxAlternatives = 16;

    /// <summary>The query, or null when the text has nothing searchable in it (only punctuation).</summary>
    public Query? Build(string field, string text)
    {
        var tokens = AnalyzedToken.Analyze(analyzer, field, text);
        var covered = new HashSet<int>();
        foreach (var t in tokens.Where(t => t.IsBigram)) { covered.Add(t.Position); covered.Add(t.Position + 1); }
        var kept = tokens.Where(t => t.IsBigram || !covered.Contains(t.Position) || !IsHan(t.Term)).ToList();
        if (kept.Count == 0) return null;

        var positions = kept.Select(t => (t.Position, Terms: Spellings(t.Term))).ToList();
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
