using QyHeritage.Archive.Domain;

namespace QyHeritage.Recognition.Tests;

public class OcrProfileTests
{
    [Theory]
    [InlineData(CollectionKind.RareBook, Script.Traditional, TextLayout.VerticalRightToLeft, "chi_tra_vert", true, false, true)]
    [InlineData(CollectionKind.RepublicanDoc, Script.Traditional, TextLayout.VerticalRightToLeft, "chi_tra_vert", false, false, false)]
    [InlineData(CollectionKind.Newspaper, Script.Traditional, TextLayout.VerticalRightToLeft, "chi_tra_vert", true, true, false)]
    [InlineData(CollectionKind.LocalHistory, Script.Traditional, TextLayout.VerticalRightToLeft, "chi_tra_vert", true, false, true)]
    [InlineData(CollectionKind.LocalHistory, Script.Simplified, TextLayout.Horizontal, "chi_sim", false, false, false)]
    [InlineData(CollectionKind.RepublicanDoc, Script.Traditional, TextLayout.Horizontal, "chi_tra", false, false, false)]
    [InlineData(CollectionKind.RepublicanDoc, Script.Simplified, TextLayout.VerticalRightToLeft, "chi_sim_vert", false, false, false)]
    public void Profile_follows_collection_script_and_layout(CollectionKind collection, Script script, TextLayout layout,
        string language, bool rules, bool newspaper, bool notes)
    {
        var profile = OcrProfile.For(collection, script, layout);
        Assert.Equal(language, profile.Language);
        Assert.Equal(layout, profile.Layout);
        Assert.Equal(rules, profile.HasColumnRules);
        Assert.Equal(newspaper, profile.IsMultiTierNewspaper);
        Assert.Equal(notes, profile.HasSmallNotes);
        // Modern type (Republic-era documents, newspapers) is read in the standard traditional forms; classical books keep theirs.
        Assert.Equal(collection is CollectionKind.RepublicanDoc or CollectionKind.Newspaper, profile.StandardForms);
    }

    [Fact]
    public void Vertical_profiles_read_horizontal_lines_with_the_horizontal_model_of_the_same_script()
    {
        Assert.Equal("chi_tra", OcrProfile.For(CollectionKind.Newspaper, Script.Traditional, TextLayout.VerticalRightToLeft).HorizontalLanguage);
        Assert.Equal("chi_sim", OcrProfile.For(CollectionKind.LocalHistory, Script.Simplified, TextLayout.Horizontal).HorizontalLanguage);
    }
}
