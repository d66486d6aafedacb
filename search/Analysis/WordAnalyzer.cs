using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Cn.Smart;
using QyHeritage.Search.Folding;

namespace QyHeritage.Search.Analysis;

/// <summary>
/// The analysis of the <c>words</c> field: the same folding char filter as <see cref="ChineseSearchAnalyzer"/>
/// (so 清遠 and 淸遠 give the same words), then <see cref="WordTokenizer"/>: SmartCn's dictionary and HMM word
/// segmentation (<see cref="HMMChineseTokenizer"/>), punctuation dropped, except in long unpunctuated runs of classical
/// text, where the longest match over SmartCn's dictionary (and the reign tables' names) is taken. No stemming: the words are for ranking and autocomplete, never for
/// deciding which pages match.
/// </summary>
/// <param name="foldsInput">False for text folded already (the indexer folds each page once; see <see cref="ChineseSearchAnalyzer"/>).</param>
public sealed class WordAnalyzer(FoldingTable? folding = null, bool foldsInput = true) : Analyzer
{
    private readonly FoldingTable _folding = folding ?? FoldingTable.Default;
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new WordTokenizer(reader, ClassicalWords.For(_folding)));

    protected override TextReader InitReader(string fieldName, TextReader reader) => foldsInput ? new MappingCharFilter(_folding.CharMap, reader) : reader;

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
