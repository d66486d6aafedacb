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
