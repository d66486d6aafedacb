using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using QyHeritage.Search.Folding;

namespace QyHeritage.Search.Analysis;

/// <summary>
/// The analysis of the <c>words</c> field: the same folding char filter as <see cref="ChineseSearchAnalyzer"/>
/// (so 清遠 and 淸遠 give the same words), then SmartCn's dictionary and HMM word segmentation
/// (<see cref="HMMChineseTokenizer"/>), punctuation dropped. No stemming: the words are for ranking and
/// autocomplete, never for deciding which pages match.
/// </summary>
public sealed class WordAnalyzer(FoldingTable? folding = null) : Analyzer
{
    private readonly FoldingTable _folding = folding ?? FoldingTable.Default;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new HMMChineseTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new StopFilter(ChineseSearchAnalyzer.Version, tokenizer, SmartChineseAnalyzer.DefaultStopSet));
    }

    protected override TextReader InitReader(string fieldName, TextReader reader) => new MappingCharFilter(_folding.CharMap, reader);

    /// <summary>The words of <paramref name="text"/>, in order.</summary>
    public IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        using var ts = GetTokenStream(Indexing.SearchFields.Words, text);
        var term = ts.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        ts.Reset();
        while (ts.IncrementToken()) words.Add(term.ToString());
        ts.End();
        return words;
    }
}
