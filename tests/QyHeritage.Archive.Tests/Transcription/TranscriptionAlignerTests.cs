using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Transcription;
using PageTranscription = QyHeritage.Archive.Transcription.Transcription;

namespace QyHeritage.Archive.Tests.Transcription;

/// <summary>The aligner on synthetic OCR pages whose geometry is known exactly.</summary>
public sealed class TranscriptionAlignerTests
{
    private const TextLayout Vertical = TextLayout.VerticalRightToLeft;

    private static AlignedPage Align(string transcription, OcrPage ocr, TextLayout layout = Vertical) =>
        TranscriptionAligner.Align(PageTranscription.Parse(transcription), ocr, layout);

    private static AlignedChar Char(AlignedPage page, int line, int index) => page.Lines[line].Chars[index];

    [Fact]
    public void Identical_OCR_confirms_every_character_with_its_box()
    {
        var page = Align("清遠縣在府城\n北三百四十里", SyntheticOcr.Vertical("清遠縣在府城", "北三百四十里"));

        Assert.Equal(1.0, page.ConfirmedFraction);
        for (var cell = 0; cell < 6; cell++)
        {
            Assert.Equal(SyntheticOcr.ColumnBox(0, cell), Char(page, 0, cell).Box);
            Assert.Equal(SyntheticOcr.ColumnBox(1, cell), Char(page, 1, cell).Box);
        }
    }

    [Fact]
    public void Character_the_OCR_missed_is_interpolated_between_its_neighbours()
    {
        var page = Align("清遠縣在府城", SyntheticOcr.Vertical("清遠_在府城"));

        var missed = Char(page, 0, 2);
        Assert.Equal(AlignmentStatus.Interpolated, missed.Status);
        Assert.Null(missed.Glyph);
        // Exactly where the unread cell is: same column, between 遠 and 在.
        Assert.Equal(SyntheticOcr.ColumnBox(0, 2), missed.Box);
    }

    [Fact]
    public void Two_glyphs_in_one_cell_do_not_shift_the_run_by_one()
    {
        // QY-RB-001 p004 (issue 11): the OCR put 清 and 遠 both in 遠's cell and nothing in 清's.
        Box Cell(int cell) => SyntheticOcr.ColumnBox(0, cell);
        var glyphs = new[] { ("江", 0), ("曲", 1), ("流", 2), ("清", 4), ("遠", 4), ("踞", 5), ("中", 6) }
            .Select(g => new OcrGlyph(g.Item1, Cell(g.Item2), 0.99)).ToArray();
        var page = Align("江曲流清遠踞中", new OcrPage(SyntheticOcr.Width, SyntheticOcr.Height, [new OcrLine(Box.Union(glyphs.Select(g => g.Box)), glyphs)]));

        Assert.Equal(Cell(3), Char(page, 0, 3).Box);
        Assert.Equal(Cell(4), Char(page, 0, 4).Box);
        Assert.Equal(Cell(5), Char(page, 0, 5).Box);
    }

    [Fact]
    public void Extra_OCR_glyphs_are_left_out()
    {
        // The OCR read a stain between 縣 and 在 as a character, and the 版心 strip before the text.
        var ocr = new OcrPage(SyntheticOcr.Width, SyntheticOcr.Height,
        [
            new OcrLine(new Box(950, 100, 40, 400), [new OcrGlyph("欽", new Box(950, 100, 40, 40), 0.9), new OcrGlyph("定", new Box(950, 150, 40, 40), 0.9)]),
            .. SyntheticOcr.Vertical("清遠縣丶在府城").Lines,
        ]);
        var page = Align("清遠縣在府城", ocr);

        Assert.Equal(1.0, page.ConfirmedFraction);
        Assert.Equal(SyntheticOcr.ColumnBox(0, 4), Char(page, 0, 3).Box);
        Assert.DoesNotContain(page.Chars, c => c.Glyph?.Text is "欽" or "定" or "丶");
    }

    [Fact]
    public void Misread_character_takes_the_box_of_the_glyph_in_its_place()
    {
        var page = Align("清遠縣在府城", SyntheticOcr.Vertical("清遠縣左府城"));

        var misread = Char(page, 0, 3);
        Assert.Equal(AlignmentStatus.Substituted, misread.Status);
        Assert.Equal("在", misread.Char.Text);
        Assert.Equal("左", misread.Glyph!.Text);
        Assert.Equal(SyntheticOcr.ColumnBox(0, 3), misread.Box);
        Assert.Equal(5.0 / 6, page.ConfirmedFraction, 6);
    }

    [Fact]
    public void Placeholder_is_never_confirmed()
    {
        var page = Align("清遠〓在", SyntheticOcr.Vertical("清遠〓在"));
        Assert.NotEqual(AlignmentStatus.Confirmed, Char(page, 0, 2).Status);
        Assert.Equal(SyntheticOcr.ColumnBox(0, 2), Char(page, 0, 2).Box);
    }

