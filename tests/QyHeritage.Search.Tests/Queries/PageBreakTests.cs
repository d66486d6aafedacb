using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests.Queries;

/// <summary>A phrase printed across a page break (the text flows from one leaf onto the next) is found.</summary>
public sealed class PageBreakTests : IDisposable
{
    private readonly TinyIndex _tiny = new(("QY-T-FLOW", 1731, "清遠縣在府城北九十里其地廣一百\f三十九里袤一百十里\f　東至英德"));

    [Fact]
    public void The_hit_names_both_pages_with_boxes_on_each()
    {
        var hit = Assert.Single(_tiny.Service.Search(new SearchRequest { Query = "一百三十九里" }).PageHits);
        Assert.Equal(1, hit.Page);
        var here = hit.Hits[^1];
        Assert.Equal("一百", here.Text);
        Assert.NotEmpty(here.Boxes);
        Assert.Contains("<mark>一百</mark>", hit.Snippet.Marked());
        var next = Assert.IsType<PageContinuation>(hit.ContinuesOn);
        Assert.Equal(2, next.Page);
        var there = Assert.Single(next.Hits);
        Assert.Equal("三十九里", there.Text);
        Assert.NotEmpty(there.Boxes);
        Assert.Equal(10, there.Boxes[0].Y); // the first character of page 2, not of page 1
    }

    [Fact]
    public void A_string_inside_the_next_page_alone_does_not_find_the_page_before()
    {
        Assert.Equal([2], _tiny.Service.Search(new SearchRequest { Query = "三十九里" }).PageHits.Select(h => h.Page).ToList());
        // Indentation at the top of a page is layout: 十里 / 東至 across the second break.
        var crossing = Assert.Single(_tiny.Service.Search(new SearchRequest { Query = "十里東至" }).PageHits);
        Assert.Equal(2, crossing.Page);
        Assert.Equal(3, crossing.ContinuesOn?.Page);
    }

    public void Dispose() => _tiny.Dispose();
}

[Collection(SampleIndexCollection.Name)]
public sealed class SamplePageBreakTests(SampleIndex sample)
{
    [Fact]
    public void A_distance_printed_across_the_leaves_of_the_Guangdong_gazetteer_is_found()
    {
        // 廣東通志 卷四, leaf 004-10b ends 東南至南海縣界一百十 and 004-11a goes on 七里又至番禺縣.
        var hit = Assert.Single(sample.Service.Search(new SearchRequest { Query = "一百十七里" }).PageHits, h => h.ItemId == "QY-RB-001");
        Assert.Equal(1, hit.Page);
        Assert.Equal(2, hit.ContinuesOn?.Page);
        Assert.Equal("七里", Assert.Single(hit.ContinuesOn!.Hits).Text);
    }
}
