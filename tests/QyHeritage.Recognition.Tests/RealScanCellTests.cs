using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// How the main text of a real page is cut into cells (TestData/real-scans, attribution in its README): 五禮通考 卷213
/// folio 17b of the 文淵閣四庫全書 facsimile, a copyist's hand whose characters keep the page's pitch only roughly, read
/// as the bench reads it (the glyph-template voter, the default reader).
/// </summary>
public class RealScanCellTests(SharedModels shared) : IClassFixture<SharedModels>
{
    private static readonly OcrProfile RareBook = OcrProfile.For(CollectionKind.RareBook, Script.Traditional, TextLayout.VerticalRightToLeft);

    [Fact]
    public async Task Characters_the_pitch_grid_cut_through_are_read_whole_where_the_cells_follow_the_ink()
    {
        using var ocr = new TesseractOcr(options: new TesseractOcrOptions(), models: shared.Models);
        var page = await ocr.RecogniseAsync(RealScanLayoutTests.Fixture("wltk-j213-17b.jpg"), RareBook);
        var truth = await File.ReadAllTextAsync(RealScanLayoutTests.Fixture("wltk-j213-17b.txt"));

        // 帝曰咨四岳: 帝's long stroke reaches into 曰's space; cut at the pitch, 曰 took it and read 白.
        Assert.Contains("帝曰", page.Text, StringComparison.Ordinal);
        // 古時一件大事故炎帝: 是's sweep and 古's stroke share rows; each cut a little into the next character, 時 lost
        // its hook (read 〓) and 炎 was read with 帝's head (契帶).
        Assert.Contains("古時", page.Text, StringComparison.Ordinal);
        Assert.Contains("故炎", page.Text, StringComparison.Ordinal);
        // 77.2 % before (ocr-11, bench/RESULTS.md), 78.9 % after.
        Assert.InRange(CharacterAccuracy.Measure(truth, page.Text), 0.78, 1.0);
    }
}
