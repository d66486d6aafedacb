using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Transcription;

/// <summary>A page's transcription with a box for every inked character.</summary>
/// <param name="Width">Page image width in pixels.</param>
/// <param name="Height">Page image height in pixels.</param>
/// <param name="Lines">One entry per transcription line, blank lines included.</param>
public sealed record AlignedPage(int Width, int Height, IReadOnlyList<AlignedLine> Lines)
{
    /// <summary>The leaves the page's 版心 numbers, as the OCR read them: the aligned text keeps them (<see cref="OcrPage.Folios"/>).</summary>
    public IReadOnlyList<PrintedFolio> Folios { get; init; } = [];

    /// <summary>All aligned characters in reading order.</summary>
    public IEnumerable<AlignedChar> Chars => Lines.SelectMany(l => l.Chars);

    /// <summary>Share of characters the OCR confirmed (0 for a page without characters).</summary>
    public double ConfirmedFraction
    {
        get
        {
            var total = 0;
            var confirmed = 0;
            foreach (var c in Chars)
            {
                total++;
                if (c.Status == AlignmentStatus.Confirmed) confirmed++;
            }
            return total == 0 ? 0 : (double)confirmed / total;
        }
    }

    /// <summary>
    /// The page as OCR output whose text is the transcription: one <see cref="OcrLine"/> per non-blank
    /// transcription line, glyph confidence from <see cref="AlignedChar.Confidence"/>, and the page's folios.
    /// </summary>
    public OcrPage ToOcrPage() => new(
        Width,
        Height,
        Lines.Where(l => l.Chars.Count > 0)
            .Select(l => new OcrLine(l.Box, l.Chars.Select(c => new OcrGlyph(c.Char.Text, c.Box, c.Confidence)).ToArray()))
            .ToArray()) { Folios = Folios };
}
