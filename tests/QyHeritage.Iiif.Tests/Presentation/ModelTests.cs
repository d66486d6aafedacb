using System.Text.Json.Nodes;
using QyHeritage.Iiif.Presentation.Model;
using QyHeritage.Iiif.Presentation.Model.Json;
using Range = QyHeritage.Iiif.Presentation.Model.Range;

namespace QyHeritage.Iiif.Tests.Presentation;

/// <summary>The typed model on its own: what it writes, what it reads back, and bad documents as error values.</summary>
public class ModelTests
{
    private const string Canvas1 = "https://heritage.example/iiif/presentation/X-1/canvas/p001";

    [Fact]
    public void A_range_with_a_part_of_a_canvas_and_an_image_api_crop_round_trip_with_their_types()
    {
        var manifest = new Manifest
        {
            Context = [PresentationJson.Context],
            Id = "https://heritage.example/iiif/presentation/X-1/manifest",
            Label = LanguageMap.Of((LanguageMap.Traditional, "廣東通志"), (LanguageMap.English, "Guangdong Gazetteer")),
            NavDate = new DateTimeOffset(976, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ViewingDirection = ViewingDirection.RightToLeft,
            Behavior = [Behavior.Paged],
            Services = [SearchService1.At("https://heritage.example/iiif/search/X-1/v1")],
            Items =
            [
                new Canvas
                {
                    Id = Canvas1, Width = 2400, Height = 3400,
                    Annotations =
                    [
                        new AnnotationPage
                        {
                            Id = Canvas1 + "/crops",
                            Items =
                            [
                                new Annotation
                                {
                                    Id = Canvas1 + "/crops/1",
                                    Motivation = Motivation.Commenting,
                                    Body = new SpecificResource
                                    {
                                        Source = "https://heritage.example/iiif/3/X-1~p001",
                                        Selector = new ImageApiSelector { Region = "100,200,300,400", Size = "max", Rotation = "0", Quality = "default", Format = "jpg" },
                                    },
                                    Target = AnnotationTarget.Of(new SpecificResource { Source = Canvas1, Selector = FragmentSelector.Rectangle(100, 200, 300, 400) }),
                                },
                            ],
                        },
                    ],
                },
            ],
            Structures =
            [
                new Range
                {
                    Id = "https://heritage.example/iiif/presentation/X-1/range/r0",
                    Label = LanguageMap.Of((LanguageMap.Traditional, "鄉邦文獻")),
                    Items = [new Canvas { Id = Canvas1 }, new SpecificResource { Source = Canvas1, Selector = FragmentSelector.Rectangle(0, 0, 1200, 1700) }],
                },
            ],
        };
        var json = PresentationJson.Write(manifest);
        var node = JsonNode.Parse(json)!;
        Assert.Equal("0976-01-01T00:00:00Z", node["navDate"]!.GetValue<string>());
        Assert.Equal("right-to-left", node["viewingDirection"]!.GetValue<string>());
        Assert.Equal("http://iiif.io/api/search/1/search", node["service"]![0]!["profile"]!.GetValue<string>());
        Assert.Equal("xywh=0,0,1200,1700", node["structures"]![0]!["items"]![1]!["selector"]!["value"]!.GetValue<string>());
        Assert.Equal(["@context", "id", "type", "label"], node.AsObject().Select(p => p.Key).Take(4));

        var read = PresentationJson.Parse<Manifest>(json).Get();
        var range = Assert.Single(read.Structures!);
        Assert.IsType<Canvas>(range.Items![0]);
        Assert.IsType<FragmentSelector>(Assert.IsType<SpecificResource>(range.Items[1]).Selector);
        var crop = read.Items![0].Annotations![0].Items![0];
        Assert.Equal("100,200,300,400", Assert.IsType<ImageApiSelector>(Assert.IsType<SpecificResource>(crop.Body).Selector).Region);
        Assert.Equal(Canvas1, crop.Target!.Resource!.Source);
        Assert.IsType<SearchService1>(Assert.Single(read.Services!));
        Assert.Equal(json, PresentationJson.Write(read));
    }

    [Fact]
    public void Language_maps_keep_their_order_and_leave_out_blank_values()
    {
        var map = LanguageMap.Of((LanguageMap.Simplified, "题名"), (LanguageMap.English, " "), (LanguageMap.None, "QY-1"), (LanguageMap.Simplified, "又名"))!;
        Assert.Equal([LanguageMap.Simplified, LanguageMap.None], map.Languages);
        Assert.Equal(["题名", "又名"], map[LanguageMap.Simplified]);
        Assert.Null(LanguageMap.Of((LanguageMap.English, "")));
        var json = PresentationJson.Write(new Canvas { Id = Canvas1, Label = map });
        Assert.Contains("\"label\":{\"zh-Hans\":[\"题名\",\"又名\"],\"none\":[\"QY-1\"]}", json);
    }

    [Theory]
    [InlineData("{\"id\":\"x\",\"type\":\"Manifest\",\"label\":{\"en\":\"not an array\"}}", "language map: 'en' must have an array of strings")]
    [InlineData("{\"id\":\"x\",\"type\":\"Manifest\",\"items\":[{\"id\":\"c\",\"type\":\"Canvas\",\"items\":[{\"type\":\"AnnotationPage\",\"items\":[{\"type\":\"Annotation\",\"body\":{\"type\":\"Hologram\"}}]}]}]}", "'Hologram' is not a type")]
    [InlineData("{\"id\":\"x\",\"type\":\"Manifest\",\"behavior\":[\"sideways\"]}", "$.behavior")]
    [InlineData("{\"id\":\"x\",\"type\":\"Collection\"}", "a Collection, not a Manifest")]
    [InlineData("{\"id\":\"x\"}", "without a 'type'")]
    [InlineData("{\"id\":", "$")]
    public void Bad_documents_are_error_values_that_say_where(string json, string expected)
    {
        var parsed = PresentationJson.Parse<Manifest>(json);
        Assert.False(parsed.IsValid);
        Assert.Contains(expected, parsed.Error);
    }
}
