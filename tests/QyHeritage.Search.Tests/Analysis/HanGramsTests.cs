using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using QyHeritage.Search.Analysis;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Tests.Analysis;

/// <summary>
/// A classical page's n-gram fields are read in one pass (<see cref="HanGrams"/>) instead of through the analyser: the
/// index must not change, so the streams must give the analyser's tokens (term, offsets, position increment, type) on
/// every text they accept.
/// </summary>
public sealed class HanGramsTests
{
    // The writer's chain for these fields (text folded before, as PageDocuments does).
    private static readonly ChineseSearchAnalyzer Chain = new(trigramFields: [SearchFields.Trigrams], foldsInput: false);

    private static readonly (string Field, HanGrams.Kind Kind)[] Fields =
        [(SearchFields.Text, HanGrams.Kind.UnigramsAndBigrams), (SearchFields.Trigrams, HanGrams.Kind.Trigrams), (SearchFields.TextGaps, HanGrams.Kind.Bigrams)];

    private static List<string> Tokens(TokenStream ts)
    {
        var term = ts.AddAttribute<ICharTermAttribute>();
        var offset = ts.AddAttribute<IOffsetAttribute>();
        var increment = ts.AddAttribute<IPositionIncrementAttribute>();
        var type = ts.AddAttribute<ITypeAttribute>();
        var tokens = new List<string>();
        ts.Reset();
        while (ts.IncrementToken()) tokens.Add($"{term}|{offset.StartOffset}|{offset.EndOffset}|{increment.PositionIncrement}|{type.Type}");
        ts.End();
        tokens.Add($"end|{offset.EndOffset}");
        ts.Dispose();
        return tokens;
    }

    private static void AssertSameTokens(string text, HanGrams[] streams)
    {
        Assert.True(HanGrams.Accepts(text));
        for (var f = 0; f < Fields.Length; f++)
            Assert.Equal(Tokens(Chain.GetTokenStream(Fields[f].Field, text)), Tokens(streams[f].SetText(text)));
    }

    [Fact]
    public void Every_accepted_ideograph_gives_the_analysers_tokens_in_runs_of_every_length_between_every_kind_of_layout()
    {
        // Streams reused from text to text, as the writer's per-thread fields reuse them.
        var streams = Fields.Select(f => new HanGrams(f.Kind)).ToArray();
        string[] layout = [" ", "\u3000", "\n", "〔", "〕", "  ", "〕 〔", "\u3000\u3000"];
        int[] blocks = [0x3400, 0x4DB5, 0x4E00, 0x9FCC, 0x20000, 0x2A6D6, 0x2A700, 0x2B734, 0x2B740, 0x2B81D];
        var ideographs = Enumerable.Range(0, blocks.Length / 2).SelectMany(b => Enumerable.Range(blocks[2 * b], blocks[2 * b + 1] - blocks[2 * b] + 1)).ToList();
        Assert.All(ideographs, c => Assert.True(HanGrams.IsIdeograph(c)));
        Assert.Equal(6_582 + 20_941 + 42_711 + 4_149 + 222, ideographs.Count);
        var sb = new System.Text.StringBuilder();
        var run = 0;
        var k = 0;
        foreach (var c in ideographs)
        {
            sb.Append(char.ConvertFromUtf32(c));
            // Runs of 1 to 6 ideographs, then a layout mark.
            if (++run < 1 + k % 6) continue;
            sb.Append(layout[k++ % layout.Length]);
            run = 0;
            if (sb.Length < 4000) continue;
            AssertSameTokens(sb.ToString(), streams);
            sb.Clear();
        }
        AssertSameTokens(sb.ToString(), streams);
    }

    [Fact]
    public void Random_classical_texts_give_the_analysers_tokens()
    {
        var streams = Fields.Select(f => new HanGrams(f.Kind)).ToArray();
        // Ideographs of one and two UTF-16 units (𤣥, 𪚥 outside the BMP), and layout.
        string[] alphabet = ["清", "远", "县", "志", "北", "江", "英", "德", "蘇", "軾", "𤣥", "𪚥", " ", "\u3000", "\n", "〔", "〕"];
        var random = new Random(1731);
        for (var i = 0; i < 3000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]));
            AssertSameTokens(text, streams);
        }
        // A page as the bench cuts it, with a gap window (text_gap's input is the bridged text).
        var page = "蘇 軾書北江之水〔注文〕出英德縣\u3000清遠縣志卷一𤣥𤣥之";
        AssertSameTokens(page, streams);
        AssertSameTokens(LayoutGaps.Bridged(page), streams);
    }

    [Theory]
    [InlineData("清远，英德")]        // punctuation
    [InlineData("清远1927年")]       // digits
    [InlineData("Qingyuan 清远")]    // Latin
    [InlineData("清\uF900远")]       // a compatibility ideograph
    [InlineData("清\u9FCD远")]       // an ideograph after Unicode 6.3, which the tokenizer's tables do not have
    [InlineData("清\U0002B820远")]   // an ideograph of extension E (Unicode 8), after the tokenizer's tables
    [InlineData("清\uD840远")]       // half a surrogate pair
    [InlineData("きよ")]              // kana
    [InlineData("清\uFE00远")]       // a variation selector, part of its character's token
    public void Any_other_text_goes_through_the_analyser(string text) => Assert.False(HanGrams.Accepts(text));
}
