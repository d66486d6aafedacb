namespace QyHeritage.Archive.Ocr;

/// <summary>
/// How far a page's OCR can be trusted: the mean of its characters' confidences, a character cell that no reader could
/// read (〓) counting as 0. Measured against the character accuracy of real and sample pages
/// (bench/ocr/accuracy.sh prints both; bench/RESULTS.md): below <see cref="NeedsTranscriptionBelow"/> a page's OCR is
/// not fit to stand for its text, and the page is flagged as needing a transcription.
/// </summary>
public static class OcrConfidence
{
    /// <summary>Pages whose OCR confidence is below this are flagged "needs transcription".</summary>
    public const double NeedsTranscriptionBelow = 0.8;

    /// <summary>The page's confidence, 0–1; 0 for a page where nothing was read.</summary>
    public static double Of(OcrPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        double sum = 0;
        var n = 0;
        foreach (var g in page.Lines.SelectMany(l => l.Glyphs))
        {
            if (string.IsNullOrWhiteSpace(g.Text)) continue;
            sum += g.Text == "〓" ? 0 : Math.Clamp(g.Confidence, 0, 1);
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    /// <summary>True when the page's OCR is too weak to stand for its text.</summary>
    public static bool NeedsTranscription(double confidence) => confidence < NeedsTranscriptionBelow;
}
