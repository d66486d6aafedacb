using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using QyHeritage.Search.Analysis;
using QyHeritage.Search.Folding;

namespace QyHeritage.Search.Tests.Analysis;

public sealed class WordTokenizerTests
{
    private static readonly WordAnalyzer Words = new();

    // From 廣東通志 卷十五 (rb04 p3): a gazetteer's unpunctuated run, with a layout blank.
    private const string Classical = "縣以三水名者自肇慶而來曰西江自清逺而來曰北江凡二水也逹于省城入海經流又一水也故名三水此各舊志及吳興祚廣東輿圖俱仍之　或曰自";

    private static List<string> SmartCn(string text)
    {
        using var analyzer = new SmartChineseAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48);
        using var ts = analyzer.GetTokenStream("w", text);
        var term = ts.AddAttribute<ICharTermAttribute>();
        var words = new List<string>();
        ts.Reset();
        while (ts.IncrementToken()) words.Add(term.ToString());
        ts.End();
        return words;
    }

    [Fact]
    public void A_long_unpunctuated_classical_run_gives_dictionary_words_not_single_characters()
    {
        var words = Words.Words(Classical);
        // The dictionary's words by longest match (省城 as SmartCn found it), the reign tables' names, no single characters.
        Assert.Contains("省城", words);
        Assert.Contains("西江", words);
        Assert.All(words, w => Assert.True(w.Length >= 2, w));
        Assert.Contains("乾隆", Words.Words("本朝" + new string('山', 50) + "乾隆二年建" + new string('水', 10)));
    }

    [Fact]
    public void Modern_punctuated_text_is_segmented_by_SmartCn_as_before()
    {
        const string modern = "我们在广东省城北门外的中山大学讲演，听众很多。英国的朋友也来了。";
        Assert.Equal(SmartCn(FoldingTable.Default.Fold(modern)), Words.Words(modern));
    }

    [Fact]
    public void Around_a_classical_run_the_modern_text_is_still_SmartCn_s()
    {
        const string before = "编者按：以下引文见于广东通志。";
        const string after = "。以上是原文，中山大学图书馆藏。";
        var words = Words.Words(before + Classical + after);
        var expected = SmartCn(FoldingTable.Default.Fold(before)).Concat(Words.Words(Classical)).Concat(SmartCn(FoldingTable.Default.Fold(after)));
        Assert.Equal(expected, words);
    }

    [Fact]
    public void Folded_before_or_by_the_analyzer_the_words_are_the_same()
    {
        // The indexer folds each page once and analyses it unfolded-by-the-analyzer; queries are folded by the char filter.
        using var indexing = new WordAnalyzer(FoldingTable.Default, foldsInput: false);
        Assert.Equal(Words.Words(Classical), indexing.Words(FoldingTable.Default.Fold(Classical)));
    }
}
