using Lucene.Net.Index;
using Lucene.Net.Search;
using QyHeritage.Search.Analysis;

namespace QyHeritage.Search.Queries;

/// <summary>A span of the page text that matched: UTF-16 offsets [Start, End) into the stored page text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// Finds where a query matched in one page's text, by analysing the stored text again with the same
/// analyzer and matching the query's terms at their positions. The offsets are those of the original
/// text (the folding char filter corrects them), so snippets and boxes point at the characters as printed.
/// </summary>
public sealed class HitLocator
{
    private readonly IReadOnlyList<Pattern> _patterns;

    private HitLocator(IReadOnlyList<Pattern> patterns) => _patterns = patterns;

    /// <summary>True when the query has nothing to find in <paramref name="field"/> (a metadata-only query).</summary>
    public bool IsEmpty => _patterns.Count == 0;

    /// <summary>The positive term and phrase parts of <paramref name="query"/> on <paramref name="field"/>.</summary>
    public static HitLocator For(Query query, string field)
    {
        var patterns = new List<Pattern>();
        Collect(query, field, patterns);
        return new HitLocator(patterns);
    }

    /// <summary>The matched spans in <paramref name="text"/>, in order, overlapping spans merged.</summary>
    public IReadOnlyList<TextSpan> Locate(ChineseSearchAnalyzer analyzer, string field, string text)
    {
        if (_patterns.Count == 0 || text.Length == 0) return [];
        var tokens = AnalyzedToken.Analyze(analyzer, field, text);
        var byPosition = tokens.ToLookup(t => t.Position);
        var spans = new List<TextSpan>();
        foreach (var pattern in _patterns)
        {
            foreach (var anchor in tokens)
            {
                if (!pattern.Steps[0].Terms.Contains(anchor.Term)) continue;
                var start = anchor.Position - pattern.Steps[0].Offset;
                int s = int.MaxValue, e = -1;
                var ok = true;
                foreach (var step in pattern.Steps)
                {
                    var hit = byPosition[start + step.Offset].FirstOrDefault(t => step.Terms.Contains(t.Term));
                    if (hit is null) { ok = false; break; }
                    s = Math.Min(s, hit.StartOffset);
                    e = Math.Max(e, hit.EndOffset);
                }
                if (ok) spans.Add(new TextSpan(s, e));
            }
        }
        return Merge(spans);
    }

    private static List<TextSpan> Merge(List<TextSpan> spans)
    {
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var merged = new List<TextSpan>();
        foreach (var s in spans)
        {
            if (merged.Count > 0 && s.Start < merged[^1].End) merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, s.End) };
            else merged.Add(s);
        }
        return merged;
    }

    private static void Collect(Query query, string field, List<Pattern> patterns)
    {
        switch (query)
        {
            case TermQuery t when t.Term.Field == field:
                patterns.Add(new Pattern([new Step(0, [t.Term.Text])]));
                break;
            case PhraseQuery p:
                var terms = p.GetTerms();
                var positions = p.GetPositions();
                if (terms.Length > 0 && terms[0].Field == field)
                    patterns.Add(new Pattern(terms.Select((t, i) => new Step(positions[i], [t.Text])).ToList()));
                break;
            case MultiPhraseQuery m:
                var arrays = m.GetTermArrays();
                var pos = m.GetPositions();
                if (arrays.Count > 0 && arrays[0].Length > 0 && arrays[0][0].Field == field)
                    patterns.Add(new Pattern(arrays.Select((a, i) => new Step(pos[i], a.Select(t => t.Text).ToHashSet(StringComparer.Ordinal))).ToList()));
                break;
            case BooleanQuery b:
                foreach (var clause in b.Clauses)
                {
                    if (clause.Occur != Occur.MUST_NOT) Collect(clause.Query, field, patterns);
                }
                break;
        }
    }

    private sealed record Step(int Offset, HashSet<string> Terms);

    private sealed record Pattern(IReadOnlyList<Step> Steps);
}
