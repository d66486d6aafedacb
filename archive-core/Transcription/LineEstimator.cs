namespace QyHeritage.Archive.Transcription;

/// <summary>
/// Places lines that have no anchored character at all, from the lines around them: across, between
/// the neighbouring lines or one line pitch beyond the nearest; along, starting where the nearest
/// anchored line starts. Always inside the text area.
/// </summary>
internal static class LineEstimator
{
    /// <summary>
    /// Frames for every non-empty line: the anchored ones as given, the others estimated.
    /// </summary>
    /// <param name="frames">Per transcription line, its anchored frame or null.</param>
    /// <param name="lines">The transcription's lines.</param>
    /// <param name="axis">The page's reading frame.</param>
    /// <param name="metrics">Page metrics; its line pitch is replaced by the one measured here.</param>
    public static LineFrame?[] Complete(IReadOnlyList<LineFrame?> frames, IReadOnlyList<TranscriptionLine> lines, LineAxis axis, PageMetrics metrics)
    {
        // Count only printed lines: blank separator lines in the file take no column on the page.
        var ordinal = new int[lines.Count];
        var next = 0;
        for (var i = 0; i < lines.Count; i++) ordinal[i] = lines[i].IsEmpty ? -1 : next++;

        // Lines of another orientation (a horizontal masthead on a vertical page) say nothing about column pitch.
        var known = Enumerable.Range(0, lines.Count)
            .Where(i => ordinal[i] >= 0 && frames[i] is { } f && f.Axis == axis)
            .Select(i => (Ordinal: ordinal[i], Frame: frames[i]!))
            .ToArray();

        // Reading order runs right to left across columns, top to bottom across horizontal lines.
        var direction = axis.Vertical ? -1.0 : 1.0;
        var linePitch = Median.Of(
            known.Zip(known.Skip(1), (a, b) => direction * (b.Frame.CrossCenter - a.Frame.CrossCenter) / (b.Ordinal - a.Ordinal))
                .Where(p => p > 0),
            metrics.LinePitch);

        var result = frames.ToArray();
        for (var i = 0; i < lines.Count; i++)
        {
            if (ordinal[i] < 0 || result[i] is not null) continue;
            var k = ordinal[i];
            var before = known.LastOrDefault(x => x.Ordinal < k);
            var after = known.FirstOrDefault(x => x.Ordinal > k);
            var hasBefore = before.Frame is not null;
            var hasAfter = after.Frame is not null;

            double cross;
            if (hasBefore && hasAfter && direction * (after.Frame!.CrossCenter - before.Frame!.CrossCenter) > 0)
            {
                var t = (double)(k - before.Ordinal) / (after.Ordinal - before.Ordinal);
                cross = before.Frame.CrossCenter + t * (after.Frame.CrossCenter - before.Frame.CrossCenter);
            }
            else if (hasBefore && (!hasAfter || k - before.Ordinal <= after.Ordinal - k))
            {
                cross = before.Frame!.CrossCenter + direction * linePitch * (k - before.Ordinal);
            }
            else if (hasAfter)
            {
                cross = after.Frame!.CrossCenter - direction * linePitch * (after.Ordinal - k);
            }
            else
            {
                var start = axis.Vertical ? axis.CrossEnd(metrics.Content) : axis.CrossStart(metrics.Content);
                cross = start + direction * linePitch * (k + 0.5);
            }

            var nearest = !hasAfter || (hasBefore && k - before.Ordinal <= after.Ordinal - k) ? before.Frame : after.Frame;
            // Cell 0 may be an indentation above the first ink, so the origin is not clamped to the text area.
            var origin = nearest?.AlongAt(0) ?? axis.AlongStart(metrics.Content);
            var crossSize = nearest?.CrossSize ?? metrics.CharCross;
            cross = Clamp(cross, axis.CrossStart(metrics.Content) + crossSize / 2, axis.CrossEnd(metrics.Content) - crossSize / 2);
            result[i] = new LineFrame(axis, cross, crossSize, nearest?.CharAlong ?? metrics.CharAlong,
                nearest?.Pitch ?? metrics.Pitch, [], origin);
        }
        return result;
    }

    /// <summary>Clamp that tolerates an empty range (a text area narrower than one line): the range's middle.</summary>
    private static double Clamp(double value, double min, double max) =>
        min > max ? (min + max) / 2 : Math.Clamp(value, min, max);
}
