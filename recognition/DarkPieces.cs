using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// The 8-connected pieces of a flattened grey page's pixels darker than a level that the ink mask left as paper
/// (<see cref="TrailingMarks"/>' dropped marks), each flooded once however many cells look at it: a dark region off the
/// ink near several cells of a column was flooded again for each. A piece keeps to the page inside its one-pixel rim.
/// </summary>
internal sealed class DarkPieces(InkImage page, byte[] flat, byte level)
{
    private readonly Dictionary<int, int> pieceOf = [];
    private readonly List<(Box Box, bool Touches)> pieces = [];
    private readonly Stack<int> stack = new();

    /// <summary>
    /// The piece that pixel <paramref name="i"/> (dark, not ink, inside the rim) lies in: its box, and whether it touches
    /// ink or the page's rim.
    /// </summary>
    public (Box Box, bool Touches) At(int i)
    {
        if (pieceOf.TryGetValue(i, out var known)) return pieces[known];
        int w = page.Width, h = page.Height, id = pieces.Count;
        int bx0 = i % w, bx1 = bx0, by0 = i / w, by1 = by0;
        var touches = false;
        pieceOf[i] = id;
        stack.Push(i);
        while (stack.Count > 0)
        {
            var j = stack.Pop();
            int cx = j % w, cy = j / w;
            bx0 = Math.Min(bx0, cx); bx1 = Math.Max(bx1, cx); by0 = Math.Min(by0, cy); by1 = Math.Max(by1, cy);
            for (var dy = -1; dy <= 1; dy++)
                for (var dx = -1; dx <= 1; dx++)
                {
                    int nx = cx + dx, ny = cy + dy;
                    if (nx < 1 || ny < 1 || nx >= w - 1 || ny >= h - 1) { touches = true; continue; }
                    var k = ny * w + nx;
                    if (page.Ink[k] != 0) touches = true;
                    else if (flat[k] < level && pieceOf.TryAdd(k, id)) stack.Push(k);
                }
        }
        pieces.Add((new Box(bx0, by0, bx1 - bx0 + 1, by1 - by0 + 1), touches));
        return pieces[id];
    }
}
