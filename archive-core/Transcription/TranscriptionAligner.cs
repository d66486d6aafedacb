using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Transcription;

/// <summary>
/// Gives every character of a page's transcription a box on the page image, using OCR output for
/// geometry only: the transcription is the text of record, the OCR text just tells where it is.
/// </summary>
public static class TranscriptionAligner
{
    /// <summary>
    /// Aligns the transcription with the OCR glyphs in reading order (global sequence alignment), takes
    /// the boxes of the glyphs that agree (or that stand in the same place with another reading), and
    /// interpolates the rest along their line, or estimates whole lines from their neighbours.
    /// </summary>
    /// <param name="transcription">The page's transcription.</param>
    /// <param name="ocr">OCR of the same page image, lines in reading order.</param>
    /// <param name="layout">How the page's text runs; decides the direction of lines and of line order.</param>
    public static AlignedPage Align(Transcription transcription, OcrPage ocr, TextLayout layout)
    {
        ArgumentNullException.ThrowIfNull(transcription);
        ArgumentNullException.ThrowIfNull(ocr);
        if (ocr.Width <= 0 || ocr.Height <= 0) throw new ArgumentException($"OCR page has no size ({ocr.Width}×{ocr.Height}).", nameof(ocr));
        var pageAxis = new LineAxis(layout == TextLayout.VerticalRightToLeft);

        var anchorsByLine = FindAnchors(transcription, ocr);
        var axes = transcription.Lines.Select(l => LineAxisOf(anchorsByLine[l.Index], ocr, pageAxis)).ToArray();
        var metrics = PageMetrics.Measure(transcription, ocr, pageAxis, anchorsByLine);

        var frames = new LineFrame?[transcription.Lines.Count];
        var kept = new IReadOnlyList<Anchor>[transcription.Lines.Count];
        foreach (var line in transcription.Lines)
        {
            kept[line.Index] = [];
            if (LinePlacement.FromAnchors(anchorsByLine[line.Index], axes[line.Index], metrics) is { } placed)
            {
                frames[line.Index] = placed.Frame;
                kept[line.Index] = placed.Kept;
            }
        }
        var complete = LineEstimator.Complete(frames, transcription.Lines, pageAxis, metrics);

        var claimed = kept.SelectMany(k => k).Select(a => a.OcrLineIndex).ToHashSet();
        foreach (var line in transcription.Lines)
        {
            if (frames[line.Index] is not null || complete[line.Index] is not { } estimate) continue;
            if (LineRescue.Try(line, anchorsByLine[line.Index], ocr, claimed, estimate, pageAxis, metrics) is { } rescued)
            {
                complete[line.Index] = rescued.Frame;
                kept[line.Index] = rescued.Kept;
                claimed.UnionWith(rescued.Kept.Select(a => a.OcrLineIndex));
            }
        }

        var lines = transcription.Lines
            .Select(l => PlaceLine(l, complete[l.Index], kept[l.Index], ocr, pageAxis))
            .ToArray();
        return new AlignedPage(ocr.Width, ocr.Height, lines) { Folios = ocr.Folios };
    }

