using System.Text;
using QyHeritage.Search.Folding;

namespace QyHeritage.Search.Tests.Folding;

public sealed class FoldingTableTests
{
    private static readonly FoldingTable Table = FoldingTable.Default;

    [Theory]
    // Variant characters (異體字) the issue names: OpenCC and ICU fold none of them to the standard form.
    [InlineData("髙", "高")]
    [InlineData("徳", "德")]
    [InlineData("㑹", "會")]
    [InlineData("逺", "遠")]
    [InlineData("歴", "歷")]
    [InlineData("淸", "清")]
    // More variants of classical print, from the same Unihan rules.
    [InlineData("躰", "體")]
    [InlineData("兾", "冀")]
    [InlineData("亱", "夜")]
    [InlineData("冨", "富")]
    [InlineData("卽", "即")]
    [InlineData("爲", "為")]
    [InlineData("峯", "峰")]
    // ICU's transform misses these two.
    [InlineData("敎", "教")]
    [InlineData("緼", "縕")]
    // Traditional and simplified: the researcher's 清远 finds 清遠, 淸遠 and 清逺.
    [InlineData("清遠", "清远")]
    [InlineData("淸遠", "清远")]
    [InlineData("清逺", "清远")]
    [InlineData("英德縣", "英德县")]
    [InlineData("廣東通志", "广东通志")]
    [InlineData("會", "会")]
    // Full width and half width.
    [InlineData("ＱＹ１９２７", "QY1927")]
    [InlineData("ｑｙ", "qy")]
    public void Folds_both_spellings_to_the_same_form(string a, string b) => Assert.Equal(Table.Fold(b), Table.Fold(a));

    [Theory]
    [InlineData("乾隆")]
    [InlineData("乾坤")]
    [InlineData("清远")]
    [InlineData("于")]
    [InlineData("abc")]
    public void Keeps_what_is_already_standard(string s) => Assert.Equal(s, Table.Fold(s));

    [Fact]
    public void Characters_that_are_also_simplified_characters_stay_but_have_alternatives()
    {
        // 乾 is 干 (dry) and 乾 (qián, 乾隆): kept, and a query for 干 also looks for 乾.
        Assert.Equal("乾", Table.Fold("乾"));
        Assert.Contains("乾", Table.AlternativesOf(new Rune('干')));
        Assert.Contains("干", Table.AlternativesOf(new Rune('乾')));
        Assert.Contains("於", Table.AlternativesOf(new Rune('于')));
        Assert.Empty(Table.AlternativesOf(new Rune('清')));
    }

    [Theory]
    // One-to-many folds that simplified text itself makes: merged, as in any simplified edition.
    [InlineData("後", "后")]
    [InlineData("髮", "发")]
    [InlineData("發", "发")]
    public void Simplified_mergers_follow_OpenCC(string traditional, string simplified) => Assert.Equal(simplified, Table.Fold(traditional));

    [Fact]
    public void Folding_is_idempotent_and_keeps_the_length_in_characters()
    {
        var text = File.ReadAllText(Path.Combine(QyHeritage.Archive.Tests.TestPaths.RepoRoot, "search", "Folding", "folding-table.tsv"));
        var rows = text.Split('\n').Where(l => l.StartsWith("M\t", StringComparison.Ordinal)).Select(l => l.Split('\t')).ToList();
        Assert.True(rows.Count > 7000, $"only {rows.Count} rows");
        Assert.Equal(rows.Count, Table.Count);
        foreach (var r in rows)
        {
            var once = Table.Fold(r[1]);
            Assert.Equal(r[2], once);
            Assert.Equal(once, Table.Fold(once));
            Assert.Single(once.EnumerateRunes());
        }
    }

    [Fact]
    public void Nothing_folds_to_a_character_the_tokenizer_would_drop()
    {
        // Lucene 4.8's StandardTokenizer knows the ideographs of Unicode 6.3: a character folded to a newer one
        // (駮 to U+31150 by Unihan's simplified variant) vanished from pages and queries alike, so 駮馬 searched 马.
        var text = File.ReadAllText(Path.Combine(QyHeritage.Archive.Tests.TestPaths.RepoRoot, "search", "Folding", "folding-table.tsv"));
        var targets = text.Split('\n').Where(l => l.StartsWith("M\t", StringComparison.Ordinal) || l.StartsWith("A\t", StringComparison.Ordinal))
            .SelectMany(l => l.StartsWith('M') ? [l.Split('\t')[2]] : l.Split('\t')[2].EnumerateRunes().Select(r => r.ToString()))
            .Where(t => t.EnumerateRunes().First().Value >= 0x2E80).Distinct().ToList();
        Assert.True(targets.Count > 3000, $"{targets.Count} targets");
        var dropped = targets.Where(t => Tokens(t).SingleOrDefault() != t).ToList();
        Assert.True(dropped.Count == 0, $"{dropped.Count} targets the tokenizer drops: {string.Join(' ', dropped.Take(20))}");
        Assert.Equal(["駮", "马"], Tokens(Table.Fold("駮馬")));
    }

    private static List<string> Tokens(string text)
    {
        using var ts = new Lucene.Net.Analysis.Standard.StandardTokenizer(QyHeritage.Search.Analysis.ChineseSearchAnalyzer.Version, new StringReader(text));
        var term = ts.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var tokens = new List<string>();
        ts.Reset();
        while (ts.IncrementToken()) tokens.Add(term.ToString());
        ts.End();
        return tokens;
    }

    [Fact]
    public void Alternatives_go_both_ways()
    {
        var text = File.ReadAllText(Path.Combine(QyHeritage.Archive.Tests.TestPaths.RepoRoot, "search", "Folding", "folding-table.tsv"));
        foreach (var r in text.Split('\n').Where(l => l.StartsWith("A\t", StringComparison.Ordinal)).Select(l => l.Split('\t')))
        {
            var from = Rune.GetRuneAt(r[1], 0);
            foreach (var alt in r[2].EnumerateRunes()) Assert.Contains(from.ToString(), Table.AlternativesOf(alt));
        }
    }

    [Fact]
    public void Round_trip_traditional_text_and_its_simplified_form_fold_alike()
    {
        // The sample's Lu Xun pages were converted s2t by OpenCC: the simplified originals fold to the same text.
        Assert.Equal(Table.Fold("而已集 广州 一九二七年"), Table.Fold("而已集 廣州 一九二七年"));
        Assert.Equal(Table.Fold("北江发源于江西信丰"), Table.Fold("北江發源於江西信豐").Replace("於", "于"));
    }

    [Fact]
    public void A_malformed_table_is_refused_with_its_line_number()
    {
        var e = Assert.Throws<FormatException>(() => FoldingTable.Parse(new StringReader("# x\nM\t甲\n")));
        Assert.Contains("line 2", e.Message);
    }
}
