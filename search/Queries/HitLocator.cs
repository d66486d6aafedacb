using Lucene.Net.Index;
using Lucene.Net.Search;
using System.Text;
using QyHeritage.Search.Analysis;
using QyHeritage.Search.Folding;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Queries;

/// <summary>A span of the page text that matched: UTF-16 offsets [Start, End) into the stored page text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// Finds where a query matched in one page's text. Han phrases (the common case) are found by scanning the
/// folded text character by character — exact, because folding is one character to one character and a
/// bigram (or trigram) exists exactly where its characters are adjacent; anything else (Latin words, numbers) by
/// analysing the stored text again and matching the query's terms at their positions. Offsets are those
/// of the original text, so snippets and boxes point at the characters as printed.
/// </summary>
public sealed class HitLocator
{
    private readonly IReadOnlyList<Pattern> _patterns;

    private HitLocator(IReadOnlyList<Pattern> patterns) => _patterns = patterns;

    /// <summary>True when the query has nothing to find in <paramref name="field"/> (a metadata-only query).</summary>
    public bool IsEmpty => _patterns.Count == 0;

    /// <summary>
    /// The positive term and phrase parts of <paramref name="query"/> on <paramref name="field"/> and on the fields that
    /// index the same text otherwise (<paramref name="sameText"/>: its trigrams).
    /// </summary>
    public static HitLocator For(Query query, string field, params string[] sameText)
    {
        var patterns = new List<Pattern>();
        Collect(query, [field, .. sameText], patterns);
        return new HitLocator(patterns);
    }

