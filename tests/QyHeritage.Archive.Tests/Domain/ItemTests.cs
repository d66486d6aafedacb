using QyHeritage.Archive.Domain;

namespace QyHeritage.Archive.Tests.Domain;

public class ItemTests
{
    [Theory]
    [InlineData("QY-RB-001", true)]
    [InlineData("a", true)]
    [InlineData("-x", false)]
    [InlineData("QY/RB", false)]
    [InlineData("..", false)]
    [InlineData("清遠", false)]
    [InlineData("", false)]
    public void Item_ids_are_safe_in_keys_and_urls(string id, bool valid) => Assert.Equal(valid, Item.IsValidId(id));

    [Theory]
    [InlineData("Classical Chinese (文言), traditional characters, vertical right-to-left", Script.Traditional, TextLayout.VerticalRightToLeft)]
    [InlineData("Modern Chinese, simplified characters (some traditional), horizontal", Script.Simplified, TextLayout.Horizontal)]
    [InlineData("Vernacular + classical Chinese, traditional characters, vertical columns in horizontal tiers", Script.Traditional, TextLayout.VerticalRightToLeft)]
    public void Script_and_layout_follow_the_catalogue_description(string description, Script script, TextLayout layout) =>
        Assert.Equal((script, layout), Item.InferScriptAndLayout(description));

    [Fact]
    public void Collections_have_stable_codes_and_bilingual_names()
    {
        foreach (var kind in Collections.All)
        {
            Assert.True(Collections.TryParse(kind.Code(), out var back));
            Assert.Equal(kind, back);
            Assert.NotEmpty(kind.NameZh());
            Assert.NotEmpty(kind.NameEn());
        }
        Assert.Equal("古籍", CollectionKind.RareBook.NameZh());
        Assert.False(Collections.TryParse("rare_book", out _));
    }

    [Fact]
    public void Metadata_json_round_trips_and_is_deterministic()
    {
        var item = new Item
        {
            Id = "QY-RB-001",
            Collection = CollectionKind.RareBook,
            TitleZh = "廣東通志 <卷四>",
            TitleEn = "Guangdong \"Gazetteer\"",
            Date = new ItemDate("雍正九年", "1731", 1731, 1731, false),
            Script = Script.Traditional,
            Layout = TextLayout.VerticalRightToLeft,
            Pages = [new Page { Order = 1, Label = "004-10b", Width = 2400, Height = 3400, Master = "master/p001.jpg", Transcription = "text/p001.txt" }],
        };
        var json = ItemMetadata.ToJson(item);
        Assert.Contains("廣東通志", json);
        Assert.Equal(json, ItemMetadata.ToJson(ItemMetadata.Parse(System.Text.Encoding.UTF8.GetBytes(json))));
        var back = ItemMetadata.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Equal(item.TitleZh, back.TitleZh);
        Assert.Equal(item.Date, back.Date);
        Assert.Equal(item.Pages[0], back.Pages[0]);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"id\":\"../x\",\"collection\":\"rare-book\"}")]
    [InlineData("{\"id\":\"QY-1\",\"collection\":\"maps\"}")]
    public void Malformed_metadata_json_is_a_format_error(string json) =>
        Assert.Throws<FormatException>(() => ItemMetadata.Parse(System.Text.Encoding.UTF8.GetBytes(json)));
}
