using System.Text.Json.Nodes;
using QyHeritage.Search.Api;

namespace QyHeritage.Search.Tests.Api;

[Collection(SampleIndexCollection.Name)]
public sealed class ContentSearchResponseTests(SampleIndex sample)
{
    [Fact]
    public void Hits_become_an_AnnotationPage_of_canvas_fragments_with_text_quotes()
    {
        var p = sample.Pages.First(x => x.Item.Id == "QY-RB-003" && x.Page.Order == 1);
        var hits = sample.Service.SearchWithinItem(p.Item.Id, "黄巢");
        Assert.NotEmpty(hits);
        var json = ContentSearchResponse.Build("https://qy.example/iiif/QY-RB-003/search?q=黄巢", hits,
            page => $"https://qy.example/iiif/QY-RB-003/canvas/p{page:D3}", "zh-Hant");

        Assert.Equal(ContentSearchResponse.Context, (string?)json["@context"]);
        Assert.Equal("AnnotationPage", (string?)json["type"]);
        var items = json["items"]!.AsArray();
        Assert.NotEmpty(items);
        var ids = new HashSet<string>();
        foreach (var item in items)
        {
            Assert.Equal("Annotation", (string?)item!["type"]);
            Assert.Equal("supplementing", (string?)item["motivation"]);
            Assert.Equal("TextualBody", (string?)item["body"]!["type"]);
            Assert.Matches(@"^https://qy\.example/iiif/QY-RB-003/canvas/p001#xywh=\d+,\d+,\d+,\d+$", (string?)item["target"]);
            Assert.True(ids.Add((string)item["id"]!), "annotation ids are unique");
        }
        var highlights = json["annotations"]![0]!["items"]!.AsArray();
        Assert.Equal(hits.Sum(h => h.Hits.Count), highlights.Count);
        foreach (var h in highlights)
        {
            Assert.Equal("highlighting", (string?)h!["motivation"]);
            var targets = h["target"] is JsonArray a ? a.ToList() : [h["target"]];
            foreach (var t in targets)
            {
                Assert.Contains((string)t!["source"]!, ids);
                var selector = t["selector"]![0]!;
                Assert.Equal("TextQuoteSelector", (string?)selector["type"]);
                Assert.Equal("黄巢", sample.Index.Folding.Fold((string)selector["exact"]!));
            }
        }
    }

    [Fact]
    public void No_hits_is_an_empty_page()
    {
        var json = ContentSearchResponse.Build("https://qy.example/s?q=x", [], p => $"c{p}");
        Assert.Empty(json["items"]!.AsArray());
        Assert.Null(json["annotations"]);
    }
}
