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
    public void Completions_are_words_or_names_not_bigram_debris()
    {
        var words = WordsOfTheCollection();
        var f = sample.Index.Folding;
        var names = sample.Pages.Select(p => f.Fold(p.Item.TitleZh + "|" + p.Item.Place + "|" + p.Item.Creator)).Distinct().ToList();
        var suggestions = Suggestions.Suggest(sample.Index, "北", 10);
        Assert.NotEmpty(suggestions);
        // 北江 is a SmartCn word of the sample pages; 北至 (north to …) and 北一 are frequent bigrams but fragments.
        Assert.Contains(suggestions, s => s.Text == "北江");
        Assert.DoesNotContain(suggestions, s => s.Text is "北至" or "北一");
        Assert.All(suggestions, s => Assert.True(words.Contains(s.Text) || names.Any(n => n.Contains(s.Text, StringComparison.Ordinal)), s.Text));
        foreach (var s in suggestions) Assert.Equal(sample.PagesFound(s.Text).Count, s.Pages);
        // Ranked by how often each stands as a whole word: the words first, in order of their pages as a word.
        var wordRank = suggestions.Where(s => words.Contains(s.Text)).Select(s => WholeWordPages(s.Text)).ToList();
        Assert.Equal(wordRank.OrderDescending(), wordRank);
    }

    private int WholeWordPages(string word)
    {
        var searcher = sample.Index.Acquire();
        try { return searcher.IndexReader.DocFreq(new Lucene.Net.Index.Term(QyHeritage.Search.Indexing.SearchFields.Words, word)); }
        finally { sample.Index.Release(searcher); }
    }

    [Fact]
    public void A_rare_modern_word_does_not_push_out_what_the_collection_is_full_of()
    {
        // SmartCn knows 英国 and 英语 as words (one page each) but cuts 英德 (seven pages) into 英/德.
        var suggestions = Suggestions.Suggest(sample.Index, "英", 1);
        Assert.Equal("英德", Assert.Single(suggestions).Text);
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

    [Fact]
    public void Counting_by_bound_gives_the_list_counting_everything_gives()
    {
        // Prefixes of one and two characters as researchers type them, from the sample pages' own text.
        var texts = sample.Pages.Select(p => sample.Index.Folding.Fold(p.Text.Text)).ToList();
        var typed = texts.SelectMany(t => Enumerable.Range(0, Math.Max(0, t.Length - 1)).Where(i => i % 53 == 0).Select(i => t.Substring(i, 2)))
            .Where(t => t.All(c => c >= 0x4E00 && c <= 0x9FFF)).SelectMany(t => new[] { t[..1], t }).Distinct().Take(300).ToList();
        Assert.True(typed.Count >= 100, $"only {typed.Count} prefixes");
        var withCompletions = 0;
        foreach (var t in typed)
            foreach (var max in new[] { 1, 3, 10 })
            {
                var all = Suggestions.Suggest(sample.Index, t, max, itemId: null, prune: false);
                Assert.Equal(all, Suggestions.Suggest(sample.Index, t, max, itemId: null, prune: true));
                if (all.Count > 0) withCompletions++;
            }
        Assert.True(withCompletions > 100, $"only {withCompletions} prefixes with completions");
        foreach (var t in typed.Take(40))
            Assert.Equal(Suggestions.Suggest(sample.Index, t, 5, "QY-LH-003", prune: false), Suggestions.Suggest(sample.Index, t, 5, "QY-LH-003", prune: true));
    }
}
