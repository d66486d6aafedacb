using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests.Queries;

public class SnippetTests
{
    [Fact]
    public void A_snippet_is_the_pages_text_as_written_with_its_hits_as_ranges_never_markup()
    {
        // Markup in a transcription is text: the snippet keeps it as typed, unescaped, for the page to encode.
        using var tiny = new TinyIndex(("QY-T-HTML", 1700, "<img src=x onerror=alert(1)>清遠縣志&amp;"));
        var hit = Assert.Single(tiny.Service.Search(new SearchRequest { Query = "清远" }).PageHits);
        Assert.Contains("<img src=x onerror=alert(1)>", hit.Snippet.Text);
        Assert.Contains("&amp;", hit.Snippet.Text);
        var range = Assert.Single(hit.Snippet.Highlights);
        Assert.Equal("清遠", hit.Snippet.Text.Substring(range.Start, range.Length));
    }

    [Fact]
    public void Ranges_count_UTF16_code_units_so_a_character_outside_the_BMP_counts_two()
    {
        // 𠀀 (U+20000) is one character and two UTF-16 units; the range after it is where JavaScript's substr finds the hit.
        using var tiny = new TinyIndex(("QY-T-SMP", 1700, "𠀀𠀁清遠縣"));
        var hit = Assert.Single(tiny.Service.Search(new SearchRequest { Query = "清远" }).PageHits);
        var range = Assert.Single(hit.Snippet.Highlights);
        Assert.Equal(4, range.Start);
        Assert.Equal("清遠", hit.Snippet.Text.Substring(range.Start, range.Length));
    }
}
