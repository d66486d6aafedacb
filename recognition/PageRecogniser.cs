using Microsoft.Extensions.Logging;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>The ingest's OCR step: <see cref="TesseractOcr"/> with the profile the item's catalogue entry chooses.</summary>
public sealed class PageRecogniser(ILoggerFactory loggers, TesseractOcrOptions? options = null) : IPageRecogniser
{
    private readonly TesseractOcr _ocr = new(loggers.CreateLogger<TesseractOcr>(), options);

    /// <summary>Bump when recognition changes in a way that should redo the pages ingest has cached (ocr-2: agreed cells take PP-OCR's box).</summary>
    public string Version => "ocr-2";

    public Task<OcrPage> RecogniseAsync(string imagePath, Item item, CancellationToken ct) =>
        _ocr.RecogniseAsync(imagePath, OcrProfile.For(item.Collection, item.Script, item.Layout), ct);
}
