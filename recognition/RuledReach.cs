using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// A ruled page's columns reach to its frame lines. The frame is found where its column rules run long and unbroken;
/// on a worn print the rules are broken over part of the page (a Ming print's upper half), and the frame found stops
/// short of its top or bottom line, leaving the characters beyond out of every column. Where a line across most of the
/// page lies beyond the frame found, further than a rule's width, the columns are taken on to it.
/// </summary>
internal static class RuledReach
{
    /// <summary>The page's columns, each taken on up and down to the frame lines beyond it (unchanged where none is found).</summary>
    public static IReadOnlyList<Box> Columns(InkImage page, RuledPage ruled)
    {
        var box = ruled.Box;
        if (ruled.Columns.Count == 0 || box.W <= 0 || box.H <= 0) return ruled.Columns;
        var near = Math.Max(8, ruled.Columns.Select(c => c.W).Order().ElementAt(ruled.Columns.Count / 2) / 4);
        var top = Line(page, box, box.Y - 1, -1, Math.Max(0, box.Y - box.H), near);
        var bottom = Line(page, box, box.Bottom, 1, Math.Min(page.Height - 1, box.Bottom + box.H), near);
        if (top is null && bottom is null) return ruled.Columns;
        return ruled.Columns.Select(c =>
        {
            var y0 = top is { } t ? Math.Min(c.Y, t + 1) : c.Y;
            var y1 = bottom is { } b ? Math.Max(c.Bottom, b) : c.Bottom;
            return new Box(c.X, y0, c.W, y1 - y0);
        }).ToList();
    }

    /// <summary>
    /// The first row from <paramref name="from"/> in direction <paramref name="step"/> inked (or cleared as a rule)
    /// across 70 % of the frame's width: its inner edge; null when it lies within <paramref name="near"/> rows (the
    /// frame found is right) or none does before <paramref name="limit"/>.
    /// </summary>
    private static int? Line(InkImage page, Box frame, int from, int step, int limit, int near)
    {
        for (var y = from; step < 0 ? y >= limit : y <= limit; y += step)
        {
            var row = y * page.Width;
            var covered = 0;
            for (var x = frame.X; x < frame.Right; x++) if (page.Ink[row + x] != 0 || page.Removed[row + x]) covered++;
            if (covered < frame.W * 0.7) continue;
            return Math.Abs(y - from) <= near ? null : y;
        }
        return null;
    }
}
