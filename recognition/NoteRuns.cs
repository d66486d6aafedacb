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

    public static IReadOnlyList<LayoutLine> Judge(InkImage page, IReadOnlyList<LayoutLine> lines, PaddleRecogniser paddle, double charSize, bool thicken, CancellationToken ct)
    {
        var pitch = lines.SelectMany(l => l.Pieces).Select(p => p.Pitch).FirstOrDefault(p => p > 0);
        if (pitch <= 0) return lines;
        var result = new List<LayoutLine>(lines.Count);
        foreach (var line in lines)
        {
            var pieces = line.Pieces.ToList();
            var changed = false;
            for (var i = 0; i + 1 < pieces.Count; i++)
            {
                var (right, left) = (pieces[i], pieces[i + 1]);
                if (!right.SmallNote || !left.SmallNote) continue;
                int top = Math.Min(right.Box.Y, left.Box.Y), bottom = Math.Max(right.Box.Bottom, left.Box.Bottom);
                // The two sub-columns of one run share its rows; a run is at least a character tall.
                if (Math.Min(right.Box.Bottom, left.Box.Bottom) <= Math.Max(right.Box.Y, left.Box.Y)) continue;
                if (bottom - top > pitch * LongestJudged || bottom - top < pitch * 0.6) continue;
                var main = new LayoutPiece(new Box(line.Box.X, top, line.Box.W, bottom - top), true, Pitch: pitch);
                var asMain = Sureness(page, [main], paddle, charSize, thicken, ct);
                var asNotes = Sureness(page, [right, left], paddle, charSize, thicken, ct);
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
    /// of main text: PP-OCR reads both, and surely).
    /// </summary>
    internal static double Sureness(InkImage page, IReadOnlyList<LayoutPiece> pieces, PaddleRecogniser paddle, double charSize, bool thicken, CancellationToken ct)
    {
        var montage = Montage.Build(page, pieces, asColumns: false, charSize, turnPunctuation: false, thicken);
        var cells = montage.Placements.Select(p => p.Source).Distinct().ToList();
        if (cells.Count == 0) return 0;
        var read = PaddleLines.Read(paddle, montage, ct).Values.SelectMany(g => g)
            .Where(g => g.Text.Length > 0 && char.IsAsciiLetterOrDigit(g.Text[0]) is false && !char.IsPunctuation(g.Text[0]))
            .GroupBy(g => g.Box).ToDictionary(g => g.Key, g => g.Count() == 1 ? g.Single().Confidence : 0);
        return cells.Sum(c => read.TryGetValue(c, out var confidence) ? confidence : 0) / cells.Count;
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
