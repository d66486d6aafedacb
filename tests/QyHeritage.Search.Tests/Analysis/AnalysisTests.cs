using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;
using QyHeritage.Search.Analysis;
using QyHeritage.Search.Folding;

namespace QyHeritage.Search.Tests.Analysis;

public sealed class AnalysisTests
{
    private static readonly ChineseSearchAnalyzer Analyzer = new();

    private static List<string> Terms(TokenStream ts)
    {
        var terms = new List<string>();
        var term = ts.AddAttribute<ICharTermAttribute>();
        ts.Reset();
        while (ts.IncrementToken()) terms.Add(term.ToString());
        ts.End();
        ts.Dispose();
        return terms;
    }

    [Fact]
    public void The_char_filter_alone_folds_traditional_and_variant_characters()
    {
        using var reader = new MappingCharFilter(FoldingTable.Default.CharMap, new StringReader("淸逺縣髙徳"));
        // Lucene's readers answer -1 at the end (Java style), which TextReader.ReadToEnd does not expect.
        var sb = new System.Text.StringBuilder();
        for (var c = reader.Read(); c >= 0; c = reader.Read()) sb.Append((char)c);
        Assert.Equal("清远县高德", sb.ToString());
    }

    [Fact]
    public void The_tokenizer_alone_gives_one_token_per_Han_character_and_words_for_Latin()
    {
        var tokens = Terms(new StandardTokenizer(ChineseSearchAnalyzer.Version, new StringReader("清遠縣 Qingyuan 1927年")));
        Assert.Equal(["清", "遠", "縣", "Qingyuan", "1927", "年"], tokens);
    }

    [Fact]
    public void The_filters_alone_make_unigrams_and_bigrams_and_fold_width_and_case()
    {
        var tokens = Terms(ChineseSearchAnalyzer.Filters(new StandardTokenizer(ChineseSearchAnalyzer.Version, new StringReader("北江 ＡＢ"))));
        Assert.Equal(["北", "北江", "江", "ab"], tokens);
    }

