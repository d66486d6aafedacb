using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Marks of punctuation in a column's cell told by the shape of their ink, where the readers take one mark for
/// another: vertical type's corner brackets (﹁ ﹂) come out as 一, and a semicolon or colon as a comma. Each test looks
/// only at the cell's ink (its rows' counts, the pieces and where they lie), sized by the column's character size, and
/// says nothing unless the ink is unambiguous.
/// </summary>
internal static class MarkInk
{
    /// <summary>
    /// "「" or "」" when the cell's ink is a corner bracket of vertical type, else null. ﹁ (「) is a bar across the cell
    /// with a stub down from one end, ﹂ (」) a bar with a stub up from one end; a 一 is the bar alone, and a reader
    /// that loses the stub (a pixel wide in 20 px type) reads 一. So: one piece of ink at least half a character wide
    /// whose bar (rows it spans across most of its box, a stroke's thickness together) is at its top or its foot, and
    /// the rest of it a thin stub at one end of the bar, at least twice the bar's thickness long. The same holds for a
    /// horizontal form left upright (┌ ┘): the bar on top opens a quotation, at the foot closes it. A mark after a
    /// closing bracket (」，) is not cut off when the bracket is too flat to be a character: the other ink of the cell
    /// may be such marks, each no bigger than a third of a character and on rows of its own.
    /// </summary>
    public static string? CornerBracket(InkImage page, Box cell, int charSize)
    {
        if (cell.W < charSize * 0.5) return null;
        var pieces = ConnectedPieces.Ink(page, cell, ways: 8);
        if (pieces.Count == 0 || pieces.Count > 3) return null;
        var main = Enumerable.Range(0, pieces.Count).MaxBy(p => pieces.BoxOf(p).W);
        var b = pieces.BoxOf(main);
        if (b.W < charSize * 0.5 || b.H < 3 || b.H > b.W * 0.6) return null;
        for (var p = 0; p < pieces.Count; p++)
        {
            var o = pieces.BoxOf(p);
            if (p != main && (o.W > charSize / 3.0 || o.H > charSize / 3.0 || (o.Y < b.Bottom && b.Y < o.Bottom))) return null;
        }
        // Each row's ink of the piece, and its leftmost and rightmost pixel.
        var rows = new int[b.H];
        var first = Enumerable.Repeat(int.MaxValue, b.H).ToArray();
        var last = Enumerable.Repeat(int.MinValue, b.H).ToArray();
        foreach (var run in pieces.RunsOf(main))
        {
            var r = run.Y - b.Y;
            rows[r] += run.Length;
            first[r] = Math.Min(first[r], run.X0);
            last[r] = Math.Max(last[r], run.X1);
        }
        // The bar's rows: ink across at least seven tenths of the box, one run of rows at the top or the foot.
        var bar = Enumerable.Range(0, b.H).Where(r => rows[r] >= b.W * 0.7).ToList();
        if (bar.Count == 0 || bar[^1] - bar[0] + 1 != bar.Count) return null;
        var thickness = bar.Count;
        if (thickness > Math.Max(2, charSize / 6)) return null;
        // A row of the bar's ragged edge may lie on either side of it (a bold bracket's bar swells to the middle and
        // ends in a half row): one row between the bar and the box's edge, and the row next to the bar on the stub's
        // side where its ink reaches past the stub, are the bar's.
        // A bar whose stub the ink mask lost (a pixel wide, lighter than the ink in small type): the grey shows it.
        if (b.H <= thickness + 1) return FaintStub(page, b, b.Y + bar[0], b.Y + bar[^1] + 1, charSize);
        var onTop = bar[0] <= 1;
        if (!onTop && bar[^1] < b.H - 2) return null;
        int from = onTop ? bar[^1] + 1 : 0, to = onTop ? b.H : bar[0];
        var edge = onTop ? from : to - 1;
        // The stub: every row on the bar's other side inked, only within a fifth of the box at one end (a second stroke
        // elsewhere is not a bracket), long enough not to be the bar's ragged edge.
        var stub = to - from;
        var end = Math.Max(2, b.W / 5);
        bool left = true, right = true;
        for (var r = from; r < to; r++)
        {
            if (rows[r] == 0) return null;
            bool l = last[r] < b.X + end, rt = first[r] >= b.Right - end;
            if (r == edge && !l && !rt) { stub--; continue; }
            left &= l;
            right &= rt;
        }
        if (stub < Math.Max(2, thickness * 2) || stub < charSize * 0.12) return null;
        if (!left && !right) return null;
        return onTop ? "「" : "」";
    }

