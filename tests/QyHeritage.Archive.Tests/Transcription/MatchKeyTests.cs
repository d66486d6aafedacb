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
}
