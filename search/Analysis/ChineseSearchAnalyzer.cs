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
/// <see cref="CJKWidthFilter"/>, then <see cref="CjkBigramFilter"/> (<see cref="CJKBigramFilter"/>'s tokens) emitting both single characters and
/// bigrams, then <see cref="CaselessLowerCaseFilter"/> (<see cref="LowerCaseFilter"/>'s terms). Bigrams make multi-character queries fast and exact
/// phrase matches; the single characters make one-character queries possible. Fields named as trigram fields
/// get the same characters as <see cref="HanTrigramFilter"/> trigrams instead, for strings of three or more.
/// </summary>
public sealed class ChineseSearchAnalyzer : Analyzer
{
    /// <summary>The Lucene version whose analysis behaviour the index was built with.</summary>
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly FoldingTable _folding;
    private readonly HashSet<string> _trigramFields;
    private readonly bool _foldsInput;

    /// <param name="folding">The folding table (default: <see cref="FoldingTable.Default"/>).</param>
    /// <param name="trigramFields">Fields analysed into Han trigrams rather than characters and bigrams.</param>
    /// <param name="foldsInput">
    /// False for text folded already (<see cref="FoldingTable.Fold(string)"/>): the indexer folds each page once instead of
    /// once per field. Folding maps each character to one character, so the tokens are those of the char filter's output;
    /// only their offsets point into the folded text, and the index keeps no offsets.
    /// </param>
    public ChineseSearchAnalyzer(FoldingTable? folding = null, IEnumerable<string>? trigramFields = null, bool foldsInput = true)
        // The chain depends on the field: components are reused per field, not across fields.
        : base(PER_FIELD_REUSE_STRATEGY)
    {
        _folding = folding ?? FoldingTable.Default;
        _trigramFields = new HashSet<string>(trigramFields ?? [], StringComparer.Ordinal);
        _foldsInput = foldsInput;
    }

    /// <summary>The Lucene token type of bigrams (<see cref="CJKBigramFilter.DOUBLE_TYPE"/>).</summary>
    public static string BigramType => CJKBigramFilter.DOUBLE_TYPE;

    /// <summary>The tokenizer and filters without the char filter, for tests of each piece.</summary>
    public static TokenStream Filters(TokenStream source) =>
        new CaselessLowerCaseFilter(new CjkBigramFilter(new CJKWidthFilter(source), outputUnigrams: true));

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        if (_trigramFields.Contains(fieldName)) return new TokenStreamComponents(tokenizer, new HanTrigramFilter(new CJKWidthFilter(tokenizer)));
        // The gap windows are searched for strings of two characters or more only, whose queries are bigrams: their
        // single characters would double the field for nothing (a lone character still gives its unigram).
        if (fieldName == Indexing.SearchFields.TextGaps)
            return new TokenStreamComponents(tokenizer, new CaselessLowerCaseFilter(new CjkBigramFilter(new CJKWidthFilter(tokenizer), outputUnigrams: false)));
        return new TokenStreamComponents(tokenizer, Filters(tokenizer));
    }

    // Folding is a char filter so that offsets still point into the original text (snippets, boxes).
    protected override TextReader InitReader(string fieldName, TextReader reader) => _foldsInput ? new MappingCharFilter(_folding.CharMap, reader) : reader;
}
