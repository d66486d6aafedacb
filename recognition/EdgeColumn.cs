using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// A page cropped through its frame: the outermost column has no rule beyond it, so it is no space between two rules
/// and would be left out of the text.
/// </summary>
internal static class EdgeColumn
{
    /// <summary>
    /// The columns beyond the outermost rules (<paramref name="vRules"/> in order of x) that hold a column's worth of
    /// ink. Not beyond a double border (its two lines a narrow space apart, the outermost of <paramref name="spaces"/>,
    /// in order of x): that is the frame itself, and beyond it lie the margin, the binding's thread and its paper tabs.
    /// </summary>
    public static IEnumerable<Box> Beyond(InkImage page, IReadOnlyList<Box> spaces, IReadOnlyList<RuleBand> vRules, int pitch, int top, int bottom)
    {
        var outer = new List<Box>();
        if (spaces[0].W >= pitch * 0.45)
            outer.Add(new Box(Math.Max(0, vRules[0].From - 1 - pitch), top, Math.Min(pitch, vRules[0].From - 1), bottom - top));
        if (spaces[^1].W >= pitch * 0.45)
            outer.Add(new Box(vRules[^1].To + 1, top, Math.Min(pitch, page.Width - vRules[^1].To - 1), bottom - top));
        foreach (var edge in outer)
        {
            if (edge.W < pitch * 0.6) continue;
            var inked = PageLayout.RowCounts(page, edge).Count(c => c > 0);
            if (inked >= edge.H * 0.4) yield return edge;
        }
    }
}
