using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;
using QyHeritage.Search.Analysis;
using QyHeritage.Search.Folding;

namespace QyHeritage.Search.Tests.Analysis;

public sealed class TrigramTests
{
    private static readonly ChineseSearchAnalyzer Analyzer = new(trigramFields: ["text3"]);
    private static readonly ContainsQueryBuilder Builder = new(Analyzer, FoldingTable.Default, new Dictionary<string, string> { ["text"] = "text3" });

    private static List<(string Term, int Position)> Filtered(string text)
    {
        using var ts = new HanTrigramFilter(new StandardTokenizer(ChineseSearchAnalyzer.Version, new StringReader(text)));
        var term = ts.AddAttribute<ICharTermAttribute>();
        var inc = ts.AddAttribute<IPositionIncrementAttribute>();
        var result = new List<(string, int)>();
        ts.Reset();
        for (var position = -1; ts.IncrementToken();) result.Add((term.ToString(), position += inc.PositionIncrement));
        ts.End();
        return result;
    }

    [Fact]
    public void The_filter_alone_makes_trigrams_of_adjacent_characters_at_their_first_characters_position()
    {
        Assert.Equal([("北江流", 0), ("江流域", 1)], Filtered("北江流域"));
        Assert.Empty(Filtered("北江"));
    }

    [Fact]
    public void No_trigram_spans_punctuation_a_space_or_a_Latin_word_and_runs_never_sit_side_by_side()
    {
        // Positions are those of the characters in the main field: "清远县" at 0, "北江流" at 5 (after 1927 and 年 at 3 and 4).
        Assert.Equal([("清远县", 0), ("北江流", 5), ("江流域", 6)], Filtered("清远县，1927年 北江流域"));
        // Two runs, the second starting with the last two characters of the first: a gap between them, so a phrase of
        // 清远县 + 远县城 cannot match across the comma.
        var tokens = Filtered("清远县，远县城");
        Assert.Equal(["清远县", "远县城"], tokens.Select(t => t.Term));
        Assert.True(tokens[1].Position - tokens[0].Position > 1);
    }

    [Fact]
    public void Characters_outside_the_basic_plane_count_as_one_character()
    {
        Assert.Equal([("𠀀清远", 0), ("清远县", 1)], Filtered("𠀀清远县"));
    }

    [Fact]
    public void The_analyzer_folds_trigrams_and_keeps_offsets_in_the_original_text()
    {
        var tokens = AnalyzedToken.Analyze(Analyzer, "text3", "在淸逺縣城");
        Assert.Equal(["在清远", "清远县", "远县城"], tokens.Select(t => t.Term));
        Assert.Equal((1, 4), (tokens[1].StartOffset, tokens[1].EndOffset));
        // The main field of the same analyzer is unchanged.
        Assert.Contains(AnalyzedToken.Analyze(Analyzer, "text", "淸逺縣"), t => t.Term == "清远");
    }

    [Fact]
    public void Three_characters_are_one_trigram_term_longer_strings_all_their_trigrams_in_the_bigrams_order()
    {
        var one = Assert.IsType<TermQuery>(Builder.Build("text", "清遠縣"));
        Assert.Equal(("text3", "清远县"), (one.Term.Field, one.Term.Text));
        var ordered = Assert.IsType<TrigramsInOrderQuery>(Builder.Build("text", "北江流域"));
        // Every trigram required (the trigram field keeps no positions), and the bigram phrase, scoring nothing, for the order.
        Assert.Equal(["北江流", "江流域"], ordered.Clauses.Take(2).Select(c => Assert.IsType<TermQuery>(c.Query).Term.Text));
        Assert.All(ordered.Clauses, c => Assert.Equal(Occur.MUST, c.Occur));
        var phrase = Assert.IsType<PhraseQuery>(ordered.Order);
        Assert.Equal(["北江", "江流", "流域"], phrase.GetTerms().Select(t => t.Text));
        Assert.Equal("text", phrase.GetTerms()[0].Field);
        Assert.Equal([0, 1, 2], phrase.GetPositions());
    }

    [Fact]
    public void A_page_with_every_trigram_of_a_string_but_not_in_order_is_not_found_and_only_the_string_is_marked()
    {
        using var tiny = new TinyIndex(
            ("QY-T-IN", 1900, "上游北江流域廣闊"),
            ("QY-T-APART", 1900, "北江流經此江流域外"), // 北江流 and 江流域 both, never 北江流域
            ("QY-T-TWICE", 1900, "北江流域北江流域"));
        Assert.Equal(["QY-T-IN", "QY-T-TWICE"], tiny.Ranked("北江流域").Order().ToList());
        // Two occurrences score above one, as with a phrase.
        Assert.Equal("QY-T-TWICE", tiny.Ranked("北江流域")[0]);
        var hit = Assert.Single(tiny.Service.Search(new QyHeritage.Search.Queries.SearchRequest { Query = "北江流域" }).PageHits, h => h.ItemId == "QY-T-IN");
        Assert.Equal("北江流域", Assert.Single(hit.Hits).Text);
        // Three characters: one trigram term, on both pages that hold it.
        Assert.Equal(["QY-T-APART", "QY-T-IN", "QY-T-TWICE"], tiny.Ranked("北江流").Order().ToList());
    }

    [Theory]
    [InlineData("text", "清远")] // two characters: the bigram
    [InlineData("text", "县")] // one: the character
    [InlineData("text", "1927年")] // mixed with a number: a phrase of the number and the character
    [InlineData("text", "清远县ab")] // mixed with a Latin word
    [InlineData("title", "清远县")] // a field without trigrams
    public void Anything_else_stays_on_its_own_field(string field, string text)
    {
        var terms = new HashSet<Lucene.Net.Index.Term>();
        Builder.Build(field, text)!.ExtractTerms(terms);
        Assert.NotEmpty(terms);
        Assert.All(terms, t => Assert.Equal(field, t.Field));
    }

    [Fact]
    public void A_trigram_with_more_spellings_than_a_query_may_ask_for_falls_back_to_the_bigrams()
    {
        // Three characters that each stand for two more: 27 spellings of the trigram, 9 of each bigram (at most 16 asked for).
        var table = FoldingTable.Parse(new StringReader("A\t甲\t乙丙\nA\t丁\t戊己\nA\t庚\t辛壬\n"));
        var builder = new ContainsQueryBuilder(new ChineseSearchAnalyzer(table, ["text3"]), table, new Dictionary<string, string> { ["text"] = "text3" });
        HashSet<Lucene.Net.Index.Term> Terms(string text)
        {
            var terms = new HashSet<Lucene.Net.Index.Term>();
            builder.Build("text", text)!.ExtractTerms(terms);
            return terms;
        }
        Assert.All(Terms("甲丁庚"), t => Assert.Equal("text", t.Field));
        Assert.Equal(18, Terms("甲丁庚").Count);
        // Nine spellings fit: the trigram, with every one of them.
        var nine = Terms("甲丁人");
        Assert.All(nine, t => Assert.Equal("text3", t.Field));
        Assert.Equal(9, nine.Count);
    }

    [Fact]
    public void A_character_with_an_alternative_keeps_the_trigram_with_both_spellings()
    {
        var terms = new HashSet<Lucene.Net.Index.Term>();
        Builder.Build("text", "干燥而")!.ExtractTerms(terms);
        Assert.Contains(new Lucene.Net.Index.Term("text3", "干燥而"), terms);
        Assert.Contains(new Lucene.Net.Index.Term("text3", "乾燥而"), terms);
    }
}
