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
}
