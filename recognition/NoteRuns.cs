using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// A short run of double-line notes on a ruled page, judged by what PP-OCR makes of it both ways. The row-by-row note
/// test (<see cref="RuledNotes.Segments"/>) takes some runs of main-text characters with an open middle (此 外 見 所 in
/// a copyist's hand) for notes: their halves are as tall and narrow as a note's characters and their gap as wide, so
/// the ink alone cannot tell them apart. Read as notes they are halves of characters, which PP-OCR reads as nothing or
/// as something unsure; read as main text they are whole characters. So each short run is read both ways, as its two
/// sub-columns and as one column on the page's grid, and the way PP-OCR is surer of per cell (an unread cell counting
/// 0) stays. Long runs (a column of notes) are left as found.
/// </summary>
internal static class NoteRuns
{
    /// <summary>The longest run judged, in the page's character pitch: a false note of main text is a few characters.</summary>
    internal const double LongestJudged = 4;

    public static IReadOnlyList<LayoutLine> Judge(InkImage page, IReadOnlyList<LayoutLine> lines, PaddleRecogniser paddle, double charSize, bool thicken, CancellationToken ct,
        Lazy<byte[]>? flat = null)
    {
        var pitch = lines.SelectMany(l => l.Pieces).Select(p => p.Pitch).FirstOrDefault(p => p > 0);
        if (pitch <= 0) return lines;
        var result = new List<LayoutLine>(lines.Count);
        foreach (var line in lines)
        {
            var pieces = line.Pieces.ToList();
            var changed = CrossedHeads(page, line.Box, pieces, pitch, paddle, charSize, thicken, flat, ct);
            for (var i = 0; i + 1 < pieces.Count; i++)
            {
                var (right, left) = (pieces[i], pieces[i + 1]);
                if (!right.SmallNote || !left.SmallNote) continue;
                int top = Math.Min(right.Box.Y, left.Box.Y), bottom = Math.Max(right.Box.Bottom, left.Box.Bottom);
                // The two sub-columns of one run share its rows; a run is at least a character tall.
                if (Math.Min(right.Box.Bottom, left.Box.Bottom) <= Math.Max(right.Box.Y, left.Box.Y)) continue;
                if (bottom - top > pitch * LongestJudged || bottom - top < pitch * 0.6) continue;
                var main = new LayoutPiece(new Box(line.Box.X, top, line.Box.W, bottom - top), true, Pitch: pitch);
                var asMain = Sureness(page, [main], paddle, charSize, thicken, flat, ct);
                var asNotes = Sureness(page, [right, left], paddle, charSize, thicken, flat, ct);
                // After main text, the run's first row may be a main-text character with an open middle (時: 日 and 寺)
                // and the note begin below it: read that way too, the head a cell of main text.
                var headed = i > 0 && !pieces[i - 1].SmallNote && bottom - top >= pitch * 1.5 ? Headed(page, line.Box, right, left, top, pitch) : null;
                var asHeaded = headed is null ? 0 : Sureness(page, headed, paddle, charSize, thicken, flat, ct);
                if (asHeaded > asNotes && asHeaded > asMain)
                {
                    pieces.RemoveRange(i, 2);
                    pieces.InsertRange(i, headed!);
                    changed = true;
                    i += 2;
                    continue;
                }
                if (asMain <= asNotes) { i++; continue; }
                pieces[i] = main;
                pieces.RemoveAt(i + 1);
                changed = true;
            }
            result.Add(changed ? line with { Pieces = Merge(pieces) } : line);
        }
        return result;
    }

    /// <summary>
    /// PP-OCR's mean confidence per cell over the pieces: a cell read as one character, that character's confidence; an
    /// unread cell 0, and a cell read as two or more characters 0 too (a note's two characters side by side in a cell
    /// of main text: PP-OCR reads both, and surely). The montage is drawn from the page itself, small type from its
    /// flattened grey (<paramref name="flat"/>, the one the page's reading shares; null: taken when needed), as the
    /// page's reading draws them.
    /// </summary>
    internal static double Sureness(InkImage page, IReadOnlyList<LayoutPiece> pieces, PaddleRecogniser paddle, double charSize, bool thicken, Lazy<byte[]>? flat, CancellationToken ct)
    {
        if (pieces.Count == 0) return 0;
        var montage = Montage.Build(page, pieces, asColumns: false, charSize, turnPunctuation: false, thicken, flat);
        var cells = montage.Placements.Select(p => p.Source).Distinct().ToList();
        if (cells.Count == 0) return 0;
        var read = PaddleLines.Read(paddle, montage, ct).Values.SelectMany(g => g)
            .Where(g => g.Text.Length > 0 && char.IsAsciiLetterOrDigit(g.Text[0]) is false && !char.IsPunctuation(g.Text[0]))
            .GroupBy(g => g.Box).ToDictionary(g => g.Key, g => g.Count() == 1 ? g.Single().Confidence : 0);
        return cells.Sum(c => read.TryGetValue(c, out var confidence) ? confidence : 0) / cells.Count;
    }

