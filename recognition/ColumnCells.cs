using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Cuts a vertical column into its character cells. Printed and hand-copied Chinese is set on a grid: one character
/// per cell, cells of one pitch down the column. The pitch and phase come from the full-size characters (a blank row
/// between the strokes of 二 or 三 must not cut them in two, and a comma must not be joined to its neighbour).
/// </summary>
internal static class ColumnCells
{
    /// <summary>
    /// Cells of about a known pitch (the page's grid), each boundary on a row that crosses little ink, so that touching
    /// characters are still cut between them.
    /// </summary>
    /// <param name="keepMarks">Punctuated type: a cell of a few pixels is a mark of punctuation (，、。 at 10–12 px are
    /// 2–4 px across), not a speck, when its box covers 3 % of a pitch square (a 2×2 speck at a 12 px pitch does not).</param>
    public static List<Box> Grid(InkImage page, Box column, double pitch, bool keepMarks = false)
    {
        var rows = PageLayout.RowCounts(page, column);
        if (pitch < 4 || rows.Length < pitch * 0.6) return Cells(page, column);
        var bounds = Boundaries(rows, pitch);
        // Where the grid must cut through strokes — a copyist's characters set unevenly, a long stroke reaching into the
        // next character's space, the last characters squeezed to fit the column — the cells follow the ink instead.
        if (!keepMarks && bounds.Skip(1).SkipLast(1).Any(b => rows[b] > 0)) bounds = InkBoundaries(rows, pitch);
        var cells = new List<Box>();
        for (var k = 0; k + 1 < bounds.Count; k++)
        {
            int y0 = column.Y + bounds[k], y1 = column.Y + bounds[k + 1];
            if (y1 <= y0) continue;
            var cell = PageLayout.Tighten(page, new Box(column.X, y0, column.W, y1 - y0));
            if (keepMarks && SplitMark(page, cell, pitch) is { } split)
            {
                cells.Add(split.First);
                cells.Add(split.Second);
                continue;
            }
            // A speck, or a sliver of the next character's stroke across a boundary, is not a cell: a character is at
            // least a third of the pitch one way (一 is wide and flat, 丨 narrow and tall).
            if (cell.W > 0 && (cell.W >= pitch * 0.3 || cell.H >= pitch * 0.3 || keepMarks && cell.W >= 2 && cell.H >= 2 && cell.W * cell.H >= pitch * pitch * 0.03)) cells.Add(cell);
        }
        return cells;
    }

    /// <summary>
    /// Boundaries by dynamic programming rather than one phase for the whole column: a carver's characters keep the
    /// page's pitch only roughly (a column of 22 characters may run 3 % short of the grid, most of a character by its
    /// end), so each cell may be from four fifths to six fifths of the pitch, its boundary where a row crosses the least
    /// ink, and a step off the pitch costs a little. Rows from the column's top; its foot is the last boundary.
    /// </summary>
    private static List<int> Boundaries(int[] rows, double pitch)
    {
        var n = rows.Length;
        // A boundary in front of row i cuts the ink of that row.
        var cross = new double[n + 1];
        for (var i = 1; i < n; i++) cross[i] = rows[i];
        int lo = Math.Max(1, (int)Math.Floor(pitch * 0.8)), hi = (int)Math.Ceiling(pitch * 1.2);
        // A step off the pitch by a fifth costs as much as crossing a tenth of a column's width in ink.
        var offPitch = Math.Max(1.0, rows.Max() * 0.1) / (pitch * 0.2);
        var best = new double[n + 1];
        var from = new int[n + 1];
        for (var i = 0; i <= n; i++)
        {
            // The first cell starts at the column's top: any row within the first pitch may close it.
            best[i] = i < hi ? cross[i] : double.MaxValue;
            from[i] = 0;
            for (var step = lo; step <= hi && step <= i; step++)
            {
                var prev = best[i - step];
                if (prev == double.MaxValue) continue;
                var cost = prev + cross[i] + offPitch * Math.Abs(step - pitch);
                if (cost < best[i]) { best[i] = cost; from[i] = i - step; }
            }
        }
        // The last cell ends at the column's foot: any row within the last pitch may be the last boundary.
        var end = n;
        for (var i = Math.Max(0, n - hi + 1); i <= n; i++) if (best[i] < best[end]) end = i;
        var bounds = new List<int> { n };
        if (end < n) bounds.Add(end);
        for (var i = end; i > 0; i = from[i]) if (from[i] > 0 || i > 0) bounds.Add(from[i]);
        return bounds.Distinct().Order().ToList();
    }