    /// <summary>
    /// "「" or "」" when the grey around a bar of ink (<paramref name="bar"/>, its rows <paramref name="barTop"/> to
    /// <paramref name="barBottom"/>) shows a faint stub at one end of it: on the generated newspapers (22 px type) the
    /// stub of a corner bracket is a pixel wide and a third lighter than the bar, under the page's ink threshold, so the
    /// ink is the bar alone and reads 一. So: on one side of the bar, rows from the bar on, each darker than the paper by
    /// a quarter of the bar's darkness within a fifth of the bar at one end and nowhere else across it, at least
    /// <see cref="StubLength"/> of a character long, and on the bar's other side no such run (a 一 has none: paper lies
    /// above and below it for more than a third of a character). The paper is the median of the rows a third of a
    /// character above and below the bar, across it.
    /// </summary>
    private static string? FaintStub(InkImage page, Box bar, int barTop, int barBottom, int charSize)
    {
        var reach = (int)Math.Round(charSize / 3.0);
        if (bar.X < 1 || bar.Right + 1 > page.Width || barTop - reach < 0 || barBottom + reach > page.Height) return null;
        var around = new List<byte>(bar.W * 2 * reach);
        for (var x = bar.X; x < bar.Right; x++)
            for (var k = 1; k <= reach; k++)
            {
                around.Add(page.Grey[(barTop - k) * page.Width + x]);
                around.Add(page.Grey[(barBottom + k - 1) * page.Width + x]);
            }
        around.Sort();
        double paper = around[around.Count / 2], darkest = 255;
        for (var y = barTop; y < barBottom; y++)
            for (var x = bar.X; x < bar.Right; x++) darkest = Math.Min(darkest, page.Grey[y * page.Width + x]);
        if (paper - darkest < 40) return null;
        var level = paper - (paper - darkest) * 0.25;
        var end = Math.Max(2, bar.W / 5);
        var least = Math.Max(3, (int)Math.Ceiling(charSize * StubLength));
        int up = Math.Max(Run(-1, left: true), Run(-1, left: false)), down = Math.Max(Run(1, left: true), Run(1, left: false));
        if (up >= least && down == 0) return "」";
        if (down >= least && up == 0) return "「";
        return null;

        // Rows from the bar on, on one side, dark only at one end (a pixel past the bar's end counted: the blur).
        int Run(int step, bool left)
        {
            var n = 0;
            for (var y = step < 0 ? barTop - 1 : barBottom; n < reach; y += step, n++)
            {
                bool atEnd = false, elsewhere = false;
                for (var x = bar.X - 1; x <= bar.Right; x++)
                {
                    if (page.Grey[y * page.Width + x] > level) continue;
                    if (left ? x < bar.X + end : x >= bar.Right - end) atEnd = true;
                    else elsewhere = true;
                }
                if (!atEnd || elsewhere) break;
            }
            return n;
        }
    }

    /// <summary>The least length of a corner bracket's stub against the character size (<see cref="FaintStub"/>).</summary>
    private const double StubLength = 0.15;

    /// <summary>
    /// "；" or "：" when the cell's ink is a mark of two parts stacked, else null: a semicolon is a dot over a comma, a
    /// colon a dot over a dot, where a comma or a stop is one piece. So: two pieces, each no bigger than a third of a
    /// character either way, one over the other (their columns overlap), the upper one a dot (no taller than half again
    /// its width), the paper between them at least a tenth of a character (three rows at least) and at most a third
    /// high: the two halves of a worn ring lie a row or two apart (on the generated newspapers, 13 px type, stops read
    /// so were taken for colons), and their box is about square where a stacked mark's is at least half again as tall
    /// as wide. The lower part is a comma when its tail makes it two rows taller than the dot and 1.4 times taller
    /// than wide, a dot when it is no taller than the upper one; between the two (a comma whose tail the ink lost)
    /// the ink does not say, and the cell is left to the readers.
    /// </summary>
    public static string? Stacked(InkImage page, Box cell, int charSize)
    {
        if (cell.W <= 0 || cell.W > charSize * 0.45 || cell.H > charSize * 0.8) return null;
        var pieces = ConnectedPieces.Ink(page, cell, ways: 8);
        if (pieces.Count != 2) return null;
        Box a = pieces.BoxOf(0), c = pieces.BoxOf(1);
        var (up, low) = a.Y <= c.Y ? (a, c) : (c, a);
        if (!Part(up) || !Part(low) || up.H > up.W * 1.5) return null;
        if (up.X >= low.Right || low.X >= up.Right) return null;
        var gap = low.Y - up.Bottom;
        if (gap < Math.Max(3, charSize / 10.0) || gap > charSize / 3.0) return null;
        var both = Box.Union([up, low]);
        if (both.H < both.W * 1.5) return null;
        if (low.H >= up.H + 2 && low.H >= low.W * 1.4) return "；";
        if (low.H <= up.H && low.H <= low.W * 1.2) return "：";
        return null;

        bool Part(Box p) => p.W >= 1 && p.H >= 1 && p.W <= charSize / 3.0 && p.H <= charSize / 3.0;
    }

    /// <summary>What a reader may read for a stacked mark: one of the marks a dot or a comma makes.</summary>
    public static bool ReadsAsStacked(string text) => text is "，" or "。" or "、" or "；" or "：" or "," or "." or ";" or ":" or "︰" or "·" or "．";

    /// <summary>What a reader may read for a corner bracket: a bar or dash (the stub lost), or a bracket of another form.</summary>
    public static bool ReadsAsBracket(string text) => text is "一" or "—" or "－" or "-" or "ー" or "_" or "‐" or "「" or "」"
        or "『" or "』" or "﹁" or "﹂" or "[" or "]" or "［" or "］" or "【" or "】" or "L";
}
