using System.Text.Json;
using System.Text.Json.Nodes;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.Presentation;
using QyHeritage.Iiif.Presentation.Model;
using QyHeritage.Iiif.Presentation.Model.Json;

namespace QyHeritage.Iiif.Tests.Presentation;

/// <summary>A published exhibition as a Presentation 3.0 Manifest: canvases of regions, ranges of sections, language maps.</summary>
public class ExhibitionManifestTests
{
    private const string Hostile = "<img src=x onerror=alert(1)>";
    private static readonly PresentationUrls Urls = new("https://heritage.example");
    private static readonly ImageLimits Limits = new(4000, 4000, 16_000_000);

    internal static Exhibition Published()
    {
        ExhibitSource Source(int version) => new(version, new Bilingual("水經注 卷三十八", "Commentary on the Water Classic, j.38"), "22b", 2400, 3400,
            "酈道元 撰（北魏）", "Base text public domain; digital text CC BY-SA 4.0");
        return new Exhibition("rivers", new Bilingual("北江历史", "History of the North River"), new Bilingual("古籍里的一条河", "A river in the old books"), null,
            ExhibitionHalls.BeijiangGallery, "gorge",
            [
                new ExhibitionSection("zhen", new Bilingual("溱水", "The Zhen"), new Bilingual("溱水即北江。", "The Zhen is the North River."),
                [
                    new Exhibit("gorge", "QY-RB-008", 1, new PixelRegion(560, 310, 877, 2810), new Bilingual("湞陽峡", "The Zhenyang gorge"), Source: Source(2)),
                    new Exhibit("hostile", "QY-RB-008", 2, null, new Bilingual(Hostile, Hostile), Source: Source(2)),
                ]),
                new ExhibitionSection("tea", new Bilingual("茶山", "Tea Mountain"), null,
                [
                    new Exhibit("chashan", "QY-LH-002", 1, new PixelRegion(1568, 310, 506, 2810), new Bilingual("茶山", "Tea Mountain"), Source: Source(1)),
                ]),
            ],
            new PublicationStamp(new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero), "curator-li"));
    }

    [Fact]
    public void Each_exhibit_is_a_canvas_painted_by_exactly_its_region_and_each_section_a_range()
    {
        var m = ExhibitionManifestBuilder.Build(Published(), Urls, Limits);
        var json = PresentationJson.Write(m);
        Assert.Empty(PresentationRules.Check(JsonDocument.Parse(json).RootElement));

        // It round-trips through the typed model, as the served manifests do.
        var parsed = PresentationJson.Parse<Manifest>(json);
        Assert.True(parsed.IsValid, parsed.Error);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(PresentationJson.Write(parsed.Get()))));

        Assert.Equal("https://heritage.example/iiif/presentation/exhibitions/rivers/manifest", m.Id);
        Assert.Equal(["北江历史"], m.Label![LanguageMap.Simplified]);
        Assert.Equal(["History of the North River"], m.Label[LanguageMap.English]);
        Assert.Equal("https://heritage.example/exhibitions/rivers", m.Homepage!.Single().Id);

        var canvases = m.Items!;
        Assert.Equal(3, canvases.Count);
        var gorge = canvases[0];
        Assert.Equal((877, 2810), (gorge.Width!.Value, gorge.Height!.Value));
        var body = (Image)gorge.Items!.Single().Items!.Single().Body!;
        Assert.Equal("https://heritage.example/iiif/3/QY-RB-008~p001/560,310,877,2810/877,2810/0/default.jpg", body.Id);
        Assert.Equal("https://heritage.example/items/QY-RB-008/p/1", gorge.Homepage!.Single().Id);
        Assert.Equal("https://heritage.example/iiif/presentation/QY-RB-008/manifest", gorge.SeeAlso!.Single().Id);
        Assert.Equal("http://creativecommons.org/licenses/by-sa/4.0/", gorge.Rights);

        // A page shown whole is the whole page, at its size.
        var whole = (Image)canvases[1].Items!.Single().Items!.Single().Body!;
        Assert.Equal((2400, 3400), (canvases[1].Width!.Value, canvases[1].Height!.Value));
        Assert.Contains("/QY-RB-008~p002/full/", whole.Id);

        var ranges = m.Structures!;
        Assert.Equal(["zhen", "tea"], ranges.Select(r => r.Id!.Split('/')[^1]));
        Assert.Equal([canvases[0].Id, canvases[1].Id], ranges[0].Items!.Select(i => i.Id));
        Assert.Equal(["溱水即北江。"], ranges[0].Summary![LanguageMap.Simplified]);
    }

    [Fact]
    public void A_hostile_label_is_a_string_value_in_the_manifest_never_markup()
    {
        var json = PresentationJson.Write(ExhibitionManifestBuilder.Build(Published(), Urls, Limits));
        var label = JsonNode.Parse(json)!["items"]![1]!["label"]!["en"]![0]!.GetValue<string>();
        Assert.Equal(Hostile, label);
        Assert.Equal(Hostile, PresentationJson.Parse<Manifest>(json).Get().Items![1].Label![LanguageMap.Simplified].Single());
    }
}
