using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Clears connected ink components that cannot be text: dust and paper fibres (a few pixels), and the hairline
/// remains of a removed or light-coloured rule (a pixel or two thick, many long). Left in, a row of such specks
/// along a frame joins every column of the page in the projection profiles.
/// </summary>
internal static class SpeckRemoval
{
    public static int Remove(InkImage page, int minArea, int maxHairline)
    {
        // 8-connected: anti-aliased diagonal strokes stay one piece.
        var pieces = ConnectedPieces.Ink(page);
        var removed = 0;
        for (var p = 0; p < pieces.Count; p++)
        {
            var box = pieces.BoxOf(p);
            var hairline = (box.H <= maxHairline && box.W >= 6 * box.H) || (box.W <= maxHairline && box.H >= 6 * box.W);
            if (pieces.AreaOf(p) >= minArea && !hairline) continue;
            Clear(page, pieces, p, markRemoved: false);
            removed++;
        }
        return removed;
    }

    /// <summary>
    /// Clears, inside runs of full-size characters, a dot of ink far smaller than a stroke and apart from every stroke:
    /// dust or a flaw of the block beside a character (a speck beside 大 reads 太). A brush or a knife makes no dot
    /// smaller than its stroke is wide (丶 in 太 or 之 is about a stroke wide and half again as long), so a component
    /// under a third of a stroke's width squared in area, with no other ink within a stroke's width of it, is no part
    /// of a character. The stroke width is the median run of ink across the rows of these runs.
    /// </summary>
    /// <returns>How many dots were cleared.</returns>
    public static int RemoveIsolatedDots(InkImage page, IReadOnlyList<Box> runs)
    {
        int w = page.Width;
        var ink = page.Ink;
        var lengths = new List<int>();
        foreach (var b in runs)
        {
            for (var y = b.Y; y < b.Bottom; y++)
            {
                var run = 0;
                for (var x = b.X; x <= b.Right; x++)
                {
                    if (x < b.Right && ink[y * w + x] != 0) { run++; continue; }
                    if (run > 0) lengths.Add(run);
                    run = 0;
                }
            }
        }
        if (lengths.Count < 100) return 0;
        lengths.Sort();
        var stroke = lengths[lengths.Count / 2];
        if (stroke < 4) return 0;
        var maxArea = stroke * stroke / 3;
        var removed = 0;
        foreach (var b in runs)
        {
            // Taken run by run, each after the dots of the runs before it are cleared, and dot by dot in the order a scan
            // meets them: a dot cleared is no longer ink near the next.
            var pieces = ConnectedPieces.Ink(page, b);
            for (var p = 0; p < pieces.Count; p++)
            {
                var box = pieces.BoxOf(p);
                if (pieces.AreaOf(p) >= maxArea || box.W > stroke || box.H > stroke) continue;
                if (InkNear(page, box.X - stroke, box.Y - stroke, box.Right - 1 + stroke, box.Bottom - 1 + stroke, box.X, box.Y, box.Right - 1, box.Bottom - 1)) continue;
                Clear(page, pieces, p, markRemoved: true);
                removed++;
            }
        }
        return removed;
    }

    private static void Clear(InkImage page, ConnectedPieces pieces, int piece, bool markRemoved)
    {
        foreach (var run in pieces.RunsOf(piece))
        {
            var row = run.Y * page.Width;
            page.Ink.AsSpan(row + run.X0, run.Length).Clear();
            if (markRemoved) page.Removed.AsSpan(row + run.X0, run.Length).Fill(true);
        }
    }

    /// <summary>Whether the page has ink in the window outside the box (x0, y0)–(x1, y1).</summary>
    private static bool InkNear(InkImage page, int wx0, int wy0, int wx1, int wy1, int x0, int y0, int x1, int y1)
    {
        for (var y = Math.Max(0, wy0); y <= Math.Min(page.Height - 1, wy1); y++)
        {
            for (var x = Math.Max(0, wx0); x <= Math.Min(page.Width - 1, wx1); x++)
            {
                if (x >= x0 && x <= x1 && y >= y0 && y <= y1) continue;
                if (page.Ink[y * page.Width + x] != 0) return true;
            }
        }
        return false;
    }
}
