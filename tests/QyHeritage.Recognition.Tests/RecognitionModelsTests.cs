using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// Recognition's models belong to the reader that loaded them and go with it (a host that ingested at first start
/// must not carry PP-OCR's session and the glyph templates while it serves); the next reader loads its own and reads
/// the same text. Needs the models that ./qy installs (tools/ocr-models).
/// </summary>
public class RecognitionModelsTests
{
    private static readonly OcrProfile RareBook = OcrProfile.For(CollectionKind.RareBook, Script.Traditional, TextLayout.VerticalRightToLeft);
    private static string Image => Path.Combine(TestPaths.SampleCollection, "rb02_gdtz_j04_yingde_jiangyu", "p001.jpg");

    [Fact]
    public async Task A_disposed_reader_releases_its_models_and_the_next_one_reads_the_same_text()
    {
        Assert.NotNull(PaddleModelFiles.Find());
        var first = new TesseractOcr();
        var text = (await first.RecogniseAsync(Image, RareBook)).Text;
        var models = first.Models;
        Assert.Equal((1, true), (models.OpenSessions, models.HoldsGlyphTemplates));

        first.Dispose();
        Assert.Equal((0, false, 1), (models.OpenSessions, models.HoldsGlyphTemplates, models.SessionsLoaded));
        // A released reader says so instead of running a freed native session.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => first.RecogniseAsync(Image, RareBook));

        using var next = new TesseractOcr();
        Assert.Equal(text, (await next.RecogniseAsync(Image, RareBook)).Text);
        Assert.Equal(1, next.Models.OpenSessions);
    }

    [Fact]
    public void Models_handed_in_stay_with_their_giver()
    {
        using var shared = new RecognitionModels();
        new TesseractOcr(models: shared).Dispose();
        new PageRecogniser(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, models: shared).Dispose();
        Assert.False(shared.IsDisposed);
    }
}
