using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Tests.Indexing;

public sealed class PageTextTests
{
    [Fact]
    public void Columns_are_joined_and_indentation_dropped()
    {
        var t = PageText.FromTranscription("　　清遠縣\n在府城\n");
        Assert.Equal("清遠縣在府城", t.Text);
        Assert.Equal(6, t.InkCount);
        Assert.Equal([0, 1, 2, 3, 4, 5], t.InkOffsets());
    }

    [Fact]
    public void Double_line_notes_stay_in_place_between_brackets_and_keep_their_ink_indexes()
    {
        var t = PageText.FromTranscription("東至〔英德縣界〕一百里\n");
        Assert.Equal("東至〔英德縣界〕一百里", t.Text);
        Assert.Equal(9, t.InkCount);
        Assert.Equal(-1, t.InkIndexAt(2));
        Assert.Equal(2, t.InkIndexAt(3));
        Assert.Equal(6, t.InkIndexAt(8));
    }

    [Fact]
    public void A_note_running_over_a_column_break_is_one_note()
    {
        var t = PageText.FromTranscription("水〔出英\n德〕又南\n");
        Assert.Equal("水〔出英德〕又南", t.Text);
    }

    [Fact]
    public void Blank_lines_separate_articles_and_wrapped_Latin_words_get_a_space()
    {
        var t = PageText.FromTranscription("北江\n\nNorth\nRiver 1927年\n");
        Assert.Equal("北江\nNorth River 1927年", t.Text);
    }

    [Fact]
    public void Characters_outside_the_basic_plane_take_two_code_units_and_one_ink_index()
    {
        var t = PageText.FromTranscription("𠀀清\n");
        Assert.Equal(2, t.InkCount);
        Assert.Equal([0, 2], t.InkOffsets());
        Assert.Equal([0, 1], t.InkIndexes(0, 3));
    }
}
