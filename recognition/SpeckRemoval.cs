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
        int w = page.Width, h = page.Height;
        var ink = page.Ink;
        var seen = new bool[ink.Length];
        var stack = new Stack<int>();
        var component = new List<int>();
        var removed = 0;
        for (var start = 0; start < ink.Length; start++)
        {
            if (ink[start] == 0 || seen[start]) continue;
            component.Clear();
            seen[start] = true;
            stack.Push(start);
            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                component.Add(i);
                int x = i % w, y = i / w;
                if (x < x0) x0 = x;
                if (x > x1) x1 = x;
                if (y < y0) y0 = y;
                if (y > y1) y1 = y;
                // 8-connected: anti-aliased diagonal strokes stay one component.
                for (var dy = -1; dy <= 1; dy++)
                {
                    var ny = y + dy;
                    if (ny < 0 || ny >= h) continue;
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var nx = x + dx;
                        if (nx < 0 || nx >= w) continue;
                        var n = ny * w + nx;
                        if (ink[n] == 0 || seen[n]) continue;
                        seen[n] = true;
                        stack.Push(n);
                    }
                }
            }
            int cw = x1 - x0 + 1, ch = y1 - y0 + 1;
            var hairline = (ch <= maxHairline && cw >= 6 * ch) || (cw <= maxHairline && ch >= 6 * cw);
            if (component.Count >= minArea && !hairline) continue;
            foreach (var i in component) ink[i] = 0;
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
        var stack = new Stack<int>();
        var component = new List<int>();
        foreach (var b in runs)
        {
            var seen = new bool[b.W * b.H];
            for (var y = b.Y; y < b.Bottom; y++)
            {
                for (var x = b.X; x < b.Right; x++)
                {
                    var local = (y - b.Y) * b.W + (x - b.X);
                    if (ink[y * w + x] == 0 || seen[local]) continue;
                    component.Clear();
                    seen[local] = true;
                    stack.Push(y * w + x);
                    int x0 = x, x1 = x, y0 = y, y1 = y;
                    while (stack.Count > 0)
                    {
                        var i = stack.Pop();
                        component.Add(i);
                        int cx = i % w, cy = i / w;
                        x0 = Math.Min(x0, cx); x1 = Math.Max(x1, cx); y0 = Math.Min(y0, cy); y1 = Math.Max(y1, cy);
                        for (var dy = -1; dy <= 1; dy++)
                        {
                            for (var dx = -1; dx <= 1; dx++)
                            {
                                int nx = cx + dx, ny = cy + dy;
                                if (nx < b.X || nx >= b.Right || ny < b.Y || ny >= b.Bottom) continue;
                                var n = ny * w + nx;
                                var nl = (ny - b.Y) * b.W + (nx - b.X);
                                if (ink[n] == 0 || seen[nl]) continue;
                                seen[nl] = true;
                                stack.Push(n);
                            }
                        }
                    }
                    if (component.Count >= maxArea || x1 - x0 + 1 > stroke || y1 - y0 + 1 > stroke) continue;
                    if (InkNear(page, x0 - stroke, y0 - stroke, x1 + stroke, y1 + stroke, x0, y0, x1, y1)) continue;
                    foreach (var i in component) { ink[i] = 0; page.Removed[i] = true; }
                    removed++;
                }
            }
        }
        return removed;
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
