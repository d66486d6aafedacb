using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Corrections that the shape of a character cell makes certain and the models get wrong on the sample pages.
/// </summary>
internal static class CellCorrections
{
    public static string Apply(string text, Box cell, bool rotated, int columnWidth)
    {
        var aspect = cell.W / (double)Math.Max(1, cell.H);
        return text switch
        {
            // 曰 (to say) is wider than high, 日 (sun) higher than wide; the fast models read both as 日 (19 of 23 曰 lost).
            "日" when aspect > 1.0 => "曰",
            "曰" when aspect < 0.85 => "日",
            // A vertical dash ︱ read upright is a bar; a dash is what it is in Chinese text.
            "|" or "｜" or "丨" when !rotated && cell.H > cell.W * 3 => "—",
            // Small type: the same dash read as a letter or a digit.
            "I" or "l" or "1" when !rotated && cell.H > cell.W * 3 => "—",
            // A flat bar read as a digit or a letter is 一 (a stroke two pixels high under a character ten wide).
            "1" or "I" or "l" or "|" when cell.W >= cell.H * 2.5 => "一",
            // A turned-back dash reads as 一 (one) when it spans the cell like a rule; a one is never drawn turned.
            "一" when rotated => "—",
            // Turned-back corner brackets come out as square ones.
            "[" or "［" when rotated => "「",
            "]" or "］" when rotated => "」",
            // The vertical ellipsis ︙ stays upright and reads as a colon; it is as tall as a character, a colon is not.
            ":" or "：" or "︰" when !rotated && cell.H > cell.W * 3 && cell.H > columnWidth * 0.6 => "…",
            // A mark of punctuation in a cell of its own: a comma (，) has a tail and is taller than wide, a full stop (。)
            // is a ring as wide as high; the readers take one for the other at 10–20 px, and write them as Latin marks. A
            // comma of 20 px body type is 3–4 px wide and 4–6 high; a ring's cell is made square (TrailingMarks.InColumn),
            // and a ring is a stop whatever its cell's shape (AtFullStop).
            "，" or "。" or "," or "." when IsMark(cell, columnWidth) && cell.H >= cell.W * 1.2 => "，",
            "," when IsMark(cell, columnWidth) => "，",
            "." when IsMark(cell, columnWidth) => "。",
            _ => text,
        };
    }

    /// <summary>
    /// What a reader read in a cell whose mark its shape shows to be a full stop (a ring: <see cref="Placement.FullStop"/>):
    /// a comma or a stop read there is the stop. A comma's box of a few pixels may be square too, so the cell's shape in
    /// <see cref="Apply"/> cannot say so.
    /// </summary>
    public static string AtFullStop(string text) => text is "，" or "。" or "," or "." ? "。" : text;

    /// <summary>
    /// A column's reading with each comma or stop read in one of <paramref name="stops"/> (cells of marks that are full
    /// stops by their shape) made the stop (<see cref="AtFullStop"/>), one to a cell: the first kept, at the highest
    /// confidence of the marks read there.
    /// </summary>
    public static void AtFullStops(List<OcrGlyph> glyphs, IReadOnlySet<Box> stops) => AtMarks(glyphs, stops, "。");

    /// <summary>
    /// A column's reading with each comma or stop read in one of <paramref name="commas"/> (cells of small type's marks
    /// that are commas by the spread of their ink, <see cref="Placement.Comma"/>) made the comma, one to a cell, as
    /// <see cref="AtFullStops"/> makes stops.
    /// </summary>
    public static void AtCommas(List<OcrGlyph> glyphs, IReadOnlySet<Box> commas) => AtMarks(glyphs, commas, "，");

    /// <summary>
    /// A column's reading with what a reader read in each of <paramref name="marks"/> (cells whose ink shows their mark,
    /// <see cref="MarkInk"/>) made that mark, where the reading is one the ink's mark is misread as (a corner bracket's
    /// bar read as 一, a semicolon as a comma); one to a cell, as <see cref="AtFullStops"/>.
    /// </summary>
    public static void AtInkMarks(List<OcrGlyph> glyphs, IReadOnlyDictionary<Box, string> marks)
    {
        var seen = new HashSet<Box>();
        for (var i = 0; i < glyphs.Count; i++)
        {
            var g = glyphs[i];
            if (!marks.TryGetValue(g.Box, out var mark) || !(mark is "「" or "」" ? MarkInk.ReadsAsBracket(g.Text) : MarkInk.ReadsAsStacked(g.Text))) continue;
            if (!seen.Add(g.Box)) { glyphs.RemoveAt(i--); continue; }
            glyphs[i] = g with { Text = mark };
        }
    }

    private static void AtMarks(List<OcrGlyph> glyphs, IReadOnlySet<Box> cells, string mark)
    {
        var first = new Dictionary<Box, int>();
        for (var i = 0; i < glyphs.Count; i++)
        {
            var g = glyphs[i];
            if (!cells.Contains(g.Box) || AtFullStop(g.Text) != "。") continue;
            if (first.TryGetValue(g.Box, out var k))
            {
                glyphs[k] = glyphs[k] with { Confidence = Math.Max(glyphs[k].Confidence, g.Confidence) };
                glyphs.RemoveAt(i--);
                continue;
            }
            first[g.Box] = i;
            glyphs[i] = g with { Text = mark };
        }
    }

    /// <summary>A cell a mark of punctuation could fill: under half the column's width either way.</summary>
    private static bool IsMark(Box cell, int columnWidth) => cell.W < columnWidth * 0.45 && cell.H < columnWidth * 0.45;
}