    [Fact]
    public void Lowering_skips_caseless_text_and_gives_the_terms_Lucenes_filter_gives()
    {
        // Han (BMP and plane 2), kana, Hangul, ASCII, full-width Latin, Greek, Cyrillic, a dotted capital I and Deseret
        // (supplementary, with case): every term as Lucene's LowerCaseFilter makes it.
        const string text = "清遠縣志 𠀋𪚥 かなカナ 한국어 QINGYUAN Qing1927 ＡＢｃ ΑΒΓ Москва İstanbul 𐐀𐐁 ǅemal ⅫⅣ Ⓐ";
        TokenStream Chain(Func<TokenStream, TokenStream> lower) =>
            lower(new Lucene.Net.Analysis.Cjk.CJKBigramFilter(new StandardTokenizer(ChineseSearchAnalyzer.Version, new StringReader(text)), Lucene.Net.Analysis.Cjk.CJKScript.ALL, true));
        var lucene = Terms(Chain(ts => new Lucene.Net.Analysis.Core.LowerCaseFilter(ChineseSearchAnalyzer.Version, ts)));
        var ours = Terms(Chain(ts => new CaselessLowerCaseFilter(ts)));
        Assert.Equal(lucene, ours);
        Assert.Contains("qingyuan", ours);
        Assert.Contains("𠀋𪚥", ours);
        Assert.Contains("москва", ours);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_bigram_filter_gives_the_tokens_Lucenes_CJK_bigram_filter_gives(bool unigrams)
    {
        // Runs of Han broken by layout blanks, note brackets and punctuation, lone characters, kana, Hangul, Latin words,
        // numbers and supplementary ideographs, through the folding char filter (some folds change a token's length, so
        // offsets no longer span the term): every token the same, with its offsets, type, position and length.
        const string alphabet = "清遠縣志北江乾隆雍正年山水〔〕　 ，。、かなカナ한국 Qy 1927 𠀋𪚥熈㑹徳";
        var random = new Random(12);
        var texts = new List<string> { "", "清", "清 遠", "〔清〕遠縣", "蘇 軾", "Qy清遠", "1927年", "𠀋𪚥清" };
        for (var n = 0; n < 300; n++)
        {
            var runes = alphabet.EnumerateRunes().ToArray();
            texts.Add(string.Concat(Enumerable.Range(0, random.Next(1, 60)).Select(_ => runes[random.Next(runes.Length)].ToString())));
        }
        static List<(string, int, int, int, int, string)> Tokens(TokenStream ts)
        {
            var tokens = new List<(string, int, int, int, int, string)>();
            var term = ts.AddAttribute<ICharTermAttribute>();
            var offset = ts.AddAttribute<IOffsetAttribute>();
            var increment = ts.AddAttribute<IPositionIncrementAttribute>();
            var length = ts.AddAttribute<IPositionLengthAttribute>();
            var type = ts.AddAttribute<ITypeAttribute>();
            ts.Reset();
            while (ts.IncrementToken()) tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset, increment.PositionIncrement, length.PositionLength, type.Type));
            ts.End();
            tokens.Add(("(end)", offset.StartOffset, offset.EndOffset, 0, 0, ""));
            ts.Dispose();
            return tokens;
        }
        Tokenizer Source(string text) => new StandardTokenizer(ChineseSearchAnalyzer.Version, new MappingCharFilter(FoldingTable.Default.CharMap, new StringReader(text)));
        foreach (var text in texts)
        {
            var lucene = Tokens(new Lucene.Net.Analysis.Cjk.CJKBigramFilter(Source(text), Lucene.Net.Analysis.Cjk.CJKScript.ALL, unigrams));
            Assert.Equal(lucene, Tokens(new CjkBigramFilter(Source(text), unigrams)));
        }
    }

    [Fact]
    public void The_analyzer_folds_and_keeps_offsets_in_the_original_text()
    {
        var tokens = AnalyzedToken.Analyze(Analyzer, "text", "淸逺縣");
        Assert.Equal(["清", "清远", "远", "远县", "县"], tokens.Select(t => t.Term));
        var bigram = tokens.Single(t => t.Term == "远县");
        Assert.Equal((1, 3), (bigram.StartOffset, bigram.EndOffset));
        Assert.Equal([0, 0, 1, 1, 2], tokens.Select(t => t.Position));
    }

    [Fact]
    public void A_multi_character_string_becomes_a_phrase_of_bigrams()
    {
        var builder = new ContainsQueryBuilder(Analyzer, FoldingTable.Default);
        var q = Assert.IsType<PhraseQuery>(builder.Build("text", "清遠縣"));
        Assert.Equal(["清远", "远县"], q.GetTerms().Select(t => t.Text));
        Assert.Equal([0, 1], q.GetPositions());
    }

    [Fact]
    public void One_character_is_a_unigram_term()
    {
        var builder = new ContainsQueryBuilder(Analyzer, FoldingTable.Default);
        var q = Assert.IsType<TermQuery>(builder.Build("text", "縣"));
        Assert.Equal("县", q.Term.Text);
    }

    [Fact]
    public void Kept_characters_expand_to_their_alternatives()
    {
        var builder = new ContainsQueryBuilder(Analyzer, FoldingTable.Default);
        var q = Assert.IsType<MultiPhraseQuery>(builder.Build("text", "干燥而"));
        Assert.Contains(q.GetTermArrays()[0], t => t.Text == "乾燥");
        Assert.Contains(q.GetTermArrays()[0], t => t.Text == "干燥");
        // 乾隆 itself is a plain phrase of its own bigram, plus 干隆 (never printed, so harmless).
        Assert.NotNull(builder.Build("text", "乾隆"));
    }

    [Fact]
    public void Latin_words_and_numbers_mix_with_Han()
    {
        var builder = new ContainsQueryBuilder(Analyzer, FoldingTable.Default);
        var q = Assert.IsType<PhraseQuery>(builder.Build("text", "１９２７年"));
        Assert.Equal(["1927", "年"], q.GetTerms().Select(t => t.Text));
        Assert.Null(builder.Build("text", "，。"));
    }
}
