using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// Double-line small notes (雙行小注) on a real page (TestData/real-scans/wltk-j213-17b.jpg, attribution in its README):
/// 五禮通考 卷213 folio 17b, where the three columns after the 版心 are notes from top to bottom, with sub-columns that
/// do not keep the same rows and characters that touch across the dividing line, and two more columns end in a note.
/// </summary>
public class RealScanNoteTests(SharedModels shared) : IClassFixture<SharedModels>
{
    private static readonly OcrProfile RareBook = OcrProfile.For(CollectionKind.RareBook, Script.Traditional, TextLayout.VerticalRightToLeft);

    private static IReadOnlyList<LayoutLine> Layout() => Prepare(InkImage.Load(RealScanLayoutTests.Fixture("wltk-j213-17b.jpg")));

    /// <summary>The layout of a ruled page, prepared as TesseractOcr prepares it (before PP-OCR judges short note runs).</summary>
    internal static IReadOnlyList<LayoutLine> Prepare(InkImage page)
    {
        page.Deskew();
        var ruled = RuledFrames.Find(page);
        Assert.NotNull(ruled);
        // As TesseractOcr prepares a ruled page: the rules, the remains of faint ones, the specks.
        RuledFrames.Remove(page, ruled.Rules);
        var columns = ruled.Pages.SelectMany(p => p.Columns).Select(c => c.W).Order().ToList();
        RuleRemoval.Remove(page, columns[columns.Count / 2]);
        SpeckRemoval.Remove(page, minArea: 12, maxHairline: Math.Max(2, page.Height / 1100));
        return PageLayout.FromRuled(page, ruled);
    }

    [Fact]
    public void Columns_of_notes_are_two_sub_columns_read_right_then_left()
    {
        var lines = Layout();

        var transcribed = File.ReadAllLines(RealScanLayoutTests.Fixture("wltk-j213-17b.txt")).Where(l => l.Trim().Length > 0).ToList();
        Assert.Equal(transcribed.Count, lines.Count);
        // The first three columns are one note each (〔…〕 from top to bottom): a right sub-column, then a left one, the
        // whole way down; a cell of main text there would hold two note characters side by side.
        foreach (var line in lines.Take(3))
        {
            var notes = line.Pieces.Where(p => p.SmallNote).ToList();
            Assert.True(notes.Sum(p => p.Box.H) >= line.Box.H * 2 * 0.9, "both sub-columns nearly the column's height");
            Assert.True(line.Pieces[0].SmallNote && line.Pieces[1].SmallNote);
            Assert.True(line.Pieces[0].Box.X > line.Pieces[1].Box.X, "right sub-column first");
            Assert.True(line.Pieces[0].Box.X >= line.Pieces[1].Box.Right - 8, "the sub-columns side by side, not overlapping");
        }
        Assert.All(lines.Skip(1).Take(2), l => Assert.Equal(2, l.Pieces.Count));
        // 朱子曰…故炎帝〔當作少昊〕以鳥名官: main text, the note's right sub-column (當作), its left (少昊), main text again.
        var zhuzi = lines[3].Pieces;
        Assert.False(zhuzi[0].SmallNote);
        Assert.True(zhuzi[0].Box.H > lines[3].Box.H * 0.6);
        Assert.True(zhuzi[1].SmallNote && zhuzi[2].SmallNote && zhuzi[1].Box.X > zhuzi[2].Box.X);
        Assert.False(zhuzi[3].SmallNote);
        // The last column is main text (帝曰咨四岳) and then a note of two sub-columns down to its end.
        var last = lines[^1];
        Assert.False(last.Pieces[0].SmallNote, string.Join(" ", last.Pieces.Select(p => $"{p.Box.X},{p.Box.Y},{p.Box.W}x{p.Box.H}{(p.SmallNote ? "n" : "")}")));
        Assert.Equal(2, last.Pieces.Count(p => p.SmallNote));
    }

    [Fact]
    public async Task A_page_of_notes_is_read_in_reading_order()
    {
        using var ocr = new TesseractOcr(options: new TesseractOcrOptions { Reader = CellReader.Both }, models: shared.Models);
        var page = await ocr.RecogniseAsync(RealScanLayoutTests.Fixture("wltk-j213-17b.jpg"), RareBook);
        var truth = await File.ReadAllTextAsync(RealScanLayoutTests.Fixture("wltk-j213-17b.txt"));

        // 22.8 % before the notes were found row by row (two sub-columns read as one column, cells of two characters);
        // 68 % after; 71 % with no-character cells dropped and cells that follow each column's own pitch (bench/RESULTS.md).
        Assert.InRange(CharacterAccuracy.Measure(truth, page.Text), 0.68, 1.0);
        // No stray dots, dashes or letters from rule remains and specks: the page's text is characters, and 〓 for a
        // character cell no reader could read.
        var stray = page.Text.EnumerateRunes().Where(r => !System.Text.Rune.IsWhiteSpace(r) && r.Value is not (>= 0x3400 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF) && r.ToString() != TesseractOcr.UnreadMark).ToList();
        Assert.True(stray.Count == 0, $"stray marks: {string.Join(" ", stray)}");
    }

