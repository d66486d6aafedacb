using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests.Queries;

[Collection(SampleIndexCollection.Name)]
public sealed class SuggestionTests(SampleIndex sample)
{
    private HashSet<string> WordsOfTheCollection() =>
        sample.Pages.SelectMany(p => sample.Index.WordAnalyzer.Words(p.Text.Text)).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Completions_extend_the_typed_text_and_count_real_pages()
    {
        var suggestions = Suggestions.Suggest(sample.Index, "清遠", 5);
        Assert.NotEmpty(suggestions);
        foreach (var s in suggestions)
        {
            Assert.StartsWith("清远", s.Text, StringComparison.Ordinal);
            Assert.True(s.Text.Length > 2, s.Text);
            Assert.Equal(sample.PagesFound(s.Text).Count, s.Pages);
        }
    }

    [Fact]
    public void Words_come_first_most_frequent_first_then_bigram_completions()
    {
        var words = WordsOfTheCollection();
        var suggestions = Suggestions.Suggest(sample.Index, "北", 10);
        Assert.Equal(10, suggestions.Count);
        var fromWords = suggestions.TakeWhile(s => words.Contains(s.Text)).ToList();
        // 北江 and 北京 are SmartCn words of the sample pages; 北至 (north to …) is only a bigram.
        Assert.Contains(fromWords, s => s.Text == "北江");
        Assert.Contains(fromWords, s => s.Text == "北京");
        Assert.DoesNotContain(fromWords, s => s.Text == "北至");
        Assert.Contains(suggestions.Skip(fromWords.Count), s => s.Text == "北至");
        Assert.Equal(fromWords.Select(s => s.Pages).OrderDescending(), fromWords.Select(s => s.Pages));
        foreach (var s in suggestions) Assert.Equal(sample.PagesFound(s.Text).Count, s.Pages);
    }

    [Fact]
    public void Words_longer_than_a_bigram_are_offered()
    {
        // 中山大学 is one SmartCn word on a sample page: the bigram completions alone could only offer 中山大.
        var suggestions = Suggestions.Suggest(sample.Index, "中山", 5);
        var s = Assert.Single(suggestions, s => s.Text == "中山大学");
        Assert.Equal(sample.PagesFound("中山大学").Count, s.Pages);
    }

    [Fact]
    public void One_character_completes_to_its_most_frequent_bigrams()
    {
        var suggestions = Suggestions.Suggest(sample.Index, "英", 3);
        Assert.Contains(suggestions, s => s.Text == "英德");
        Assert.Empty(Suggestions.Suggest(sample.Index, "", 3));
        Assert.Empty(Suggestions.Suggest(sample.Index, "abc", 3));
    }

    [Fact]
    public void Within_one_item_only_its_pages_count()
    {
        var suggestions = Suggestions.Suggest(sample.Index, "北", 10, itemId: "QY-LH-003");
        Assert.NotEmpty(suggestions);
        foreach (var s in suggestions)
            Assert.Equal(sample.PagesFound(s.Text).Count(p => p.Item1 == "QY-LH-003"), s.Pages);
    }
}
