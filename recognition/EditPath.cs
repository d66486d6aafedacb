using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Two readings of a column or line paired along a cheapest edit path: the readers' vote (<see cref="CellVote"/>) and
/// the horizontal lines' (<see cref="HorizontalLines"/>) differ only in what pairing two characters costs.
/// </summary>
internal static class EditPath
{
    /// <summary>
    /// Pairs of the two sequences along a cheapest edit path (a gap costs 1, pairing a[i] with b[j] costs
    /// <paramref name="pairCost"/>(i, j)), in order; a null on one side is a gap. Lines are a few dozen characters, so
    /// the quadratic table costs nothing.
    /// </summary>
    public static List<(OcrGlyph? A, OcrGlyph? B)> Align(IReadOnlyList<OcrGlyph> a, IReadOnlyList<OcrGlyph> b, Func<int, int, int> pairCost)
    {
        int n = a.Count, m = b.Count;
        var d = new int[n + 1, m + 1];
        for (var i = 0; i <= n; i++) d[i, 0] = i;
        for (var j = 0; j <= m; j++) d[0, j] = j;
        for (var i = 1; i <= n; i++)
            for (var j = 1; j <= m; j++)
                d[i, j] = Math.Min(d[i - 1, j - 1] + pairCost(i - 1, j - 1), Math.Min(d[i - 1, j], d[i, j - 1]) + 1);
        var pairs = new List<(OcrGlyph?, OcrGlyph?)>();
        int x = n, y = m;
        while (x > 0 || y > 0)
        {
            // Prefer the diagonal: two readings of one cell are a substitution, not a gap and an insertion.
            if (x > 0 && y > 0 && d[x, y] == d[x - 1, y - 1] + pairCost(x - 1, y - 1)) { pairs.Add((a[x - 1], b[y - 1])); x--; y--; }
            else if (x > 0 && d[x, y] == d[x - 1, y] + 1) { pairs.Add((a[x - 1], null)); x--; }
            else { pairs.Add((null, b[y - 1])); y--; }
        }
        pairs.Reverse();
        return pairs;
    }
}