    [Fact]
    public async Task A_note_whose_sub_columns_are_set_close_is_read_right_then_left()
    {
        // Folio 17a (bench/RESULTS.md: 82.2 % before, 89.5 % after), its seventh column: one note from top to bottom, 唐虞則必次州牧而總諸侯者也唐虞之官見于書 (right) and
        // 者猶多成王獨舉其四惟識其大故能挈其綱也 (left). From 諸/惟 down to 故/挈 the two sub-columns nearly touch, and
        // 大 reaches over the dividing line: each row's window found no gap there, and those five rows were cut as main
        // text, 大 and 也 side by side in one cell and the right sub-column's 唐虞之官見于書 read after the left's 故能.
        var lines = Prepare(InkImage.Load(RealScanLayoutTests.Fixture("wltk-j213-17a.jpg")));
        var transcribed = File.ReadAllLines(RealScanLayoutTests.Fixture("wltk-j213-17a.txt")).Where(l => l.Trim().Length > 0).ToList();
        Assert.Equal(transcribed.Count, lines.Count);
        var note = lines[6].Pieces;
        Assert.True(note.Count == 2 && note.All(p => p.SmallNote), string.Join(" ", note.Select(p => $"{p.Box.X},{p.Box.Y},{p.Box.W}x{p.Box.H}{(p.SmallNote ? "n" : "")}")));
        Assert.True(note[0].Box.X > note[1].Box.X, "right sub-column first");
        // The sixth, 吕氏祖謙曰…則官之有百 / 盖前於唐虞矣…以霸者之稱在: near its foot the left sub-column's 之 reaches its
        // tail over the line into 官, and 稱 touches the right's 之; that row was cut as main text, and 之有 read after 霸者之.
        var other = lines[5].Pieces;
        Assert.True(other.Count == 2 && other.All(p => p.SmallNote), string.Join(" ", other.Select(p => $"{p.Box.X},{p.Box.Y},{p.Box.W}x{p.Box.H}{(p.SmallNote ? "n" : "")}")));

        using var ocr = new TesseractOcr(options: new TesseractOcrOptions { Reader = CellReader.Both }, models: shared.Models);
        var page = await ocr.RecogniseAsync(RealScanLayoutTests.Fixture("wltk-j213-17a.jpg"), RareBook);
        var truth = await File.ReadAllTextAsync(RealScanLayoutTests.Fixture("wltk-j213-17a.txt"));
        // The right sub-column read to its end before the left one; 大 a cell of its own (識其大故能).
        Assert.Contains("也唐虞之官見于書", page.Text, StringComparison.Ordinal);
        Assert.Contains("識其大故能", page.Text, StringComparison.Ordinal);
        Assert.Contains("則官之有百", page.Text, StringComparison.Ordinal);
        Assert.InRange(CharacterAccuracy.Measure(truth, page.Text), 0.86, 1.0);
    }

    [Fact]
    public async Task A_note_goes_on_past_a_blank_cell_and_begins_below_the_main_character_before_it()
    {
        // Folio 17b (bench/RESULTS.md: 77.2 % before, 80.0 % after). Its first column is one note from top to bottom:
        // 黎之後羲氏和氏世掌天地四時之官 [a blank cell] 疏楚語云顓 (right) and 頊命南正重…以屬民堯育重 (left). Near its foot
        // 民 reaches over the dividing line beside 楚 and 堯 beside 語: the rows between were cut as main text, and the
        // right sub-column's 語云顓 was read after the left's 以屬民.
        var page = InkImage.Load(RealScanLayoutTests.Fixture("wltk-j213-17b.jpg"));
        var lines = Prepare(page);
        var options = new TesseractOcrOptions();
        var paddle = shared.Models.Paddle(PaddleModelFiles.Find() ?? throw new InvalidOperationException("The PP-OCR models are not installed: run ./qy test (it installs tools/ocr-models)."));
        var judged = NoteRuns.Judge(page, lines, paddle, options.PaddleCharSize, options.PaddleThickenStrokes, default);
        var first = judged[0];
        Assert.True(first.Pieces.Count == 2 && first.Pieces.All(p => p.SmallNote && p.Box.H >= first.Box.H * 0.95), Describe(first));
        // 共工方鳩僝功〔𫝊共工官稱〕: 功 is 工 and 力 with a gap between them, its top stroke joining them across the note's
        // dividing line. Its rows were the note's first (工 read with 官, 力 alone): the main text now holds six characters
        // and the note begins below 功.
        var gong = judged[6].Pieces;
        Assert.True(!gong[0].SmallNote && gong[0].Box.H >= gong[0].Pitch * 5.6 && gong.Skip(1).All(p => p.SmallNote && p.Box.Y >= gong[0].Box.Bottom - 4), Describe(judged[6]));

        using var ocr = new TesseractOcr(options: new TesseractOcrOptions { Reader = CellReader.Both }, models: shared.Models);
        var text = (await ocr.RecogniseAsync(RealScanLayoutTests.Fixture("wltk-j213-17b.jpg"), RareBook)).Text;
        var lines17b = text.Split('\n');
        // The right sub-column read to its end (疏楚語云…) before the left one (…命南正重司天).
        Assert.Contains("疏楚語云", lines17b[0], StringComparison.Ordinal);
        Assert.True(lines17b[0].IndexOf("疏楚語云", StringComparison.Ordinal) < lines17b[0].IndexOf("命南正", StringComparison.Ordinal), lines17b[0]);
        // 功 read whole, then the note (𫝊 read as 傳 or 傅).
        Assert.Matches("功[傳傅𫝊]共工", lines17b[6]);
    }

    private static string Describe(LayoutLine line) =>
        string.Join(" ", line.Pieces.Select(p => $"{p.Box.X},{p.Box.Y},{p.Box.W}x{p.Box.H}{(p.SmallNote ? "n" : "")}"));
}
