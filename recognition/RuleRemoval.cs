namespace QyHeritage.Recognition;

/// <summary>A long straight ruled line found on the page (page pixels, inclusive start, exclusive end).</summary>
internal readonly record struct Rule(bool Vertical, int Position, int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// Removes long straight lines (column rules, frames, tier rules of newspapers) from the ink mask. tesseract's page
/// segmentation treats a rule as part of the text next to it or as a separator it cannot read past, and loses whole
/// columns (9 % accuracy seen with rules on the page).
/// </summary>
internal static class RuleRemoval
{
    /// <summary>
    /// Marks ink runs that are at least <paramref name="minLength"/> long along one axis, looking through a window three
    /// pixels wide so that a slightly skewed rule (scans are rarely straight) still reads as one run, and clears them.
    /// The shortest rule must be longer than any stroke or dash of the text (a vertical ——, about two characters).
    /// With <paramref name="horizontalOnly"/>, only the rules across the page (between tiers) are looked for.
    /// </summary>
    public static List<Rule> Remove(InkImage page, int minLength, bool horizontalOnly = false)
    {
        int w = page.Width, h = page.Height;
        var ink = page.Ink;
        var clear = new bool[ink.Length];
        var rules = new List<Rule>();

        // Vertical runs: the page is walked row by row, every column keeping the run it is in (a column's pixels lie a
        // row apart in memory, and a large page read column by column misses the cache at every pixel); the runs are then
        // taken column by column, top to bottom, as the rules join in that order.
        if (!horizontalOnly)
        {
            var starts = new int[w];
            Array.Fill(starts, -1);
            var runs = new List<(int Start, int End)>?[w];
            for (var y = 0; y <= h; y++)
            {
                var row = y * w;
                for (var x = 0; x < w; x++)
                {
                    var on = y < h && (ink[row + x] != 0 || (x > 0 && ink[row + x - 1] != 0) || (x + 1 < w && ink[row + x + 1] != 0));
                    if (on) { if (starts[x] < 0) starts[x] = y; continue; }
                    if (starts[x] >= 0 && y - starts[x] >= minLength) (runs[x] ??= []).Add((starts[x], y));
                    starts[x] = -1;
                }
            }
            for (var x = 0; x < w; x++)
                foreach (var (start, end) in runs[x] ?? [])
                {
                    for (var yy = start; yy < end; yy++) clear[yy * w + x] = true;
                    AddRule(rules, new Rule(true, x, start, end));
                }
        }
        // Horizontal runs.
        for (var y = 0; y < h; y++)
        {
            var runStart = -1;
            for (var x = 0; x <= w; x++)
            {
                var on = x < w && (ink[y * w + x] != 0 || (y > 0 && ink[(y - 1) * w + x] != 0) || (y + 1 < h && ink[(y + 1) * w + x] != 0));
                if (on) { if (runStart < 0) runStart = x; continue; }
                if (runStart >= 0 && x - runStart >= minLength)
                {
                    for (var xx = runStart; xx < x; xx++) clear[y * w + xx] = true;
                    AddRule(rules, new Rule(false, y, runStart, x));
                }
                runStart = -1;
            }
        }
        for (var i = 0; i < ink.Length; i++)
        {
            if (!clear[i]) continue;
            ink[i] = 0;
            page.Removed[i] = true;
        }
        return rules;
    }

    /// <summary>Adjacent pixel columns (rows) of one thick rule are kept as one rule.</summary>
    private static void AddRule(List<Rule> rules, Rule rule)
    {
        for (var i = rules.Count - 1; i >= 0 && i >= rules.Count - 8; i--)
        {
            var r = rules[i];
            if (r.Vertical == rule.Vertical && rule.Position - r.Position <= 3 && rule.Start < r.End && r.Start < rule.End)
            {
                rules[i] = new Rule(r.Vertical, rule.Position, Math.Min(r.Start, rule.Start), Math.Max(r.End, rule.End));
                return;
            }
        }
        rules.Add(rule);
    }
}
