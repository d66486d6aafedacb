using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Transcription;

/// <summary>A transcription character placed on the page.</summary>
/// <param name="Char">The transcription character (the text of record).</param>
/// <param name="Box">Its box in page pixels, always inside the page.</param>
/// <param name="Status">Whether the box comes from the OCR or was interpolated.</param>
/// <param name="Glyph">The OCR glyph whose box it took, for <see cref="AlignmentStatus.Confirmed"/> and <see cref="AlignmentStatus.Substituted"/>.</param>
public sealed record AlignedChar(TranscribedChar Char, Box Box, AlignmentStatus Status, OcrGlyph? Glyph)
{
    /// <summary>The confidence written to <see cref="OcrGlyph.Confidence"/> when the page becomes an <see cref="OcrPage"/>.</summary>
    public double Confidence => Status switch
    {
        AlignmentStatus.Confirmed => 1.0,
        AlignmentStatus.Substituted => 0.5,
        AlignmentStatus.Interpolated => 0.25,
        _ => 0.0,
    };
}
