
namespace QyHeritage.Recognition.Tests;

public class CharacterAccuracyTests
{
    [Fact]
    public void Identical_text_is_fully_accurate() => Assert.Equal(1.0, CharacterAccuracy.Measure("清遠縣在府城北", "清遠縣在府城北"));

    [Fact]
    public void Layout_notes_brackets_and_presentation_forms_do_not_count()
    {
        // Indentation, line breaks, the 〔〕 of double-line notes and vertical punctuation forms are typography.
        Assert.Equal(1.0, CharacterAccuracy.Measure("　四會縣界〔在府〕\n東南，至「海」", "四會縣界在府東南︐至﹁海﹂"));
        Assert.Equal(1.0, CharacterAccuracy.Measure("（1927）", "(1927)"));
        Assert.Equal(1.0, CharacterAccuracy.Measure("樣張·第一號……——", "樣張‧第一號......―—"));
    }

    [Fact]
    public void Variant_characters_are_not_folded() => Assert.Equal(0.5, CharacterAccuracy.Measure("㑹同", "會同"));

    [Fact]
    public void One_substitution_in_ten_characters_is_ninety_percent() =>
        Assert.Equal(0.9, CharacterAccuracy.Measure("一二三四五六七八九十", "一二三四五六七八九千"), 6);

    [Fact]
    public void Missing_and_extra_characters_count_against_the_ground_truth_length()
    {
        Assert.Equal(0.8, CharacterAccuracy.Measure("一二三四五", "一二三四"), 6);
        Assert.Equal(0.0, CharacterAccuracy.Measure("一", "一二三四五"));
    }

    [Fact]
    public void Characters_outside_the_basic_plane_count_once() =>
        Assert.Equal(1.0, CharacterAccuracy.Measure("𠀋字", "𠀋字"));
}