    [Fact]
    public void Column_the_OCR_missed_entirely_is_placed_between_its_neighbours()
    {
        var page = Align("清遠縣在府城\n北三百四十里\n由從化陸路二", SyntheticOcr.Vertical("清遠縣在府城", "", "由從化陸路二"));

        var middle = page.Lines[1];
        Assert.All(middle.Chars, c => Assert.Equal(AlignmentStatus.Estimated, c.Status));
        for (var cell = 0; cell < 6; cell++)
        {
            var expected = SyntheticOcr.ColumnBox(1, cell);
            var box = middle.Chars[cell].Box;
            Assert.InRange(box.X + box.W / 2.0, expected.X + expected.W / 2.0 - 2, expected.X + expected.W / 2.0 + 2);
            Assert.InRange(box.Y + box.H / 2.0, expected.Y + expected.H / 2.0 - 2, expected.Y + expected.H / 2.0 + 2);
        }
    }

    [Fact]
    public void Without_OCR_every_character_is_estimated_inside_the_page_in_reading_order()
    {
        var text = "　清遠縣在府城北三百四十里由從化陸路二百五\n十里其地廣二百二十五里袤三百一十里　東至\n從化縣界〔一百五十里〕西至";
        var page = Align(text, new OcrPage(SyntheticOcr.Width, SyntheticOcr.Height, []));

        Assert.Equal(PageTranscription.Parse(text).Characters.Count, page.Chars.Count());
        Assert.All(page.Chars, c =>
        {
            Assert.Equal(AlignmentStatus.Estimated, c.Status);
            Assert.True(c.Box is { X: >= 0, Y: >= 0, W: > 0, H: > 0 });
            Assert.True(c.Box.Right <= SyntheticOcr.Width && c.Box.Bottom <= SyntheticOcr.Height, c.Box.ToString());
        });
        // Columns right to left, characters top to bottom.
        Assert.True(page.Lines[0].Box.X > page.Lines[1].Box.X && page.Lines[1].Box.X > page.Lines[2].Box.X);
        foreach (var line in page.Lines)
        {
            var main = line.Chars.Where(c => !c.Char.IsSmallNote).ToArray();
            Assert.True(main.Zip(main.Skip(1)).All(p => p.First.Box.Y < p.Second.Box.Y));
        }
        Assert.Equal(0, page.ConfirmedFraction);
    }

    [Fact]
    public void Unread_small_note_fills_the_right_then_the_left_half_of_its_column()
    {
        // 大〔一二三四五〕山: the OCR read only the two main characters, 大 in cell 0 and 山 in cell 4.
        var page = Align("大〔一二三四五〕山", SyntheticOcr.Vertical("大___山"));

        var main = SyntheticOcr.ColumnBox(0, 0);
        var chars = page.Lines[0].Chars.ToDictionary(c => c.Char.Text);
        foreach (var (text, cell) in new[] { ("一", 1), ("二", 2), ("三", 3) })
        {
            var box = chars[text].Box;
            Assert.Equal(main.X + main.W / 2, box.X);                 // right half
            Assert.Equal(main.W / 2, box.W);
            Assert.Equal(SyntheticOcr.ColumnBox(0, cell).Y, box.Y);
        }
        foreach (var (text, cell) in new[] { ("四", 1), ("五", 2) })
        {
            var box = chars[text].Box;
            Assert.Equal(main.X, box.X);                               // left half
            Assert.Equal(main.W / 2, box.W);
            Assert.Equal(SyntheticOcr.ColumnBox(0, cell).Y, box.Y);
        }
    }

    [Fact]
    public void Horizontal_page_interpolates_along_the_line()
    {
        var page = Align("北江位于中国\n华南地区是珠", SyntheticOcr.Horizontal("北江_于中国", "华南地区是珠"), TextLayout.Horizontal);

        Assert.All(page.Lines, l => Assert.False(l.Vertical));
        var missed = Char(page, 0, 2);
        Assert.Equal(AlignmentStatus.Interpolated, missed.Status);
        Assert.Equal(new Box(100 + 2 * 70, 100, 60, 60), missed.Box);
        Assert.True(page.Lines[0].Box.Y < page.Lines[1].Box.Y);
    }

    [Fact]
    public void Glyph_read_in_another_column_is_not_trusted()
    {
        // Column 0 ends in 山, which the OCR missed; it read a stray 山 at the top of column 1 instead,
        // and the sequence alignment pairs the two because they are neighbours in reading order.
        var page = Align("清遠縣在府城山\n北三百四十里", SyntheticOcr.Vertical("清遠縣在府城", "山北三百四十里"));

        var mountain = Char(page, 0, 6);
        Assert.Equal(AlignmentStatus.Interpolated, mountain.Status);
        Assert.Equal(SyntheticOcr.ColumnBox(0, 6), mountain.Box);
        Assert.All(page.Lines[1].Chars, c => Assert.Equal(AlignmentStatus.Confirmed, c.Status));
    }

