using QyHeritage.Archive.Transcription;

namespace QyHeritage.Archive.Tests.Transcription;

public sealed class MatchKeyTests
{
    [Theory]
    [InlineData("，", ",")]
    [InlineData("︐", "，")]   // vertical presentation form of the comma
    [InlineData("﹁", "「")]   // vertical corner bracket
    [InlineData("。", "“")]   // every mark folds to one key: the OCR mixes them up
    [InlineData("Ａ", "a")]
    [InlineData("１", "1")]
    [InlineData("黄", "黃")]
    [InlineData("爲", "為")]
    public void Folds_forms_that_should_match(string a, string b) => Assert.Equal(MatchKey.Of(a), MatchKey.Of(b));

    [Theory]
    [InlineData("於", "于")]
    [InlineData("清", "青")]
    [InlineData("〓", "〓")]
    [InlineData("，", "一")]
    public void Keeps_different_characters_apart(string a, string b)
    {
        if (a == b) Assert.Equal(MatchKey.Placeholder, MatchKey.Of(a));
        else Assert.NotEqual(MatchKey.Of(a), MatchKey.Of(b));
    }

    [Fact]
    public void Placeholder_is_not_punctuation() => Assert.False(MatchKey.IsPunctuation("〓"));

    [Fact]
    public void Characters_read_without_normalising_are_their_own_compatibility_form()
    {
        // MatchKey skips NFKC for a lone ASCII character or unified Han ideograph (most of a classical page): the keys and
        // the punctuation flags stay those NFKC gives only while each of them is its own NFKC form.
        var skipped = Enumerable.Range(0, 0xA0).Concat(Enumerable.Range(0x3400, 0x4DBF - 0x3400 + 1)).Concat(Enumerable.Range(0x4E00, 0x9FFF - 0x4E00 + 1));
        var changed = skipped.Select(c => ((char)c).ToString()).Where(s => s.Normalize(System.Text.NormalizationForm.FormKC) != s).ToList();
        Assert.Empty(changed);
        // And the ones just outside are normalised: a compatibility ideograph, a Kangxi radical are their unified forms.
        Assert.Equal(MatchKey.Of("\u523A"), MatchKey.Of("\uF9FF"));
        Assert.Equal(MatchKey.Of("\u4E00"), MatchKey.Of("\u2F00"));
    }
}
