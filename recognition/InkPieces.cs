using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Ink that reaches into a column from its neighbour: a stroke that crossed a removed rule keeps its pixels there (the
/// rule removal does not eat strokes), so a sliver of the next column's character lies in this column's space. Ink is
/// taken as the page's 8-connected pieces once, before any column is cleared; a piece with most of its pixels outside a
/// column's space is cleared from that space.
/// </summary>
internal sealed class InkPieces(InkImage page)
{
    private readonly ConnectedPieces _pieces = ConnectedPieces.Ink(page);

    /// <summary>Clears from the space the pixels of pieces that lie mostly outside it.</summary>
    public void ClearForeign(Box space)
    {
        var inside = new Dictionary<int, int>();
        foreach (var (run, piece) in _pieces.RunsInto(space)) inside[piece] = inside.GetValueOrDefault(piece) + Overlap(run, space);
        foreach (var (run, piece) in _pieces.RunsInto(space))
        {
            if (inside[piece] * 2 >= _pieces.AreaOf(piece)) continue;
            for (var x = Math.Max(run.X0, space.X); x <= Math.Min(run.X1, space.Right - 1); x++)
            {
                var k = run.Y * page.Width + x;
                if (page.Ink[k] == 0) continue;
                page.Ink[k] = 0;
                page.Removed[k] = true;
            }
        }
    }

    private static int Overlap(ConnectedPieces.Run run, Box space) =>
        Math.Max(0, Math.Min(run.X1 + 1, space.Right) - Math.Max(run.X0, space.X));
}
