namespace QyHeritage.Archive.Ocr;

/// <summary>Who reads the character cells of vertical columns.</summary>
public enum CellReader
{
    /// <summary>tesseract alone.</summary>
    Tesseract,
    /// <summary>PP-OCR alone.</summary>
    Paddle,
    /// <summary>Both, and per character the reading chosen by <see cref="CellVote"/>.</summary>
    Both,
}

/// <summary>
/// Chooses, character by character, between tesseract's and PP-OCR's reading of one column. The two readings are
/// aligned as strings (edit distance), not by cell: tesseract's character boxes are rough enough to put a character in
/// the neighbouring cell, so two characters can share a cell and the next be empty. Where the readings agree there is
/// nothing to choose; where they differ, the reading with the higher confidence wins, PP-OCR's counted
/// <c>margin</c> lower. A character only tesseract read is kept (PP-OCR drops characters its key list lacks, such as
/// 㑹 and 洭); one only PP-OCR read is added when its confidence reaches <c>addAbove</c>.
/// </summary>
internal static class CellVote
{
    public static List<OcrGlyph> Choose(IReadOnlyList<OcrGlyph> tesseract, IReadOnlyList<OcrGlyph> paddle, double margin, double addAbove)
    {
        var result = new List<OcrGlyph>();
        foreach (var (t, p) in Align(tesseract, paddle))
        {
            if (t is null) { if (p!.Confidence >= addAbove) result.Add(p); continue; }
            if (p is null || t.Text == p.Text) { result.Add(t); continue; }
            // PP-OCR places its characters by time step, closer to the truth than tesseract's LSTM boxes.
            result.Add(p.Confidence - margin > t.Confidence ? p : t with { Box = p.Box });
        }
        return result;
    }

    /// <summary>
    /// Pairs of the two sequences along a cheapest edit path (substitution and gap cost 1, a match 0), in order; a
    /// null on one side is a gap. Columns are a few dozen characters, so the quadratic table costs nothing.
    /// </summary>
    internal static List<(OcrGlyph? T, OcrGlyph? P)> Align(IReadOnlyList<OcrGlyph> a, IReadOnlyList<OcrGlyph> b)
    {
        int n = a.Count, m = b.Count;
        var d = new int[n + 1, m + 1];
        for (var i = 0; i <= n; i++) d[i, 0] = i;
        for (var j = 0; j <= m; j++) d[0, j] = j;
        for (var i = 1; i <= n; i++)
            for (var j = 1; j <= m; j++)
                d[i, j] = Math.Min(d[i - 1, j - 1] + (a[i - 1].Text == b[j - 1].Text ? 0 : 1), Math.Min(d[i - 1, j], d[i, j - 1]) + 1);
        var pairs = new List<(OcrGlyph?, OcrGlyph?)>();
        int x = n, y = m;
        while (x > 0 || y > 0)
        {
            // Prefer the diagonal: two readings of one cell are a substitution, not a gap and an insertion.
            if (x > 0 && y > 0 && d[x, y] == d[x - 1, y - 1] + (a[x - 1].Text == b[y - 1].Text ? 0 : 1)) { pairs.Add((a[x - 1], b[y - 1])); x--; y--; }
            else if (x > 0 && d[x, y] == d[x - 1, y] + 1) { pairs.Add((a[x - 1], null)); x--; }
            else { pairs.Add((null, b[y - 1])); y--; }
        }
        pairs.Reverse();
        return pairs;
    }
}