    /// <summary>
    /// Where a note follows main text, ink across the note's dividing line in its first row is either a main-text
    /// character whose halves stand apart below a stroke that joins them (功: 工 and 力) or a note character reaching
    /// over the line (萬's 艹); the ink cannot tell which. So the note's head is read both ways, as the note's first rows
    /// and as a main-text cell down to the emptiest row below the crossing, the note below it either way (its first two
    /// pitches, or the whole of a short run), and the way PP-OCR is surer of per cell stays. True where a head moved.
    /// </summary>
    private static bool CrossedHeads(InkImage page, Box column, List<LayoutPiece> pieces, double pitch, PaddleRecogniser paddle, double charSize, bool thicken, Lazy<byte[]>? flat, CancellationToken ct)
    {
        var changed = false;
        int[]? rows = null; // the column's ink per row, counted once and only for a column with such a run
        for (var i = 1; i + 1 < pieces.Count; i++)
        {
            var (main, right, left) = (pieces[i - 1], pieces[i], pieces[i + 1]);
            if (main.SmallNote || main.Pitch <= 0 || !right.SmallNote || !left.SmallNote || right.Box.X <= left.Box.X) continue;
            int top = Math.Min(right.Box.Y, left.Box.Y), bottom = Math.Max(right.Box.Bottom, left.Box.Bottom);
            if (bottom - top < pitch * 1.5) continue;
            var split = (left.Box.Right + right.Box.X) / 2;
            var lastCrossing = -1;
            for (var y = top; y < Math.Min(bottom, top + (int)pitch); y++)
            {
                var row = y * page.Width;
                for (var x = Math.Max(column.X, split - 2); x <= Math.Min(column.Right - 1, split + 2); x++)
                    if (page.Ink[row + x] != 0) { lastCrossing = y; break; }
            }
            if (lastCrossing < 0) continue;
            rows ??= PageLayout.RowCounts(page, column);
            int Emptiest(int from, int to) => EmptiestRow(rows, column, from, to);
            var cut = Emptiest(lastCrossing + 1, lastCrossing + 1 + (int)(pitch / 2));
            if (cut - top < pitch * 0.4 || bottom - cut < pitch * 0.6) continue;
            var end = bottom - top <= pitch * LongestJudged ? bottom : Emptiest(top + (int)(pitch * 2), top + (int)(pitch * 2.6));
            LayoutPiece? Part(LayoutPiece piece, int y0, int y1)
            {
                var box = PageLayout.Tighten(page, new Box(piece.Box.X, y0, piece.Box.W, Math.Max(0, Math.Min(y1, piece.Box.Bottom) - y0)));
                return box.W > 0 ? piece with { Box = box } : null;
            }
            var head = PageLayout.Tighten(page, new Box(column.X, top, column.W, cut - top));
            if (head.W <= 0 || Part(right, cut, end) is not { } r || Part(left, cut, end) is not { } l) continue;
            var asNotes = Sureness(page, new[] { Part(right, top, end), Part(left, top, end) }.OfType<LayoutPiece>().ToList(), paddle, charSize, thicken, flat, ct);
            var headPiece = new LayoutPiece(head, true, Pitch: pitch);
            var asHead = Sureness(page, [headPiece, r, l], paddle, charSize, thicken, flat, ct);
            if (asHead <= asNotes) continue;
            // A short run may be main text from its top (an open-middle character, 沅, whose top crosses the line): read
            // whole as main text too, and left to the judgement of short runs below where that reads as surely.
            if (end == bottom && Sureness(page, [new LayoutPiece(new Box(column.X, top, column.W, bottom - top), true, Pitch: pitch)], paddle, charSize, thicken, flat, ct) >= asHead) continue;
            pieces[i] = Part(right, cut, right.Box.Bottom)!;
            pieces[i + 1] = Part(left, cut, left.Box.Bottom)!;
            pieces.Insert(i, headPiece);
            changed = true;
            i += 2;
        }
        return changed;
    }

    /// <summary>
    /// A note run read with its first row as a cell of main text: the cut on the emptiest row of the column within a
    /// third of a pitch of one pitch below the run's top, the sub-columns below it; null where nothing of a sub-column is left.
    /// </summary>
    private static List<LayoutPiece>? Headed(InkImage page, Box column, LayoutPiece right, LayoutPiece left, int top, double pitch)
    {
        var cut = EmptiestRow(PageLayout.RowCounts(page, column), column, top + (int)(pitch * 0.7), top + (int)(pitch * 1.3));
        var head = PageLayout.Tighten(page, new Box(column.X, top, column.W, cut - top));
        var r = PageLayout.Tighten(page, new Box(right.Box.X, cut, right.Box.W, Math.Max(0, right.Box.Bottom - cut)));
        var l = PageLayout.Tighten(page, new Box(left.Box.X, cut, left.Box.W, Math.Max(0, left.Box.Bottom - cut)));
        if (head.W <= 0 || r.W <= 0 || l.W <= 0) return null;
        return [new LayoutPiece(head, true, Pitch: pitch), right with { Box = r }, left with { Box = l }];
    }

    /// <summary>The page row from <paramref name="from"/> to <paramref name="to"/> (both kept inside the column) whose ink across the column is least, the first such.</summary>
    private static int EmptiestRow(int[] rows, Box column, int from, int to)
    {
        from = Math.Clamp(from - column.Y, 0, rows.Length - 1);
        to = Math.Clamp(to - column.Y, from, rows.Length - 1);
        var best = from;
        for (var y = from; y <= to; y++) if (rows[y] < rows[best]) best = y;
        return best + column.Y;
    }

    /// <summary>Main-text pieces that now follow each other become one (the grid then runs through both).</summary>
    private static List<LayoutPiece> Merge(List<LayoutPiece> pieces)
    {
        var merged = new List<LayoutPiece>();
        foreach (var piece in pieces)
        {
            if (merged.Count > 0 && merged[^1] is { SmallNote: false } last && !piece.SmallNote && last.Pitch > 0 && piece.Pitch > 0)
            {
                merged[^1] = last with { Box = Box.Union([last.Box, piece.Box]) };
                continue;
            }
            merged.Add(piece);
        }
        return merged;
    }
}
