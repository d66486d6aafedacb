namespace QyHeritage.Recognition;

/// <summary>
/// The course of a column rule down its frame, followed where it drifts. A rule cut by hand in a woodblock, on a page that
/// lies warped under the camera, wanders along its length by more than its own width (a Ming print: the line of most
/// coverage 1 px wide, the rule 15–20 px wide and 5–15 px off that line at the frame's foot); cleared only around the
/// line found, it is left at the feet of the columns as a stroke that is read as a character.
/// </summary>
internal static class RuleCourse
{
    /// <summary>
    /// The rule as short bands <paramref name="width"/> wide, one every two widths of its length, each centred on the
    /// darkest stretch of that width near the one before it: over [<paramref name="start"/>, <paramref name="end"/>),
    /// where the rule was found, and on beyond it within [<paramref name="top"/>, <paramref name="bottom"/>) while its
    /// ink goes on with no gap longer than a tenth of its found length (a worn rule's dashes over the upper half of a Ming
    /// print, outside the long runs that found it). The course starts at <paramref name="centre"/> in the middle of the
    /// found length, moves at most half a width from one band to the next (a stroke beside the rule does not pull it
    /// away), and no further than a width from where it started.
    /// </summary>
    public static List<RuleBand> Follow(InkImage page, int centre, int width, int start, int end, int top, int bottom)
    {
        var bands = new List<RuleBand>();
        width = Math.Max(2, width);
        top = Math.Max(0, Math.Min(top, start));
        bottom = Math.Min(page.Height, Math.Max(bottom, end));
        if (end - start < width) return bands;
        var step = Math.Max(8, width * 2);
        var reach = Math.Max(1, width / 2);
        var maxGap = Math.Max(step, (end - start) / 10);
        var middle = (start + end) / 2;
        foreach (var down in new[] { true, false })
        {
            var c = centre;
            var kept = bands.Count;
            var gap = 0;
            for (var y0 = down ? middle : middle - step; down ? y0 < bottom : y0 + step > top; y0 += down ? step : -step)
            {
                int a = Math.Max(top, y0), b = Math.Min(bottom, y0 + step);
                if (b <= a) continue;
                var beyond = down ? a >= end : b <= start;
                // Past its found length the rule ends at a line across it (a double frame's inner line): cleared where
                // it crosses, that line would be left in pieces too short to be taken for a rule, and read as 一 (a
                // half-folio of the Siku facsimile).
                // The stretch next to the line is left too: joined to the rule's stub, the line's pieces are cleared as
                // no column's own (InkPieces).
                if (beyond && Across(page, c, width, a, b, down)) break;
                var at = Darkest(page, c, width, reach, a, b);
                if (at is { } x && Math.Abs(x - centre) <= width) c = x;
                gap = at is null ? gap + (b - a) : 0;
                if (beyond && gap > maxGap) break;
                var from = Math.Max(0, c - width / 2);
                bands.Add(new RuleBand(true, from, Math.Min(page.Width, from + width), a, b));
                if (!beyond || at is not null) kept = bands.Count;
            }
            // Beyond the found length, the course ends at its last ink.
            bands.RemoveRange(kept, bands.Count - kept);
        }
        return bands;
    }

    /// <summary>
    /// The centre of the stretch <paramref name="width"/> wide, within <paramref name="reach"/> of <paramref name="c"/>,
    /// that holds the most ink in rows [<paramref name="y0"/>, <paramref name="y1"/>); null when none holds ink over a
    /// quarter of its area (a gap in a dashed rule: the course keeps on as it was).
    /// </summary>
    private static int? Darkest(InkImage page, int c, int width, int reach, int y0, int y1)
    {
        int x0 = Math.Max(0, c - width / 2 - reach), x1 = Math.Min(page.Width, c - width / 2 + width + reach);
        if (x1 - x0 < width) return null;
        var cols = new int[x1 - x0];
        for (var y = y0; y < y1; y++)
        {
            var row = y * page.Width;
            for (var x = x0; x < x1; x++) if (page.Ink[row + x] != 0) cols[x - x0]++;
        }
        int sum = 0, best = -1, bestAt = 0;
        for (var i = 0; i < cols.Length; i++)
        {
            sum += cols[i];
            if (i >= width) sum -= cols[i - width];
            if (i < width - 1) continue;
            // Ties go to the stretch nearest the course (the first of equal sums lies left of it).
            var start = i - width + 1;
            if (sum > best || sum == best && Math.Abs(start + width / 2 + x0 - c) < Math.Abs(bestAt + width / 2 + x0 - c)) { best = sum; bestAt = start; }
        }
        if (best < width * (y1 - y0) / 4) return null;
        return x0 + bestAt + width / 2;
    }

    /// <summary>
    /// Whether a row of [<paramref name="y0"/>, <paramref name="y1"/>) has ink running on from the rule two widths to one
    /// side: a line across the rule (a worn one may be broken on the other side), or a stroke that touches it, where the
    /// course had better stop too.
    /// </summary>
    private static bool Across(InkImage page, int c, int width, int y0, int y1, bool down)
    {
        int from = Math.Max(0, c - width / 2), to = Math.Min(page.Width, c - width / 2 + width);
        for (var i = 0; i < y1 - y0; i++)
        {
            var y = down ? y0 + i : y1 - 1 - i;
            var row = y * page.Width;
            var at = -1;
            for (var x = from; x < to && at < 0; x++) if (page.Ink[row + x] != 0) at = x;
            if (at < 0) continue;
            int lo = at, hi = at;
            while (lo > 0 && page.Ink[row + lo - 1] != 0) lo--;
            while (hi + 1 < page.Width && page.Ink[row + hi + 1] != 0) hi++;
            if (from - lo >= width * 2 || hi - to >= width * 2) return true;
        }
        return false;
    }
}
