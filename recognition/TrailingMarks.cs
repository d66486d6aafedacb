using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Vertical type sets ，。、 in the upper right of their own cell, right under the character before them. In small type
/// (a magazine's 10–12 px columns) the column's cells often take the two as one cell, and the readers then lose the mark
/// or read it into the character. Only small type is cut so: on the generated Republic-era book pages (20 px type) the
/// readers read such a cell as the character and its mark, and cut in two they read the mark twice (87.7 → 84.2 %,
/// bench/RESULTS.md). In body type of any size (<see cref="InColumn"/>) a mark is cut off only where it stands apart:
/// right of its character's foot, blank space under it.
/// </summary>
internal static class TrailingMarks
{
    /// <summary>
    /// Each cell whose lowest piece of ink is a mark after its character is cut in two: the character (the cell down to
    /// the foot of its other ink) and the mark. A mark is one connected piece no bigger than a third of the column's
    /// character size either way, in the right half of the cell, its lower half below every other stroke of the cell; the
    /// rest is at least half a character high. The dots at a character's foot (灬 of 熱, the right foot of 六) end on
    /// the row its other strokes end on, and stay. Given the page's flattened grey (<paramref name="flat"/>), a mark
    /// under the character's lower right that the ink mask lost as a speck gets a cell too (<see cref="DroppedMark"/>).
    /// </summary>
    public static List<Box> Split(InkImage page, IReadOnlyList<Box> cells, int charSize, byte[]? flat = null)
    {
        var result = new List<Box>(cells.Count + 4);
        var dots = flat is null ? null : new DarkPieces(page, flat, DotLevel);
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            Box? next = i + 1 < cells.Count ? cells[i + 1] : null;
            if (Mark(page, cell, charSize) is { } split)
            {
                result.Add(split.Character);
                result.Add(split.Mark);
            }
            else if (flat is not null && DroppedMark(page, flat, dots!, cell, next, charSize) is { } dropped)
            {
                // The mark's pixels lie outside the character's cell: that cell stays as it is.
                result.Add(cell);
                result.Add(dropped);
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

    /// <summary>
    /// A mark under the lower right of its character that the ink mask lost: at 10 px a comma's head is one or two
    /// pixels dark enough for the ink level, and the speck floor clears it (rd03's magazine page: 少，, the comma two
    /// rows under the character's foot, pixels 0, 0 and 158 in the flattened grey). In <paramref name="flat"/> it is still
    /// a dark dot on paper: a piece of pixels under <see cref="DotLevel"/>, with one under <see cref="DotCore"/>, outside
    /// the cell and touching no ink, in the right half of the cell's columns (or just right of them), from a third of a
    /// character above the cell's foot to half a character under it (above the next cell), no bigger than a third of a
    /// character either way. Returns its box, else null.
    /// </summary>
    private static Box? DroppedMark(InkImage page, byte[] flat, DarkPieces dots, Box cell, Box? next, int charSize)
    {
        if (cell.W < charSize * 0.5 || cell.H < charSize * 0.5 || cell.H > charSize * 2 || charSize < 6) return null;
        int w = page.Width;
        int x0 = Math.Max(1, cell.X + cell.W / 2), x1 = Math.Min(w - 1, cell.Right + charSize / 4);
        int y0 = Math.Max(1, cell.Bottom - charSize / 3), y1 = Math.Min(page.Height - 1, cell.Bottom + charSize / 2);
        if (next is { } n && n.X < cell.Right && cell.X < n.Right) y1 = Math.Min(y1, n.Y);
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
            {
                var i = y * w + x;
                if (flat[i] > DotCore || page.Ink[i] != 0 || Inside(x, y)) continue;
                // A piece met again at another of its pixels is judged again, the same way.
                var (dot, touches) = dots.At(i);
                if (touches || dot.W > charSize / 3.0 || dot.H > charSize / 3.0 || dot.W * dot.H < 2) continue;
                if (dot.X + dot.W / 2.0 < cell.X + cell.W / 2.0 || dot.Y + dot.H / 2.0 < cell.Bottom - charSize / 3.0) continue;
                return dot;
            }
        return null;

        bool Inside(int x, int y) => x >= cell.X && x < cell.Right && y >= cell.Y && y < cell.Bottom;
    }

    /// <summary>The flattened grey level under which a dropped mark's pixels lie: the small type's ink level (<see cref="DroppedMark"/>).</summary>
    private const byte DotLevel = 160;

    /// <summary>The flattened grey level a dropped mark's darkest pixel is under: a dot of the type's full ink (<see cref="DroppedMark"/>).</summary>
    private const byte DotCore = 80;

    /// <summary>
    /// The cells of a column of body type with each mark of punctuation after a character in a cell of its own, at any
    /// size of type: vertical type sets ，。、 at the upper right of the space after its character, the rest of that
    /// space blank. Cut by the column's pitch, the mark's rows fall in the character's cell or across the boundary
    /// between two cells (a comma a row below 章, its slot's boundary through it), and a mark of a few pixels alone is
    /// dropped as a speck. A mark is a piece of ink no bigger than a third of <paramref name="charSize"/> either way,
    /// right of the column's middle, its lower half on rows no other ink of the column crosses, within a third of a
    /// character below the foot of a character (ink over at least half a character's height just above it), and
    /// nothing under it for most of a <paramref name="pitch"/> (the broken strokes of a worn character are followed by
    /// the rest of it, or by the next character a character's gap below). A second such dot right under it makes a
    /// colon (︰), one cell. The marks' rows are taken out of the cells they fell in. The cells of marks found to be
    /// rings, full stops (their cells squared), are added to <paramref name="fullStops"/> when given: the readers take a
    /// stop of a few pixels for a comma, and the cell's shape alone cannot say which (a comma's box may be square).
    /// </summary>
    public static List<Box> InColumn(InkImage page, Box column, List<Box> cells, int charSize, double pitch, ISet<Box>? fullStops = null)
    {
        if (column.W <= 0 || column.H <= 0 || charSize < 6) return cells;
        var pieces = Pieces(page, column);
        if (pieces.Count < 2) return cells;
        var rows = PageLayout.RowCounts(page, column);
        var found = pieces.Select(m => Trailing(page, m, pieces, column, rows, charSize, pitch)).OfType<(Box Cell, bool Ring, int Top)>().ToList();
        // A colon's second dot trails its first: one cell, the colon's.
        var kept = found.Where(m => !found.Any(o => o.Cell != m.Cell && o.Cell.Y <= m.Cell.Y && o.Cell.Bottom >= m.Cell.Bottom && o.Cell.X <= m.Cell.X && o.Cell.Right >= m.Cell.Right))
            .DistinctBy(m => m.Cell).ToList();
        var marks = kept.Select(m => m.Cell).ToList();
        // The rows taken out of the cells: a semicolon's dot beside the character's foot leaves the character its rows.
        var cuts = kept.Select(m => m.Cell with { Y = m.Top, H = m.Cell.Bottom - m.Top }).ToList();
        if (marks.Count == 0) return cells;
        if (fullStops is not null) foreach (var m in kept.Where(m => m.Ring)) fullStops.Add(m.Cell);
        var result = new List<Box>(cells.Count + marks.Count);
        foreach (var cell in cells)
        {
            var parts = new List<(int Start, int End)> { (cell.Y, cell.Bottom) };
            foreach (var m in cuts.Where(m => m.Y < cell.Bottom && cell.Y < m.Bottom))
                parts = parts.SelectMany(p => new[] { (p.Start, Math.Min(p.End, m.Y)), (Math.Max(p.Start, m.Bottom), p.End) }).Where(p => p.Item2 > p.Item1).ToList();
            if (parts.Count == 1 && parts[0] == (cell.Y, cell.Bottom)) { result.Add(cell); continue; }
            foreach (var (start, end) in parts)
            {
                var part = PageLayout.Tighten(page, new Box(column.X, start, column.W, end - start));
                // What is left of a cell once its mark is out is a character only where it is one's size (not the foot of
                // the character above, cut off with its mark's rows).
                if (part.W > 0 && (part.W >= charSize * 0.3 || part.H >= charSize * 0.3)) result.Add(part);
            }
        }
        result.AddRange(marks);
        return result.OrderBy(c => c.Y).ThenBy(c => c.X).ToList();
    }

    /// <summary>
    /// The mark's cell when <paramref name="m"/> is a mark after a character (<see cref="InColumn"/>), and whether it is a
    /// ring (a full stop); else null.
    /// </summary>
    private static (Box Cell, bool Ring, int Top)? Trailing(InkImage page, Box m, List<Box> pieces, Box column, int[] rows, int charSize, double pitch)
    {
        if (!Dot(m, charSize) || m.X + m.W / 2.0 < column.X + column.W / 2.0) return null;
        var lower = m.Y + m.H / 2;
        if (pieces.Any(p => p != m && p.Y < m.Bottom && lower < p.Bottom)) return null;
        // The character it follows: its foot within a third of a character above the mark, ink on half a character's rows
        // above that foot.
        var above = pieces.Where(p => p != m && p.Bottom <= lower).Select(p => p.Bottom).DefaultIfEmpty(int.MinValue).Max();
        if (above == int.MinValue || m.Y - above > charSize / 3.0) return null;
        int from = Math.Max(0, above - charSize - column.Y), to = Math.Min(rows.Length, above - column.Y);
        var inked = 0;
        for (var r = from; r < to; r++) if (rows[r] > 0) inked++;
        if (inked < charSize * 0.5) return null;
        // Right of the character, not under it: a worn stroke's broken tip (the hook of 淨) is under the character's
        // right edge or inside it.
        var character = Box.Union(pieces.Where(p => p != m && p.Bottom <= m.Y && p.Bottom > above - charSize));
        if (m.X + m.W / 2.0 < character.Right - charSize * RightOfCharacter) return null;
        var cell = m;
        var ring = Ring(page, m) || HollowCentre(page, m) || FaintBlob(page, m);
        // A semicolon's dot over its comma stands beside the character's foot, on rows the character crosses, and was
        // left in the character's cell: the mark's cell takes it (MarkInk.Stacked tells the two parts' mark).
        if (DotOver(m, pieces, charSize) is { } dot)
        {
            cell = Box.Union([dot, m]);
            ring = false;
        }
        var below = pieces.Where(p => p.Y >= m.Bottom).OrderBy(p => p.Y).ToList();
        // A second dot under the first: the other half of a worn ring (a row or two apart), or a colon's second dot.
        if (below.Count > 0 && Dot(below[0], charSize) && below[0].X < m.Right && m.X < below[0].Right && below[0].Y - m.Bottom <= charSize / 3.0)
        {
            cell = Box.Union([cell, below[0]]);
            ring |= below[0].Y - m.Bottom <= 2 && cell.H <= cell.W * 1.5;
            below.RemoveAt(0);
        }
        if (below.Count > 0 && below[0].Y - cell.Bottom < pitch * BlankAfterMark) return null;
        // A full stop's cell is its square: the readers take a ring of a few pixels for a comma and a comma for a ring,
        // and CellCorrections tells them apart by the cell's shape (a comma's is taller than wide). The columns added
        // on the left and the rows below are blank (the mark is alone on its rows, blank space under it).
        if (ring && cell.W < cell.H) cell = new Box(cell.Right - cell.H, cell.Y, cell.H, cell.H);
        else if (ring && cell.H < cell.W) cell = cell with { H = cell.W };
        return (cell, ring, Math.Max(cell.Y, m.Y));
    }

    /// <summary>
    /// The dot right over a mark, when there is one: a piece no bigger than a mark, paper between them no more than a
    /// third of a character high, the two flush on the right (a semicolon's dot is set over its comma's head; the dots
    /// at a character's foot, 灬 of 熱, lie left of the comma that follows it), no ink right of it on its rows, nor
    /// within a fifth of a character left of it.
    /// Else null.
    /// </summary>
    private static Box? DotOver(Box m, List<Box> pieces, int charSize)
    {
        var flush = Math.Max(1, charSize / 15);
        foreach (var p in pieces)
        {
            if (p == m || !Dot(p, charSize) || p.H > p.W * 1.5 || Math.Abs(p.Right - m.Right) > flush || p.X < m.X - flush) continue;
            var gap = m.Y - p.Bottom;
            if (gap < 1 || gap > charSize / 3.0) continue;
            if (pieces.Any(o => o != p && o != m && o.Y < p.Bottom && p.Y < o.Bottom && o.Right > p.Right)) continue;
            // Set apart from the character: 心's right dot at the foot of 意 想 念 stands over the comma that follows,
            // flush with it too, but a stroke's width from the hook beside it.
            if (pieces.Any(o => o != p && o != m && o.Y < p.Bottom && p.Y < o.Bottom && o.Right > p.X - charSize / 5.0)) continue;
            return p;
        }
        return null;
    }

    /// <summary>
    /// Whether the piece encloses paper: a piece of paper inside its box, 4-connected, that reaches none of the box's edges
    /// (paper that meets the outside only at the corners of two pixels of ink is enclosed).
    /// </summary>
    private static bool Ring(InkImage page, Box m)
    {
        var paper = ConnectedPieces.Paper(page, m, ways: 4);
        for (var p = 0; p < paper.Count; p++)
        {
            var b = paper.BoxOf(p);
            if (b.X > m.X && b.Y > m.Y && b.Right < m.Right && b.Bottom < m.Bottom) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether an about square piece has paper at its middle: a worn ring broken open (a C), where a comma's head is
    /// solid there (a comma's box of four or more pixels each way is no more than 1.3 times taller than wide only at
    /// the size where its middle is its head).
    /// </summary>
    private static bool HollowCentre(InkImage page, Box m)
    {
        if (m.W < 4 || m.H < 4 || m.H > m.W * 1.3 || m.W > m.H * 1.3) return false;
        for (var y = m.Y + (m.H - 1) / 2; y <= m.Y + m.H / 2; y++)
            for (var x = m.X + (m.W - 1) / 2; x <= m.X + m.W / 2; x++)
                if (page.Ink[y * page.Width + x] == 0) return true;
        return false;
    }

    /// <summary>
    /// Whether an about round piece of four or more pixels each way is a ring whose hole closed at the ink threshold (a
    /// full stop of 13 px type is a blob of 4–6 px): its darkest pixel stays light, at least <see cref="FaintInk"/> of the
    /// paper's level around it, since its stroke is a thin line blurred over its few pixels; a comma's head is a solid
    /// dot whose core is as dark as the type (on the generated newspapers commas' darkest pixels are at most 0.53 of the
    /// paper, closed stops' at least 0.61).
    /// </summary>
    private static bool FaintBlob(InkImage page, Box m)
    {
        if (m.W < 4 || m.H < 4 || m.H > m.W * 1.5 || m.W > m.H * 1.5) return false;
        if (m.X < 1 || m.Y < 1 || m.Right >= page.Width || m.Bottom >= page.Height) return false;
        var darkest = 255;
        for (var y = m.Y; y < m.Bottom; y++)
            for (var x = m.X; x < m.Right; x++)
                if (page.Ink[y * page.Width + x] != 0) darkest = Math.Min(darkest, page.Grey[y * page.Width + x]);
        // The paper: the median of the pixels just around the box.
        var around = new List<byte>(2 * (m.W + m.H) + 4);
        for (var x = m.X - 1; x <= m.Right; x++) { around.Add(page.Grey[(m.Y - 1) * page.Width + x]); around.Add(page.Grey[m.Bottom * page.Width + x]); }
        for (var y = m.Y; y < m.Bottom; y++) { around.Add(page.Grey[y * page.Width + m.X - 1]); around.Add(page.Grey[y * page.Width + m.Right]); }
        around.Sort();
        return darkest >= around[around.Count / 2] * FaintInk;
    }

    /// <summary>
    /// The mark of punctuation a cell of small type holds by the spread of its ink, when its box is a mark's (under
    /// <see cref="SmallTypeMark"/> of <paramref name="charSize"/> either way): "。" or "，"; else null. At 10–11 px a stop
    /// and a comma are both blobs of 2–3 px in the ink mask, no hole and no tail left, and the readers take either for
    /// the other. What survives is the grey: a stop's thin ring is blurred over its few pixels, about evenly light; a
    /// comma's head is a solid dot, one or two pixels far darker than the rest. So the area the mark's ink covers, each
    /// pixel counted by its darkness against the darkest one's (over the box and a pixel around it, where the blur
    /// spreads a mark past the ink threshold; darkness against the median of the paper just outside that), is a stop's
    /// when it reaches <see cref="StopSpread"/> of a character's square. On the generated magazine pages (seed 1,
    /// 10 px characters) nineteen in twenty commas spread over at most 0.050 of it, nineteen in twenty stops over at
    /// least 0.053; the darkest pixel alone (<see cref="FaintBlob"/>) tells them apart less well there (138 of 151 marks
    /// against 146).
    /// </summary>
    public static string? BySpread(InkImage page, Box cell, int charSize)
    {
        if (cell.W <= 0 || cell.H <= 0 || cell.W >= charSize * SmallTypeMark || cell.H >= charSize * SmallTypeMark) return null;
        int x0 = cell.X - 1, y0 = cell.Y - 1, x1 = cell.Right + 1, y1 = cell.Bottom + 1;
        if (x0 < 1 || y0 < 1 || x1 >= page.Width || y1 >= page.Height) return null;
        var around = new List<byte>(2 * (x1 - x0 + y1 - y0) + 4);
        for (var x = x0 - 1; x <= x1; x++) { around.Add(page.Grey[(y0 - 1) * page.Width + x]); around.Add(page.Grey[y1 * page.Width + x]); }
        for (var y = y0; y < y1; y++) { around.Add(page.Grey[y * page.Width + x0 - 1]); around.Add(page.Grey[y * page.Width + x1]); }
        around.Sort();
        var paper = Math.Max(1.0, around[around.Count / 2]);
        double sum = 0, darkest = 0;
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
            {
                var d = Math.Max(0, paper - page.Grey[y * page.Width + x]) / paper;
                sum += d;
                darkest = Math.Max(darkest, d);
            }
        if (darkest <= 0) return null;
        return sum / darkest >= StopSpread * charSize * charSize ? "。" : "，";
    }

    /// <summary>The largest a mark of small type is against the character size, either way (<see cref="BySpread"/>).</summary>
    private const double SmallTypeMark = 0.45;

    /// <summary>The least area of a character's square a full stop's ink spreads over in small type (<see cref="BySpread"/>).</summary>
    private const double StopSpread = 0.052;

    /// <summary>The lightest a full stop's darkest pixel is against the paper's level (<see cref="FaintBlob"/>).</summary>
    private const double FaintInk = 0.58;

    /// <summary>How much of a pitch below a mark is blank: the rest of its space (the next character's gap is a fifth).</summary>
    private const double BlankAfterMark = 0.45;

    /// <summary>How far (in characters) a mark's middle may be left of the right edge of the character it follows.</summary>
    private const double RightOfCharacter = 0.15;

    private static bool Dot(Box p, int charSize) => p.W >= 2 && p.H >= 2 && p.W <= charSize / 3.0 && p.H <= charSize / 3.0;

    /// <summary>The boxes of the 8-connected pieces of ink inside the cell, in the order a scan of the cell meets them.</summary>
    private static List<Box> Pieces(InkImage page, Box cell)
    {
        var pieces = ConnectedPieces.Ink(page, cell, ways: 8);
        var boxes = new List<Box>(pieces.Count);
        for (var p = 0; p < pieces.Count; p++) boxes.Add(pieces.BoxOf(p));
        return boxes;
    }
}