    /// <summary>
    /// Boundaries of a column of full-size characters by the height of the ink each cell holds rather than by the
    /// distance between its boundaries: a copyist writes a short character (一, 工, 之, 曰) in a short space and squeezes
    /// the last ones of a column to fit it (以鳥名官 at nine tenths of the pitch), so a cell may be as short as its
    /// character. Each cell costs one, more when its ink runs taller than the pitch (its square beyond it: two
    /// characters in one cell cost far more than a cut between them), and a boundary costs the ink it crosses, a tenth
    /// of the pitch in ink as much as a cell. The fewest cells that do not run tall win: the strokes of 二 or 三, or 灬
    /// under 鳥, stay one character however far apart, as they are no taller together than one.
    /// </summary>
    private static List<int> InkBoundaries(int[] rows, double pitch)
    {
        var n = rows.Length;
        // The first and last inked rows at or after / before each row.
        var nextInk = new int[n + 1];
        nextInk[n] = n;
        for (var i = n - 1; i >= 0; i--) nextInk[i] = rows[i] > 0 ? i : nextInk[i + 1];
        var lastInk = new int[n + 1];
        lastInk[0] = -1;
        for (var i = 1; i <= n; i++) lastInk[i] = rows[i - 1] > 0 ? i - 1 : lastInk[i - 1];
        var crossCost = 1.0 / Math.Max(1.0, pitch * 0.1);
        var longest = (int)Math.Ceiling(pitch * 2.2);
        var best = new double[n + 1];
        var from = new int[n + 1];
        best[0] = 0;
        for (var i = 1; i <= n; i++)
        {
            best[i] = double.MaxValue;
            var cut = i < n ? rows[i] * crossCost : 0;
            for (var j = Math.Max(0, i - longest); j < i; j++)
            {
                if (best[j] == double.MaxValue) continue;
                int top = nextInk[j], bottom = lastInk[i];
                // A cell of blank rows only joins its neighbour for nothing.
                var cost = best[j] + cut;
                if (top < i && bottom >= j)
                {
                    var over = Math.Max(0, (bottom - top + 1) / pitch - TallFrom);
                    var slot = (i - j) / pitch - 1;
                    cost += 1 + TallCost * over * over + SlotCost * slot * slot;
                }
                if (cost < best[i]) { best[i] = cost; from[i] = j; }
            }
        }
        var bounds = new List<int>();
        for (var i = n; i > 0; i = from[i]) bounds.Add(i);
        bounds.Add(0);
        return bounds.Distinct().Order().ToList();
    }

    /// <summary>What a cell costs for the distance between its boundaries off the pitch (squared, in pitches): a little
    /// of the grid's rhythm kept, so that a short character's cell is not stretched over half its neighbour's space.</summary>
    private const double SlotCost = 2;

    /// <summary>Ink up to this many pitches tall is one character's.</summary>
    private const double TallFrom = 1.1;

    /// <summary>What a cell costs for its ink's height beyond <see cref="TallFrom"/> pitches (squared, in pitches).</summary>
    private const double TallCost = 50;