    /// <summary>The matched spans in <paramref name="text"/>, in order, overlapping spans merged.</summary>
    public IReadOnlyList<TextSpan> Locate(ChineseSearchAnalyzer analyzer, string field, string text, FoldingTable folding)
    {
        if (_patterns.Count == 0 || text.Length == 0) return [];
        var spans = new List<TextSpan>();
        (string Char, int Start, int End)[]? folded = null;
        IReadOnlyList<AnalyzedToken>? tokens = null;
        ILookup<int, AnalyzedToken>? byPosition = null;
        foreach (var pattern in _patterns)
        {
            if (pattern.Exact is { } exact)
            {
                for (var at = text.IndexOf(exact, StringComparison.Ordinal); at >= 0; at = text.IndexOf(exact, at + 1, StringComparison.Ordinal))
                    spans.Add(new TextSpan(at, at + exact.Length));
                continue;
            }
            if (pattern.Chars is { } chars)
            {
                folded ??= Fold(text, folding);
                for (var i = 0; i + chars.Length <= folded.Length; i++)
                {
                    if (pattern.AcrossGap) { if (AcrossGap(folded, i, chars) is int end) spans.Add(new TextSpan(folded[i].Start, end)); continue; }
                    var j = 0;
                    while (j < chars.Length && chars[j].Contains(folded[i + j].Char)) j++;
                    if (j == chars.Length) spans.Add(new TextSpan(folded[i].Start, folded[i + j - 1].End));
                }
                continue;
            }
            tokens ??= AnalyzedToken.Analyze(analyzer, field, text);
            byPosition ??= tokens.ToLookup(t => t.Position);
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

    /// <summary>Where the characters match from <paramref name="at"/> with one layout gap somewhere inside: the end offset; else null.</summary>
    private static int? AcrossGap((string Char, int Start, int End)[] folded, int at, HashSet<string>[] chars)
    {
        var k = at;
        var gapped = false;
        for (var j = 0; j < chars.Length; j++, k++)
        {
            if (k < folded.Length && j > 0 && !gapped && LayoutGaps.IsGapChar(folded[k].Char))
            {
                var gapEnd = k;
                while (gapEnd < folded.Length && gapEnd - k < LayoutGaps.MaxGap && LayoutGaps.IsGapChar(folded[gapEnd].Char)) gapEnd++;
                k = gapEnd;
                gapped = true;
            }
            if (k >= folded.Length || !chars[j].Contains(folded[k].Char)) return null;
        }
        return gapped ? folded[k - 1].End : null;
    }

    private static (string Char, int Start, int End)[] Fold(string text, FoldingTable folding)
    {
        var result = new List<(string, int, int)>(text.Length);
        var at = 0;
        foreach (var r in text.EnumerateRunes())
        {
            result.Add((folding.Fold(r), at, at + r.Utf16SequenceLength));
            at += r.Utf16SequenceLength;
        }
        return result.ToArray();
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

    private static void Collect(Query query, IReadOnlyCollection<string> fields, List<Pattern> patterns)
    {
        switch (query)
        {
            case TermQuery t when fields.Contains(t.Term.Field):
                patterns.Add(new Pattern([new Step(0, [t.Term.Text])]) { AcrossGap = t.Term.Field == SearchFields.TextGaps });
                break;
            case PhraseQuery p:
                var terms = p.GetTerms();
                var positions = p.GetPositions();
                if (terms.Length > 0 && fields.Contains(terms[0].Field))
                    patterns.Add(new Pattern(terms.Select((t, i) => new Step(positions[i], [t.Text])).ToList()) { AcrossGap = terms[0].Field == SearchFields.TextGaps });
                break;
            case MultiPhraseQuery m:
                var arrays = m.GetTermArrays();
                var pos = m.GetPositions();
                if (arrays.Count > 0 && arrays[0].Length > 0 && fields.Contains(arrays[0][0].Field))
                    patterns.Add(new Pattern(arrays.Select((a, i) => new Step(pos[i], a.Select(t => t.Text).ToHashSet(StringComparer.Ordinal))).ToList()) { AcrossGap = arrays[0][0].Field == SearchFields.TextGaps });
                break;
            // exact: marks the written form only, not every spelling its folded search found.
            case FilteredQuery { Filter: ExactFormFilter exact }:
                patterns.Add(new Pattern([]) { Exact = exact.Form });
                break;
            case FilteredQuery { Filter: PageBreakFilter } crossing:
                Collect(crossing.Query, fields, patterns);
                break;
            // Its trigram terms stand anywhere on the page; the string is its bigram phrase.
            case TrigramsInOrderQuery ordered:
                Collect(ordered.Order, fields, patterns);
                break;
            case ConstantScoreQuery { Query: { } inner }:
                Collect(inner, fields, patterns);
                break;
            case BooleanQuery b:
                foreach (var clause in b.Clauses)
                {
                    if (clause.Occur != Occur.MUST_NOT) Collect(clause.Query, fields, patterns);
                }
                break;
        }
    }

    private sealed record Step(int Offset, HashSet<string> Terms);

    private sealed record Pattern(IReadOnlyList<Step> Steps)
    {
        /// <summary>The characters are printed across one layout gap (<see cref="LayoutGaps"/>); found only where the gap is.</summary>
        public bool AcrossGap { get; init; }

        /// <summary>A string to find as written (exact:), ordinal; the steps are then empty.</summary>
        public string? Exact { get; init; }

        /// <summary>For an all-Han pattern, the accepted folded characters at each character position; else null.</summary>
        public HashSet<string>[]? Chars { get; } = CharSets(Steps);

        private static HashSet<string>[]? CharSets(IReadOnlyList<Step> steps)
        {
            var sets = new List<HashSet<string>>();
            foreach (var step in steps)
            {
                foreach (var term in step.Terms)
                {
                    if (!ContainsQueryBuilder.IsHan(term)) return null;
                    var runes = term.EnumerateRunes().Select(r => r.ToString()).ToArray();
                    if (runes.Length is < 1 or > 3 || step.Offset < 0) return null;
                    for (var k = 0; k < runes.Length; k++)
                    {
                        while (sets.Count <= step.Offset + k) sets.Add(new HashSet<string>(StringComparer.Ordinal));
                        sets[step.Offset + k].Add(runes[k]);
                    }
                }
            }
            return sets.Count > 0 && sets.All(x => x.Count > 0) ? sets.ToArray() : null;
        }
    }
}
