using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Transcription;

/// <summary>
/// Second chance for a line without a single confirmed character: the OCR may have read it, only
/// wrongly throughout (a masthead in display type, a subtitle in small type). If most of its
/// characters were paired with glyphs of one OCR line that no other line claims, and that OCR line
/// lies where the line should be, its glyph boxes are used as substitutions.
/// </summary>
internal static class LineRescue
{
    /// <summary>Share of the line's characters that must pair with the one OCR line.</summary>
    private const double MinPairedShare = 0.5;

    /// <summary>How far (in line widths) a same-orientation OCR line may lie from the estimated place.</summary>
    private const double MaxOffsetFromEstimate = 1.0;

    public static (LineFrame Frame, IReadOnlyList<Anchor> Kept)? Try(
        TranscriptionLine line,
        IReadOnlyList<Anchor> aligned,
        OcrPage ocr,
        ISet<int> claimedOcrLines,
        LineFrame estimate,
        LineAxis pageAxis,
        PageMetrics metrics)
    {
        var inkCount = line.InkChars.Count();
        var best = aligned.Where(a => !claimedOcrLines.Contains(a.OcrLineIndex))
            .GroupBy(a => a.OcrLineIndex)
            .OrderByDescending(g => g.Count())
            .FirstOrDefault();
        if (best is null || best.Count() < Math.Max(2, MinPairedShare * inkCount)) return null;

        var ocrLine = ocr.Lines[best.Key];
        var axis = ShapeOf(ocrLine.Box) ?? pageAxis;
        // A line running the page's way must sit where its neighbours put it; one running across the
        // page (a masthead over columns) cannot be checked that way, and is taken on the pairing alone.
        if (axis == pageAxis &&
            Math.Abs(axis.CrossCenter(ocrLine.Box) - estimate.CrossCenter) > MaxOffsetFromEstimate * estimate.CrossSize)
        {
            return null;
        }
        return LinePlacement.FromOcrLine(best.ToArray(), axis, metrics);
    }

    /// <summary>The frame an OCR line's shape implies, or null when it is too square to tell.</summary>
    public static LineAxis? ShapeOf(Box box)
    {
        if (box.W >= 2 * box.H) return new LineAxis(false);
        if (box.H >= 2 * box.W) return new LineAxis(true);
        return null;
    }
}
