using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests.Queries;

/// <summary>exact: (and the page's checkbox) finds one written form only; folding stays the default.</summary>
[Collection(SampleIndexCollection.Name)]
public sealed class ExactFormTests(SampleIndex sample)
{
    private HashSet<(string, int)> Carrying(string written) =>
        sample.Pages.Where(p => p.Text.Text.Contains(written, StringComparison.Ordinal)).Select(p => (p.Item.Id, p.Page.Order)).ToHashSet();

    [Theory]
    [InlineData("清逺", "清遠")] // 逺, a variant of 遠, on some pages; 清遠 on others
    [InlineData("熈", "熙")]     // 淳熈 in 明一統志; 熙平 in the Wikipedia excerpt
    public void Exact_returns_only_the_pages_that_carry_the_written_form(string variant, string standard)
    {
        var exact = Carrying(variant);
        Assert.NotEmpty(exact);
        Assert.NotEmpty(Carrying(standard).Except(exact));
        var folded = sample.PagesFound(variant);
        Assert.True(folded.Count > exact.Count, "folding stays the default");
        Assert.Equal(exact, sample.PagesFound("exact:" + variant));
        Assert.Equal(exact, sample.PagesFound(variant, new SearchRequest { ExactForms = true }));
        Assert.Equal(Carrying(standard).Except(exact).ToHashSet(), sample.PagesFound($"exact:{standard} NOT exact:{variant}").Except(exact).ToHashSet());
    }

    [Fact]
    public void Exact_marks_the_written_form_only()
    {
        var r = sample.Service.Search(new SearchRequest { Query = "exact:清逺", PageSize = 100 });
        Assert.NotEmpty(r.PageHits);
        Assert.All(r.PageHits.SelectMany(h => h.Hits), h => Assert.Equal("清逺", h.Text));
        Assert.All(r.PageHits, h => Assert.DoesNotContain("<mark>清遠</mark>", h.Snippet.Marked()));
    }
}
