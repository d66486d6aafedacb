namespace QyHeritage.Archive.Transcription;

/// <summary>
/// Decides which aligned glyphs of one transcription line can be trusted as anchors, and builds the
/// line's frame from them. Sequence alignment alone can pair a character with a glyph in another
/// column (a common character such as 縣 read elsewhere); geometry rejects those.
/// </summary>
internal static class LinePlacement
{
    /// <summary>A glyph this many typical sizes large is a merged or broken OCR box, not a character.</summary>
    private const double MaxSizeRatio = 3.0;

    /// <summary>A character glyph narrower than this share of a line is a sliver, not the character.</summary>
    private const double MinCrossRatio = 0.35;

    /// <summary>How far (in line widths) a glyph may sit from the line's middle and still belong to it.</summary>
    private const double MaxCrossOffset = 0.6;

    /// <summary>Allowed along-line distance per cell between consecutive anchors, relative to the page pitch.</summary>
    private const double MinStepRatio = 0.3, MaxStepRatio = 3.0;

    /// <summary>How far (in pitches) a weak anchor may lie from where the strong anchors put its cell.</summary>
    private const double MaxWeakOffset = 1.0;

    private const int StrongWeight = 3, WeakWeight = 1;

    /// <summary>
    /// The frame of a line from its aligned glyphs, and the anchors kept; null when none survive.
    /// </summary>
    public static (LineFrame Frame, IReadOnlyList<Anchor> Kept)? FromAnchors(
        IReadOnlyList<Anchor> aligned, LineAxis axis, PageMetrics metrics)
    {
        var plausible = aligned.Where(a => Plausible(a, axis, metrics)).ToArray();

        // Only a character the OCR read the same, and that is not a mere punctuation mark, proves that an
        // OCR line is this transcription line. Everything else must come from such an OCR line: this
        // keeps substitutions from pairing a column the OCR missed with page furniture it did read.
        var proven = plausible.Where(IsStrong).Select(a => a.OcrLineIndex).ToHashSet();
        if (proven.Count == 0) return null;
        var voters = plausible.Where(IsStrong).ToArray();
        var crossCenter = Median.Of(voters.Select(a => axis.LineCenterFrom(a.Glyph.Box, a.Char.Side)), double.NaN);
        var mainSizes = voters.Where(a => a.Char.Side == NoteSide.None).Select(a => axis.CrossSize(a.Glyph.Box));
        var crossSize = Median.Of(mainSizes, metrics.CharCross);
        var tolerance = MaxCrossOffset * Math.Max(crossSize, metrics.CharCross);
        var inLine = plausible
            .Where(a => proven.Contains(a.OcrLineIndex))
            .Where(a => Math.Abs(axis.LineCenterFrom(a.Glyph.Box, a.Char.Side) - crossCenter) <= tolerance)
            .ToArray();

        // Strong anchors alone set out the line; weak ones (substitutions, punctuation) are kept only
        // where that line expects them, since next to text the OCR garbled they are often shifted.
        var linePitch = ScaledPitch(crossSize, metrics);
        var strong = MonotoneChain(inLine.Where(IsStrong).ToArray(), axis, linePitch);
        if (strong.Count == 0) return null;
        var provisional = Frame(strong, axis, crossCenter, crossSize, linePitch, metrics);
        var weak = inLine.Where(a => !IsStrong(a)).Where(a =>
            Math.Abs(axis.AlongCenter(a.Glyph.Box) - provisional.AlongAt(a.Char.MidCell)) <= MaxWeakOffset * provisional.Pitch);
        var kept = MonotoneChain([.. strong, .. weak], axis, linePitch);

        // Recentre on the kept strong anchors, now that outliers are gone.
        crossCenter = Median.Of(kept.Where(IsStrong).Select(a => axis.LineCenterFrom(a.Glyph.Box, a.Char.Side)), crossCenter);
        return (Frame(kept, axis, crossCenter, crossSize, linePitch, metrics), kept);
    }

    /// <summary>
    /// The frame of a line the OCR read but got (nearly) every character wrong, from the substitutions
    /// into one OCR line no other transcription line claims. The caller decides whether that OCR line
    /// can be this line; here only the geometry is checked.
    /// </summary>
    public static (LineFrame Frame, IReadOnlyList<Anchor> Kept)? FromOcrLine(
        IReadOnlyList<Anchor> fromThatLine, LineAxis axis, PageMetrics metrics)
    {
        var plausible = fromThatLine.Where(a => Plausible(a, axis, metrics)).ToArray();
        if (plausible.Length == 0) return null;
        var crossCenter = Median.Of(plausible.Select(a => axis.LineCenterFrom(a.Glyph.Box, a.Char.Side)), double.NaN);
        var crossSize = Median.Of(plausible.Where(a => a.Char.Side == NoteSide.None).Select(a => axis.CrossSize(a.Glyph.Box)), metrics.CharCross);
        var linePitch = ScaledPitch(crossSize, metrics);
        var kept = MonotoneChain(plausible, axis, linePitch);
        return kept.Count == 0 ? null : (Frame(kept, axis, crossCenter, crossSize, linePitch, metrics), kept);
    }

