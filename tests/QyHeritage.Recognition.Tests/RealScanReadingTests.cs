using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// What the readers make of the cells of a real page (TestData/real-scans, attribution in its README): 五禮通考 卷213
/// folios 16a and 17b of the 文淵閣四庫全書 facsimile, the same files as the bench's real scans, read with tesseract
/// and PP-OCR ("both"). On these pages the two agree on under half the cells, so PP-OCR reads alone.
/// </summary>
public class RealScanReadingTests(SharedModels shared) : IClassFixture<SharedModels>
{
    private static readonly OcrProfile RareBook = OcrProfile.For(CollectionKind.RareBook, Script.Traditional, TextLayout.VerticalRightToLeft);

    private async Task<(OcrPage Page, string Truth)> ReadAsync(string name)
    {
        using var ocr = new TesseractOcr(options: new TesseractOcrOptions { Reader = CellReader.Both }, models: shared.Models);
        var page = await ocr.RecogniseAsync(RealScanLayoutTests.Fixture(name + ".jpg"), RareBook);
        return (page, await File.ReadAllTextAsync(RealScanLayoutTests.Fixture(name + ".txt")));
    }

    [Fact]
    public async Task A_traditional_page_is_not_read_with_simplified_forms_the_vote_left()
    {
        var (page, truth) = await ReadAsync("wltk-j213-17b");

        // PP-OCR writes 时 for 時 (四時之官, 日時既定) and 为 for 為; Unihan counts both as traditional characters too,
        // so the vote kept them. A traditional page's text does not use them.
        foreach (var simplified in SimplifiedForms.LeftAfterVote.Keys)
            Assert.DoesNotContain(simplified, page.Text, StringComparison.Ordinal);
        Assert.Contains("四時之官", page.Text, StringComparison.Ordinal);
        Assert.Contains("日時既定", page.Text, StringComparison.Ordinal);
        // 73.3 % before (bench/RESULTS.md), 75.0 % after.
        Assert.InRange(CharacterAccuracy.Measure(truth, page.Text), 0.745, 1.0);
    }

    [Fact]
    public async Task A_cell_PP_OCR_cannot_read_takes_tesseracts_character_with_a_low_confidence()
    {
        var (page, truth) = await ReadAsync("wltk-j213-16a");

        // 謂 and 師 are not in PP-OCR's character list: it read nothing in their cells, which were 〓; tesseract reads them.
        Assert.Contains("共工有子謂後世", page.Text, StringComparison.Ordinal);
        Assert.Contains("為民師而命", page.Text, StringComparison.Ordinal);
        var filled = page.Lines.SelectMany(l => l.Glyphs).Where(g => g.Text is "謂" or "師").ToList();
        Assert.NotEmpty(filled);
        // One reader, the weaker one on this page: its characters count for less than half of what tesseract says.
        Assert.All(filled, g => Assert.InRange(g.Confidence, 0.0, 0.5));
        // 81.2 % before (bench/RESULTS.md).
        Assert.InRange(CharacterAccuracy.Measure(truth, page.Text), 0.82, 1.0);
    }
}
