using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Transcription;

/// <summary>A transcription character paired with an OCR glyph by the sequence alignment.</summary>
/// <param name="CharIndex">Index of the character among its line's inked characters.</param>
/// <param name="Char">The transcription character.</param>
/// <param name="Glyph">The OCR glyph it was aligned with.</param>
/// <param name="OcrLineIndex">Index of the glyph's line in the OCR page.</param>
/// <param name="Confirmed">True when the OCR read the same character, false for a substitution.</param>
internal readonly record struct Anchor(int CharIndex, TranscribedChar Char, OcrGlyph Glyph, int OcrLineIndex, bool Confirmed);
