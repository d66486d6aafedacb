using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests.Queries;

[Collection(SampleIndexCollection.Name)]
public sealed class SuggestionTests(SampleIndex sample)
{
    [Fact]
    public void Completions_extend_the_typed_text_and_count_real_pages()
    {
        var suggestions = Suggestions.Suggest(sample.Index, "清遠", 5);
        Assert.NotEmpty(suggestions);
        foreach (var s in suggestions)
        {
            Assert.StartsWith("清远", s.Text, StringComparison.Ordinal);
            Assert.Equal(3, s.Text.Length);
            Assert.Equal(sample.PagesFound(s.Text).Count, s.Pages);
        }
        Assert.Equal(suggestions.Select(s => s.Pages).OrderDescending(), suggestions.Select(s => s.Pages));
    }

    [Fact]
    public void One_character_completes_to_its_most_frequent_bigrams()
    {
        var suggestions = Suggestions.Suggest(sample.Index, "英", 3);
        Assert.Contains(suggestions, s => s.Text == "英德");
        Assert.Empty(Suggestions.Suggest(sample.Index, "", 3));
        Assert.Empty(Suggestions.Suggest(sample.Index, "abc", 3));
    }
}
