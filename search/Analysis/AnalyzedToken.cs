using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace QyHeritage.Search.Analysis;

/// <summary>One token of an analysed text: its term, absolute position, offsets into the original text and type.</summary>
public sealed record AnalyzedToken(string Term, int Position, int StartOffset, int EndOffset, string Type)
{
    /// <summary>True for a two-character CJK token.</summary>
    public bool IsBigram => Type == ChineseSearchAnalyzer.BigramType;

    /// <summary>Runs <paramref name="analyzer"/> over <paramref name="text"/> and lists the tokens.</summary>
    public static IReadOnlyList<AnalyzedToken> Analyze(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<AnalyzedToken>();
        using var ts = analyzer.GetTokenStream(field, text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        var inc = ts.AddAttribute<IPositionIncrementAttribute>();
        var offset = ts.AddAttribute<IOffsetAttribute>();
        var type = ts.AddAttribute<ITypeAttribute>();
        ts.Reset();
        var position = -1;
        while (ts.IncrementToken())
        {
            position += inc.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), position, offset.StartOffset, offset.EndOffset, type.Type));
        }
        ts.End();
        return tokens;
    }
}
