using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;
using QyHeritage.Search.Folding;

namespace QyHeritage.Search.Analysis;

/// <summary>
/// The analysis of every full-text field, at index and at query time: the folding char filter, then
/// <see cref="StandardTokenizer"/> (one token per Han character, words for Latin and numbers), then
/// <see cref="CJKWidthFilter"/>, then <see cref="CJKBigramFilter"/> emitting both single characters and
/// bigrams, then <see cref="LowerCaseFilter"/>. Bigrams make multi-character queries fast and exact
/// phrase matches; the single characters make one-character queries possible.
/// </summary>
public sealed class ChineseSearchAnalyzer : Analyzer
{
    /// <summary>The Lucene version whose analysis behaviour the index was built with.</summary>
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly FoldingTable _folding;

    public ChineseSearchAnalyzer(FoldingTable? folding = null) => _folding = folding ?? FoldingTable.Default;

    /// <summary>The Lucene token type of bigrams (<see cref="CJKBigramFilter.DOUBLE_TYPE"/>).</summary>
    public static string BigramType => CJKBigramFilter.DOUBLE_TYPE;

    /// <summary>The tokenizer and filters without the char filter, for tests of each piece.</summary>
    public static TokenStream Filters(TokenStream source) =>
        new LowerCaseFilter(Version, new CJKBigramFilter(new CJKWidthFilter(source), CJKScript.ALL, outputUnigrams: true));

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        return new TokenStreamComponents(tokenizer, Filters(tokenizer));
    }

    // Folding is a char filter so that offsets still point into the original text (snippets, boxes).
    protected override TextReader InitReader(string fieldName, TextReader reader) => new MappingCharFilter(_folding.CharMap, reader);
}