    /// <summary>Runs the sequence alignment and groups its pairs by transcription line.</summary>
    private static IReadOnlyList<Anchor>[] FindAnchors(Transcription transcription, OcrPage ocr)
    {
        var glyphs = new List<(OcrGlyph Glyph, int Line)>();
        for (var l = 0; l < ocr.Lines.Count; l++)
        {
            foreach (var g in ocr.Lines[l].Glyphs)
            {
                // A box reaching outside the page (or empty) cannot be handed on as a character's box.
                if (!string.IsNullOrWhiteSpace(g.Text) && InsidePage(g.Box, ocr)) glyphs.Add((g, l));
            }
        }
        var ocrKeys = glyphs.Select(g => MatchKey.Of(FirstElement(g.Glyph.Text))).ToArray();
        var pairs = SequenceAlignment.Align(transcription.MatchKeys, ocrKeys);
        // Two glyphs of one OCR line in the very same box: the reader put two characters in one cell (and none in a
        // neighbour's), so that box is not where either of them surely is. Trusting the first would shift a run of
        // characters by one; both are placed by their neighbours instead.
        var shared = glyphs.GroupBy(g => (g.Line, g.Glyph.Box)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();

        var byLine = transcription.Lines.Select(_ => new List<Anchor>()).ToArray();
        var indexInLine = new int[transcription.Lines.Count];
        for (var i = 0; i < transcription.Characters.Count; i++)
        {
            var c = transcription.Characters[i];
            var local = indexInLine[c.LineIndex]++;
            var j = pairs[i];
            if (j < 0 || shared.Contains((glyphs[j].Line, glyphs[j].Glyph.Box))) continue;
            var confirmed = SequenceAlignment.IsMatch(transcription.MatchKeys[i], ocrKeys[j]);
            byLine[c.LineIndex].Add(new Anchor(local, c, glyphs[j].Glyph, glyphs[j].Line, confirmed));
        }
        return byLine;
    }

    /// <summary>
    /// A line runs the page's way unless the OCR line holding most of its confirmed glyphs is clearly
    /// the other shape (a horizontal masthead over vertical newspaper columns).
    /// </summary>
    private static LineAxis LineAxisOf(IReadOnlyList<Anchor> anchors, OcrPage ocr, LineAxis pageAxis)
    {
        var main = anchors.Where(a => a.Confirmed).GroupBy(a => a.OcrLineIndex).OrderByDescending(g => g.Count()).FirstOrDefault();
        if (main is null || main.Count() < 2) return pageAxis;
        return LineRescue.ShapeOf(ocr.Lines[main.Key].Box) ?? pageAxis;
    }

    /// <summary>
    /// Boxes for the characters of one line: anchored ones keep their glyph's box, the others sit at
    /// their cell on the line's frame, note characters in their half of the line.
    /// </summary>
    private static AlignedLine PlaceLine(TranscriptionLine line, LineFrame? frame, IReadOnlyList<Anchor> kept, OcrPage ocr, LineAxis pageAxis)
    {
        var ink = line.InkChars.ToArray();
        if (ink.Length == 0 || frame is null) return new AlignedLine(line, default, pageAxis.Vertical, []);

        var byIndex = kept.ToDictionary(a => a.CharIndex);
        var fallbackStatus = frame.Anchored ? AlignmentStatus.Interpolated : AlignmentStatus.Estimated;
        var chars = new AlignedChar[ink.Length];
        for (var i = 0; i < ink.Length; i++)
        {
            var c = ink[i];
            if (byIndex.TryGetValue(i, out var anchor))
            {
                var status = anchor.Confirmed ? AlignmentStatus.Confirmed : AlignmentStatus.Substituted;
                chars[i] = new AlignedChar(c, anchor.Glyph.Box, status, anchor.Glyph);
                continue;
            }

            var axis = frame.Axis;
            // Every box of the line is clamped with the same along size, so running off the page keeps the order.
            var crossSize = c.Side == NoteSide.None ? frame.CrossSize : frame.CrossSize / 2;
            var cellAlong = Math.Min(frame.CharAlong, 0.95 * frame.Pitch);
            var center = axis.ClampAlong(frame.AlongAt(c.MidCell), cellAlong, ocr.Width, ocr.Height);
            var box = axis.Make(
                center, cellAlong * Math.Min(1.0, c.Advance),
                frame.CrossCenter + axis.SideOffset(c.Side, frame.CrossSize), crossSize,
                ocr.Width, ocr.Height);
            chars[i] = new AlignedChar(c, box, fallbackStatus, null);
        }
        return new AlignedLine(line, Box.Union(chars.Select(c => c.Box)), frame.Axis.Vertical, chars);
    }

    private static bool InsidePage(Box b, OcrPage page) =>
        b.W > 0 && b.H > 0 && b.X >= 0 && b.Y >= 0 && b.Right <= page.Width && b.Bottom <= page.Height;

    /// <summary>The first character of a glyph's text: glyphs are expected to hold one character each.</summary>
    private static string FirstElement(string text) =>
        System.Globalization.StringInfo.GetNextTextElement(text.Trim(), 0);
}