    [Fact]
    public void Masthead_the_OCR_misread_throughout_keeps_its_own_horizontal_line()
    {
        // A display-type masthead across the top of a vertical page: the OCR found the line but read
        // no character right. Its glyphs still tell where the masthead is.
        var masthead = Enumerable.Range(0, 4).Select(i => new OcrGlyph("委炎且此"[i].ToString(), new Box(300 + 110 * i, 20, 100, 60), 0.5)).ToArray();
        var ocr = new OcrPage(SyntheticOcr.Width, SyntheticOcr.Height,
        [
            new OcrLine(Box.Union(masthead.Select(g => g.Box)), masthead),
            .. SyntheticOcr.Vertical("清遠縣在府城", "北三百四十里").Lines,
        ]);
        var page = Align("報紙樣張\n清遠縣在府城\n北三百四十里", ocr);

        Assert.False(page.Lines[0].Vertical);
        Assert.Equal(masthead.Select(g => g.Box), page.Lines[0].Chars.Select(c => c.Box));
        Assert.All(page.Lines[0].Chars, c => Assert.Equal(AlignmentStatus.Substituted, c.Status));
        Assert.All(page.Lines.Skip(1).SelectMany(l => l.Chars), c => Assert.Equal(AlignmentStatus.Confirmed, c.Status));
    }

    [Fact]
    public void Misread_page_furniture_is_not_taken_for_a_column_the_OCR_missed()
    {
        // The OCR read the 版心 strip at the right edge (x 950) as garbage and missed column 0.
        var strip = Enumerable.Range(0, 6).Select(i => new OcrGlyph("欽定四庫全書"[i].ToString(), new Box(950, 100 + 70 * i, 40, 60), 0.5)).ToArray();
        var ocr = new OcrPage(SyntheticOcr.Width, SyntheticOcr.Height,
        [
            new OcrLine(Box.Union(strip.Select(g => g.Box)), strip),
            .. SyntheticOcr.Vertical("", "北三百四十里", "由從化陸路二").Lines,
        ]);
        var page = Align("清遠縣在府城\n北三百四十里\n由從化陸路二", ocr);

        Assert.All(page.Lines[0].Chars, c =>
        {
            Assert.Equal(AlignmentStatus.Estimated, c.Status);
            Assert.InRange(c.Box.X + c.Box.W / 2.0, 880, 900);   // column 0 is centred on x = 890
        });
    }

    [Fact]
    public void As_OCR_page_the_text_is_the_transcription_and_confidence_tells_the_source()
    {
        var page = Align("　清遠縣〔在府〕城\n\n北三百四十里", SyntheticOcr.Vertical("清遠縣在府城", "北三_四十里"));

        var ocr = page.ToOcrPage();
        Assert.Equal("清遠縣在府城\n北三百四十里", ocr.Text);
        Assert.Equal(1.0, ocr.Lines[0].Glyphs[0].Confidence);
        Assert.Equal(0.25, ocr.Lines[1].Glyphs[2].Confidence);
        Assert.Equal(page.Lines[2].Box, ocr.Lines[1].Box);
    }

    [Fact]
    public void OCR_boxes_outside_the_page_are_not_used()
    {
        var ocr = SyntheticOcr.Vertical("清遠縣在府城");
        var glyphs = ocr.Lines[0].Glyphs.ToArray();
        glyphs[5] = glyphs[5] with { Box = new Box(860, 1380, 60, 60) };   // runs 40 px past the bottom
        var page = Align("清遠縣在府城", ocr with { Lines = [ocr.Lines[0] with { Glyphs = glyphs }] });

        Assert.Equal(AlignmentStatus.Interpolated, Char(page, 0, 5).Status);
        Assert.Equal(SyntheticOcr.ColumnBox(0, 5), Char(page, 0, 5).Box);
    }

    [Fact]
    public void Empty_transcription_and_sizeless_OCR()
    {
        Assert.Empty(Align("", SyntheticOcr.Vertical("清遠")).Lines);
        Assert.Throws<ArgumentException>(() => Align("清遠", new OcrPage(0, 0, [])));
    }

    [Fact]
    public void Long_pages_align_in_reasonable_time()
    {
        // 40 columns of 25 characters against OCR that lost every fifth character: ~1000 × 800 cells.
        var columns = Enumerable.Range(0, 40).Select(i => new string(Enumerable.Range(0, 25).Select(j => (char)(0x4E00 + (i * 25 + j) % 500)).ToArray())).ToArray();
        var ocrColumns = columns.Select(c => new string(c.Select((ch, j) => j % 5 == 4 ? '_' : ch).ToArray())).ToArray();
        var ocr = new OcrPage(4000, 2000, ocrColumns.Select((text, i) => new OcrLine(new Box(3900 - 95 * i, 0, 60, 1800),
            text.Select((ch, j) => new OcrGlyph(ch.ToString(), new Box(3900 - 95 * i, 20 + 70 * j, 60, 60), 0.9)).Where(g => g.Text != "_").ToArray())).ToArray());

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var page = TranscriptionAligner.Align(PageTranscription.Parse(string.Join('\n', columns)), ocr, Vertical);
        watch.Stop();

        Assert.Equal(0.8, page.ConfirmedFraction, 3);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
    }
}
