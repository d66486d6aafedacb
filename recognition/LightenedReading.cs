using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// The cells of a small-type line that PP-OCR read nothing in, read a second time, lightened (<see cref="Gamma"/>): at
/// 10–11 px a dense character is a blot of grey that the model takes for blank, and lightened its strokes part. Only a
/// window of <see cref="Context"/> cells each side of each blank cell is read again, not the whole line: the model's
/// cost grows with the line image's width, and the blank cells are few. Only the blank cells take the second reading
/// (where PP-OCR read something, the lightened reading is no better on the whole: measured).
/// </summary>
internal static class LightenedReading
{
    /// <summary>Grey levels raised to this power (0 = black, 255 = white): under 1 lightens the greys, keeps black black.</summary>
    internal const double Gamma = 0.5;

    /// <summary>Cells read with a blank cell on each side: the model reads a character from its neighbours too (one gave less, three no more; measured).</summary>
    internal const int Context = 2;

    private static readonly byte[] Lighter = Enumerable.Range(0, 256).Select(v => (byte)Math.Round(255 * Math.Pow(v / 255.0, Gamma))).ToArray();

    /// <summary>
    /// <paramref name="first"/>, one line's reading (cells <paramref name="cells"/> of <paramref name="montage"/>, its
    /// characters in cell order), with each cell it read nothing in taking what the lightened window reads there.
    /// </summary>
    public static List<OcrGlyph> Reconsider(PaddleRecogniser recogniser, Montage montage, IReadOnlyList<Placement> cells, List<OcrGlyph> first,
        Dictionary<OcrGlyph, IReadOnlyList<(string Text, float P)>>? next)
    {
        var read = first.Select(g => g.Box).ToHashSet();
        var ordered = cells.OrderBy(c => c.Target.X).ToList();
        var blank = Enumerable.Range(0, ordered.Count).Where(i => !read.Contains(ordered[i].Source)).ToList();
        if (blank.Count == 0) return first;
        var second = new List<OcrGlyph>();
        foreach (var (from, to) in Windows(blank, ordered.Count, Context))
            second.AddRange(ReadLightened(recogniser, montage, ordered.GetRange(from, to - from + 1), next));
        return Fill(cells, first, second);
    }

    /// <summary>
    /// The runs of cells (first and last index) within <paramref name="context"/> cells of a blank one, in a line of
    /// <paramref name="count"/> cells; runs that touch are one.
    /// </summary>
    internal static List<(int From, int To)> Windows(IReadOnlyList<int> blank, int count, int context)
    {
        var windows = new List<(int From, int To)>();
        foreach (var i in blank)
        {
            int from = Math.Max(0, i - context), to = Math.Min(count - 1, i + context);
            if (windows.Count > 0 && from <= windows[^1].To + 1) windows[^1] = (windows[^1].From, Math.Max(to, windows[^1].To));
            else windows.Add((from, to));
        }
        return windows;
    }

    /// <summary>
    /// The line's characters in cell order: each cell's from <paramref name="first"/>, a cell with none there its
    /// characters from <paramref name="second"/>.
    /// </summary>
    internal static List<OcrGlyph> Fill(IReadOnlyList<Placement> cells, List<OcrGlyph> first, List<OcrGlyph> second)
    {
        var firstInCell = first.GroupBy(g => g.Box).ToDictionary(g => g.Key, g => g.ToList());
        var secondInCell = second.GroupBy(g => g.Box).ToDictionary(g => g.Key, g => g.ToList());
        return cells.OrderBy(c => c.Target.X)
            .SelectMany(c => firstInCell.TryGetValue(c.Source, out var f) ? f : secondInCell.TryGetValue(c.Source, out var s) ? s : [])
            .ToList();
    }

    /// <summary>A run of the line's cells read again, its pixels lightened; each character in the cell it was read from.</summary>
    private static List<OcrGlyph> ReadLightened(PaddleRecogniser recogniser, Montage montage, IReadOnlyList<Placement> cells,
        Dictionary<OcrGlyph, IReadOnlyList<(string Text, float P)>>? next)
    {
        // The same white around the run as around the line's first reading (PaddleLines.LineCrop).
        var read = PaddleLines.ReadCells(recogniser, montage, cells, next is null ? 0 : 4, Lighter);
        if (next is not null) foreach (var (glyph, others) in read) next[glyph] = others;
        return read.Select(r => r.Glyph).ToList();
    }
}
