using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Vertical type sets ，。、 in the upper right of their own cell, right under the character before them. In small type
/// (a magazine's 10–12 px columns) the column's cells often take the two as one cell, and the readers then lose the mark
/// or read it into the character. Only small type is cut so: on the generated Republic-era book pages (20 px type) the
/// readers read such a cell as the character and its mark, and cut in two they read the mark twice (87.7 → 84.2 %,
/// bench/RESULTS.md); the newspapers' body, which is not small type, gained 0.7 point there and is left for a finer rule.
/// </summary>
internal static class TrailingMarks
{
    /// <summary>
    /// Each cell whose lowest piece of ink is a mark after its character is cut in two: the character (the cell down to
    /// the foot of its other ink) and the mark. A mark is one connected piece no bigger than a third of the column's
    /// character size either way, in the right half of the cell, its lower half below every other stroke of the cell; the
    /// rest is at least half a character high. The dots at a character's foot (灬 of 熱, the right foot of 六) end on
    /// the row its other strokes end on, and stay.
    /// </summary>
    public static List<Box> Split(InkImage page, IReadOnlyList<Box> cells, int charSize)
    {
        var result = new List<Box>(cells.Count + 4);
        foreach (var cell in cells)
        {
            if (Mark(page, cell, charSize) is { } split)
            {
                result.Add(split.Character);
                result.Add(split.Mark);
            }
            else result.Add(cell);
        }
        return result;
    }

    private static (Box Character, Box Mark)? Mark(InkImage page, Box cell, int charSize)
    {
        if (cell.W <= 0 || cell.H < charSize * 0.6 || cell.H > charSize * 2) return null;
        var pieces = Pieces(page, cell);
        if (pieces.Count < 2) return null;
        var mark = pieces.MaxBy(p => p.Bottom);
        if (mark.W < 2 || mark.H < 2 || mark.W > charSize / 3.0 || mark.H > charSize / 3.0) return null;
        if (mark.X + mark.W / 2.0 < cell.X + cell.W / 2.0) return null;
        var rest = Box.Union(pieces.Where(p => p != mark));
        if (rest.Bottom > mark.Y + mark.H / 2 || rest.Bottom - cell.Y < charSize * 0.5) return null;
        // The character ends where the mark begins: the rows they share would draw the mark's head into the character's
        // cell, read there as a mark of its own.
        var character = PageLayout.Tighten(page, new Box(cell.X, cell.Y, cell.W, Math.Min(rest.Bottom, mark.Y) - cell.Y));
        return character.W > 0 ? (character, mark) : null;
    }

    /// <summary>The boxes of the 8-connected pieces of ink inside the cell.</summary>
    private static List<Box> Pieces(InkImage page, Box cell)
    {
        var seen = new bool[cell.W * cell.H];
        var boxes = new List<Box>();
        var stack = new Stack<int>();
        for (var start = 0; start < seen.Length; start++)
        {
            if (seen[start] || page.Ink[(cell.Y + start / cell.W) * page.Width + cell.X + start % cell.W] == 0) continue;
            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var k = stack.Pop();
                int x = k % cell.W, y = k / cell.W;
                x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= cell.W || ny >= cell.H) continue;
                        var n = ny * cell.W + nx;
                        if (seen[n] || page.Ink[(cell.Y + ny) * page.Width + cell.X + nx] == 0) continue;
                        seen[n] = true;
                        stack.Push(n);
                    }
            }
            boxes.Add(new Box(cell.X + x0, cell.Y + y0, x1 - x0 + 1, y1 - y0 + 1));
        }
        return boxes;
    }
}
