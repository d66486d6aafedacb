using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Transcription;

/// <summary>
/// Typical sizes on a page, from the OCR-confirmed characters when there are enough, otherwise from
/// the page and the transcription's own shape (lines and cells spread over the text area).
/// </summary>
/// <param name="CharAlong">Size of a main-text character along its line.</param>
/// <param name="CharCross">Size of a main-text character across its line.</param>
/// <param name="Pitch">Distance between the middles of neighbouring cells along a line.</param>
/// <param name="LinePitch">Distance between neighbouring lines.</param>
/// <param name="Content">The area the text is printed in.</param>
internal sealed record PageMetrics(double CharAlong, double CharCross, double Pitch, double LinePitch, Box Content)
{
    /// <summary>Share of the page kept as margin when nothing on the page was read.</summary>
    private const double BlankPageMargin = 0.08;

    public static PageMetrics Measure(
        Transcription transcription,
        OcrPage ocr,
        LineAxis axis,
        IReadOnlyList<IReadOnlyList<Anchor>> anchorsByLine)
    {
        var confirmed = anchorsByLine.SelectMany(a => a).Where(a => a.Confirmed).ToArray();
        var content = ContentArea(ocr, confirmed);

        var lineCount = Math.Max(1, transcription.Lines.Count(l => !l.IsEmpty));
        var cellCount = Math.Max(1.0, transcription.Lines.Select(l => l.CellCount).DefaultIfEmpty(1).Max());
        var fallbackPitch = (axis.AlongEnd(content) - axis.AlongStart(content)) / cellCount;
        var fallbackLinePitch = (axis.CrossEnd(content) - axis.CrossStart(content)) / lineCount;

        // Punctuation and note glyphs are smaller than a character cell, so they do not vote on sizes.
        var body = confirmed.Where(a => a.Char.Flags == TranscribedCharFlags.None).Select(a => a.Glyph.Box).ToArray();
        var pitch = Median.Of(anchorsByLine.SelectMany(CellSteps), fallbackPitch);
        var charAlong = Median.Of(body.Select(axis.AlongSize), 0.85 * pitch);
        var charCross = Median.Of(body.Select(axis.CrossSize), Math.Min(charAlong, 0.85 * fallbackLinePitch));
        return new PageMetrics(charAlong, charCross, pitch, fallbackLinePitch, content);

        // Along-line distance per cell between consecutive confirmed glyphs of one line.
        IEnumerable<double> CellSteps(IReadOnlyList<Anchor> line)
        {
            var sorted = line.Where(a => a.Confirmed).OrderBy(a => a.Char.MidCell).ToArray();
            for (var i = 1; i < sorted.Length; i++)
            {
                var cells = sorted[i].Char.MidCell - sorted[i - 1].Char.MidCell;
                var step = axis.AlongCenter(sorted[i].Glyph.Box) - axis.AlongCenter(sorted[i - 1].Glyph.Box);
                if (cells >= 1 && step > 0) yield return step / cells;
            }
        }
    }

    private static Box ContentArea(OcrPage ocr, IReadOnlyList<Anchor> confirmed)
    {
        var page = new Box(0, 0, ocr.Width, ocr.Height);
        // Everything the OCR saw, page furniture included: a column the OCR missed entirely still lies
        // inside it, while the confirmed glyphs alone would leave that column out.
        var area = Box.Union(ocr.Lines.SelectMany(l => l.Glyphs).Select(g => g.Box).Concat(confirmed.Select(a => a.Glyph.Box)));
        if (area.W <= 0 || area.H <= 0)
        {
            var mx = (int)(ocr.Width * BlankPageMargin);
            var my = (int)(ocr.Height * BlankPageMargin);
            area = new Box(mx, my, Math.Max(1, ocr.Width - 2 * mx), Math.Max(1, ocr.Height - 2 * my));
        }
        return Intersect(area, page);
    }

    private static Box Intersect(Box a, Box b)
    {
        var x0 = Math.Max(a.X, b.X);
        var y0 = Math.Max(a.Y, b.Y);
        var x1 = Math.Min(a.Right, b.Right);
        var y1 = Math.Min(a.Bottom, b.Bottom);
        return x1 > x0 && y1 > y0 ? new Box(x0, y0, x1 - x0, y1 - y0) : b;
    }
}
