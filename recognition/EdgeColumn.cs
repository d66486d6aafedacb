using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// A page cropped through its frame, or one whose outermost rule is worn past finding: the outermost column has no
/// rule beyond it, so it is no space between two rules and would be left out of the text.
/// </summary>
internal static class EdgeColumn
{
    /// <summary>
    /// The columns beyond the outermost rules (<paramref name="vRules"/> in order of x) that hold a column's worth of
    /// ink, or characters anywhere along the columns' reach (<see cref="RuledReach"/>). Not beyond a double border (its
    /// two lines a narrow space apart, the outermost of <paramref name="spaces"/>, in order of x): that is the frame
    /// itself, and beyond it lie the margin, the binding's thread and its paper tabs.
    /// </summary>
    public static IEnumerable<Box> Beyond(InkImage page, IReadOnlyList<Box> spaces, IReadOnlyList<RuleBand> vRules, int pitch, int top, int bottom)
    {
        var outer = new List<Box>();
        if (spaces[0].W >= pitch * 0.45)
            outer.Add(new Box(Math.Max(0, vRules[0].From - 1 - pitch), top, Math.Min(pitch, vRules[0].From - 1), bottom - top));
        if (spaces[^1].W >= pitch * 0.45)
            outer.Add(new Box(vRules[^1].To + 1, top, Math.Min(pitch, page.Width - vRules[^1].To - 1), bottom - top));
        (int Top, int Bottom)? reach = null;
        foreach (var edge in outer)
        {
            if (edge.W < pitch * 0.6) continue;
            var inked = PageLayout.RowCounts(page, edge).Count(c => c > 0);
            if (inked >= edge.H * 0.4) { yield return edge; continue; }
            // A heading set apart from the text (a Ming print's 游俠傳, above the frame found where its worn rules run
            // long): few rows of ink, but characters at the page's pitch, within the frame lines the columns reach to.
            reach ??= Reach(page, spaces, pitch, top, bottom);
            if (Characters(page, new Box(edge.X, reach.Value.Top, edge.W, reach.Value.Bottom - reach.Value.Top), pitch) >= 2) yield return edge;
        }
    }

    /// <summary>The rows the columns reach to (<see cref="RuledReach"/>): the frame lines beyond the frame the rules found.</summary>
    private static (int Top, int Bottom) Reach(InkImage page, IReadOnlyList<Box> spaces, int pitch, int top, int bottom)
    {
        var columns = spaces.Where(s => s.W >= pitch * 0.45).ToList();
        if (columns.Count == 0) return (top, bottom);
        var reached = RuledReach.Columns(page, new RuledPage(Box.Union(columns), columns));
        return (Math.Min(top, reached.Min(c => c.Y)), Math.Max(bottom, reached.Max(c => c.Bottom)));
    }

    /// <summary>
    /// How many characters the box holds: runs down it of ink pieces (a worn rule's slivers and specks left out) that
    /// make a character's height and width, a third of the pitch to a pitch and a third.
    /// </summary>
    private static int Characters(InkImage page, Box box, int pitch)
    {
        if (box.W <= 0 || box.H <= 0) return 0;
        var pieces = ConnectedPieces.Ink(page, box);
        var spans = new List<Box>();
        for (var k = 0; k < pieces.Count; k++)
        {
            var b = pieces.BoxOf(k);
            if (b.W < pitch / 12 && b.H < pitch / 12) continue;
            if (b.W < pitch / 8 && b.H > b.W * 3) continue;
            if (b.H > pitch * 1.5 || b.W > pitch * 1.5) continue;
            spans.Add(b);
        }
        var count = 0;
        var gap = Math.Max(2, pitch / 20);
        foreach (var run in Runs(spans.OrderBy(b => b.Y).ToList(), gap))
            if (run.H >= pitch / 3 && run.H <= pitch * 4 / 3 && run.W >= pitch / 3) count++;
        return count;
    }

    /// <summary>The pieces (in order of y) joined where they overlap down the box or lie within <paramref name="gap"/> of each other.</summary>
    private static IEnumerable<Box> Runs(List<Box> pieces, int gap)
    {
        Box? run = null;
        foreach (var b in pieces)
        {
            if (run is { } r && b.Y <= r.Bottom + gap) { run = Box.Union([r, b]); continue; }
            if (run is { } done) yield return done;
            run = b;
        }
        if (run is { } last) yield return last;
    }
}