    /// <summary>
    /// A mark of punctuation that shares a cell with a character: vertical type sets ，。、 in the upper right of the
    /// cell after the character, a few pixels below it, and a cell may stretch a fifth of the pitch to take it in. The
    /// mark is a small run of rows at the top or foot of the cell, apart from the rest by a blank row and narrower than
    /// half the pitch (the foot of 三 or 之 is as wide as the character); the rest is a character's height.
    /// </summary>
    private static (Box First, Box Second)? SplitMark(InkImage page, Box cell, double pitch)
    {
        if (cell.W <= 0) return null;
        var runs = PageLayout.Runs(PageLayout.RowCounts(page, cell), minCount: 1, minGap: 1);
        if (runs.Count < 2) return null;
        foreach (var atFoot in new[] { true, false })
        {
            var (ms, me) = atFoot ? runs[^1] : runs[0];
            var (rs, re) = atFoot ? (runs[0].Start, runs[^2].End) : (runs[1].Start, runs[^1].End);
            if (me - ms > pitch * 0.45 || re - rs < pitch * 0.55) continue;
            var mark = PageLayout.Tighten(page, new Box(cell.X, cell.Y + ms, cell.W, me - ms));
            if (mark.W > pitch * 0.5 || mark.X + mark.W / 2.0 < cell.X + cell.W / 2.0 && mark.W > pitch * 0.35) continue;
            var rest = PageLayout.Tighten(page, new Box(cell.X, cell.Y + rs, cell.W, re - rs));
            return atFoot ? (rest, mark) : (mark, rest);
        }
        return null;
    }

    /// <summary>
    /// A column's cells where no grid is given: bands of ink run together down to the column's pitch. With
    /// <paramref name="marks"/> (a punctuated page), a mark after its character becomes a cell of its own
    /// (<see cref="TrailingMarks.InColumn"/>); an unpunctuated page (a classical book, whose double-line notes come here) has
    /// none to find, and a stroke's tip set apart would be taken for one. The cells of marks that are full stops by their
    /// shape go to <paramref name="fullStops"/> when given.
    /// </summary>
    public static List<Box> Cells(InkImage page, Box column, bool marks = true, ISet<Box>? fullStops = null)
    {
        var size = column.W;
        var bands = PageLayout.Runs(PageLayout.RowCounts(page, column), minCount: 1, minGap: 2)
            .Select(b => (Start: column.Y + b.Start, End: column.Y + b.End)).ToList();
        if (bands.Count == 0) return [];
        var big = bands.Where(b => b.End - b.Start >= size * 0.55).Select(b => (b.Start + b.End) / 2.0).ToList();
        var steps = big.Zip(big.Skip(1), (a, b) => b - a).Where(d => d > size * 0.7 && d < size * 1.7).Order().ToList();
        if (steps.Count < 2) return marks ? TrailingMarks.InColumn(page, column, Greedy(page, column, bands, size), size, size, fullStops) : Greedy(page, column, bands, size);
        var pitch = steps[steps.Count / 2];
        // Phase: offsets of the character centres from the first one, folded into one pitch around it.
        var offsets = big.Select(c => { var d = Mod(c - big[0], pitch); return d > pitch / 2 ? d - pitch : d; }).Order().ToList();
        var centre = big[0] + offsets[offsets.Count / 2];
        while (centre - pitch / 2 > column.Y) centre -= pitch;
        var cells = new List<Box>();
        for (var top = centre - pitch / 2; top < column.Bottom; top += pitch)
        {
            var y0 = Math.Max(column.Y, (int)Math.Round(top));
            var y1 = Math.Min(column.Bottom, (int)Math.Round(top + pitch));
            if (y1 <= y0) continue;
            var cell = PageLayout.Tighten(page, new Box(column.X, y0, column.W, y1 - y0));
            if (cell.W > 0 && cell.W * cell.H >= 16) cells.Add(cell);
        }
        // A mark of punctuation after a character: a cell of its own, wherever the pitch's boundaries fell about it.
        return marks ? TrailingMarks.InColumn(page, column, cells, size, pitch, fullStops) : cells;
    }

    /// <summary>Without a grid to follow (a column of one or two characters): bands joined while they fit one cell.</summary>
    private static List<Box> Greedy(InkImage page, Box column, List<(int Start, int End)> bands, int size)
    {
        var cells = new List<Box>();
        var (s, e) = bands[0];
        foreach (var b in bands.Skip(1))
        {
            if (b.End - s <= size * 1.05) { e = b.End; continue; }
            cells.Add(PageLayout.Tighten(page, new Box(column.X, s, column.W, e - s)));
            (s, e) = b;
        }
        cells.Add(PageLayout.Tighten(page, new Box(column.X, s, column.W, e - s)));
        return cells.Where(c => c.W > 0).ToList();
    }

    private static double Mod(double a, double m) => ((a % m) + m) % m;
}
