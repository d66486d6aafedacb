using QyHeritage.Archive.Transcription;
using PageTranscription = QyHeritage.Archive.Transcription.Transcription;

namespace QyHeritage.Archive.Tests.Transcription;

public sealed class TranscriptionParseTests
{
    [Fact]
    public void Small_note_is_laid_out_as_two_sub_columns_sharing_cells()
    {
        var line = PageTranscription.Parse("　大〔一二三四五〕山").Lines.Single();

        Assert.Equal(1, line.Indent);
        var c = line.Chars;
        Assert.Equal(TranscribedCharFlags.Indent, c[0].Flags);
        Assert.Equal(("大", 1.0, NoteSide.None), (c[1].Text, c[1].Cell, c[1].Side));
        // Five note characters: the first (right) sub-column takes three, the second (left) two.
        Assert.Equal(["一", "二", "三"], c.Where(x => x.Side == NoteSide.First).Select(x => x.Text));
        Assert.Equal([2.0, 3.0, 4.0], c.Where(x => x.Side == NoteSide.First).Select(x => x.Cell));
        Assert.Equal(["四", "五"], c.Where(x => x.Side == NoteSide.Second).Select(x => x.Text));
        Assert.Equal([2.0, 3.0], c.Where(x => x.Side == NoteSide.Second).Select(x => x.Cell));
        Assert.All(c.Where(x => x.Side != NoteSide.None), x => Assert.True(x.IsSmallNote));
        Assert.Equal(("山", 5.0), (c[^1].Text, c[^1].Cell));
        Assert.Equal(6.0, line.CellCount);
    }

    [Fact]
    public void Note_left_open_at_the_end_of_a_line_stays_on_that_line()
    {
        var text = PageTranscription.Parse("大山〔一二三\n四五〕水");

        Assert.Equal(["一", "二"], text.Lines[0].Chars.Where(c => c.Side == NoteSide.First).Select(c => c.Text));
        Assert.Equal(["四", "五", "水"], text.Lines[1].Chars.Select(c => c.Text));
        Assert.Equal(8, text.Characters.Count);
        Assert.All(text.Lines[1].Chars.Take(2), c => Assert.True(c.IsSmallNote));
    }

    [Fact]
    public void Flags_placeholder_punctuation_and_inner_spaces()
    {
        var line = PageTranscription.Parse("四會縣界　東〓，「南」").Lines.Single();

        Assert.Equal(TranscribedCharFlags.Space, line.Chars[4].Flags);
        Assert.Equal(4.0, line.Chars[4].Cell);
        Assert.Equal(TranscribedCharFlags.Placeholder, line.Chars.Single(c => c.Text == "〓").Flags);
        Assert.Equal(3, line.Chars.Count(c => c.Flags == TranscribedCharFlags.Punctuation));
        Assert.Equal(0, line.Indent);
        Assert.Equal(10, line.InkChars.Count());
    }

    [Fact]
    public void Characters_exclude_blanks_and_keep_surrogate_pairs_whole()
    {
        var text = PageTranscription.Parse("　　清遠𨽻連州\r\n\r\nab 12\r\n");

        Assert.Equal(3, text.Lines.Count);
        Assert.True(text.Lines[1].IsEmpty);
        Assert.Equal(["清", "遠", "𨽻", "連", "州", "a", "b", "1", "2"], text.Characters.Select(c => c.Text));
        Assert.Equal(text.Characters.Count, text.MatchKeys.Count);
        // Half-width Latin letters and digits take half a cell; the ASCII space too.
        Assert.Equal([0.0, 0.5, 1.5, 2.0], text.Lines[2].Chars.Where(c => !c.IsBlank).Select(c => c.Cell));
    }

    [Fact]
    public void Sample_page_counts_match_the_file()
    {
        var page = AlignmentFixturePages.RareBookNotes;
        var raw = File.ReadAllText(page.TranscriptionPath);
        var text = PageTranscription.Load(page.TranscriptionPath);

        var inked = raw.Count(ch => !char.IsWhiteSpace(ch) && ch != '〔' && ch != '〕' && !char.IsLowSurrogate(ch));
        Assert.Equal(inked, text.Characters.Count);
        Assert.Equal(raw.TrimEnd('\n').Split('\n').Length, text.Lines.Count);
        Assert.Equal(7, text.Lines.Sum(l => l.Chars.Count(c => c.IsSmallNote && c.Side == NoteSide.First) > 0 ? 1 : 0));
    }
}
