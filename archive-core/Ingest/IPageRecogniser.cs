using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Ingest;

/// <summary>
/// The OCR step of ingest: reads a master image into characters with boxes. Implemented outside the
/// archive (recognition/, with tesseract, ONNX Runtime and SkiaSharp) and handed to <see cref="IngestRunner"/>
/// by the host, so that what reads the archive (IIIF, search, halls) never loads an OCR engine.
/// </summary>
public interface IPageRecogniser
{
    /// <summary>Names the engine's behaviour: a new value makes ingest recognise cached pages again.</summary>
    string Version { get; }

    /// <summary>Recognises one page image of <paramref name="item"/> (its collection, script and layout choose the models).</summary>
    Task<OcrPage> RecogniseAsync(string imagePath, Item item, CancellationToken ct);
}