    private static LineFrame Frame(IReadOnlyList<Anchor> anchors, LineAxis axis, double crossCenter, double crossSize, double linePitch, PageMetrics metrics)
    {
        var knots = anchors.Select(a => (a.Char.MidCell, axis.AlongCenter(a.Glyph.Box))).ToArray();
        var pitch = LocalPitch(knots, linePitch);
        var bodyAlong = anchors.Where(a => a.Char.Flags == TranscribedCharFlags.None).Select(a => axis.AlongSize(a.Glyph.Box));
        return new LineFrame(axis, crossCenter, crossSize, Median.Of(bodyAlong, metrics.CharAlong), pitch, knots, 0);
    }

    private static bool IsStrong(Anchor a) => a.Confirmed && (a.Char.Flags & TranscribedCharFlags.Punctuation) == 0;

    /// <summary>
    /// Rejects OCR boxes that cannot be one character: merged boxes several characters large, and
    /// slivers much narrower than a line (tesseract's vertical mode emits a few). Punctuation is
    /// legitimately tiny, and a stroke like 一 legitimately flat along the line, so only the
    /// across-line size has a lower bound.
    /// </summary>
    private static bool Plausible(Anchor a, LineAxis axis, PageMetrics metrics)
    {
        var box = a.Glyph.Box;
        if (axis.AlongSize(box) > MaxSizeRatio * metrics.CharAlong || axis.CrossSize(box) > MaxSizeRatio * metrics.CharCross) return false;
        if ((a.Char.Flags & TranscribedCharFlags.Punctuation) != 0) return true;
        var expectedCross = a.Char.Side == NoteSide.None ? metrics.CharCross : metrics.CharCross / 2;
        return axis.CrossSize(box) >= MinCrossRatio * expectedCross;
    }

    /// <summary>
    /// The heaviest subset of anchors whose along-line positions increase with their cells at a
    /// plausible pitch (weighted longest chain, O(k²) for the k anchors of one line). Anchors that
    /// share a cell (the two halves of a note) are not ordered against each other.
    /// </summary>
    private static List<Anchor> MonotoneChain(IReadOnlyList<Anchor> anchors, LineAxis axis, double pagePitch)
    {
        var sorted = anchors.OrderBy(a => a.Char.MidCell).ThenBy(a => axis.AlongCenter(a.Glyph.Box)).ToArray();
        var k = sorted.Length;
        var best = new int[k];
        var back = new int[k];
        for (var j = 0; j < k; j++)
        {
            var weight = IsStrong(sorted[j]) ? StrongWeight : WeakWeight;
            best[j] = weight;
            back[j] = -1;
            for (var i = 0; i < j; i++)
            {
                if (best[i] + weight > best[j] && Compatible(sorted[i], sorted[j])) { best[j] = best[i] + weight; back[j] = i; }
            }
        }

        var chain = new List<Anchor>();
        if (k == 0) return chain;
        var end = 0;
        for (var j = 1; j < k; j++) if (best[j] > best[end]) end = j;
        for (var j = end; j >= 0; j = back[j]) chain.Add(sorted[j]);
        chain.Reverse();
        return chain;

        bool Compatible(Anchor before, Anchor after)
        {
            var cells = after.Char.MidCell - before.Char.MidCell;
            var step = axis.AlongCenter(after.Glyph.Box) - axis.AlongCenter(before.Glyph.Box);
            if (cells == 0) return step >= 0;
            return step >= MinStepRatio * pagePitch * cells && step <= MaxStepRatio * pagePitch * cells;
        }
    }

    /// <summary>
    /// The pitch to expect on a line set in a clearly larger or smaller type than the page's body text
    /// (a newspaper headline): the page pitch scaled by the line's width, since characters are square.
    /// </summary>
    private static double ScaledPitch(double crossSize, PageMetrics metrics)
    {
        var scale = crossSize / metrics.CharCross;
        return scale is > 1.25 or < 0.8 ? metrics.Pitch * Math.Clamp(scale, 0.5, 3) : metrics.Pitch;
    }

    /// <summary>The line's own pitch from its first and last anchors when plausible, else the page's.</summary>
    private static double LocalPitch(IReadOnlyList<(double Cell, double Along)> knots, double pagePitch)
    {
        var cells = knots[^1].Cell - knots[0].Cell;
        if (cells < 2) return pagePitch;
        var pitch = (knots[^1].Along - knots[0].Along) / cells;
        return pitch >= 0.5 * pagePitch && pitch <= 2 * pagePitch ? pitch : pagePitch;
    }
}
