namespace QyHeritage.Archive.Ocr;

/// <summary>A rectangle in page-image pixels, origin top-left.</summary>
public readonly record struct Box(int X, int Y, int W, int H)
{
    public int Right => X + W;
    public int Bottom => Y + H;

    public static Box Union(IEnumerable<Box> boxes)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = int.MinValue, y1 = int.MinValue;
        foreach (var b in boxes)
        {
            x0 = Math.Min(x0, b.X); y0 = Math.Min(y0, b.Y);
            x1 = Math.Max(x1, b.Right); y1 = Math.Max(y1, b.Bottom);
        }
        return x0 == int.MaxValue ? default : new Box(x0, y0, x1 - x0, y1 - y0);
    }
}

/// <summary>One recognised (or aligned) character with its box and confidence (0–1).</summary>
public sealed record OcrGlyph(string Text, Box Box, double Confidence);

/// <summary>A line of text: one column on a vertical page, one line on a horizontal page.</summary>
public sealed record OcrLine(Box Box, IReadOnlyList<OcrGlyph> Glyphs)
{
    public string Text => string.Concat(Glyphs.Select(g => g.Text));
}

/// <summary>The text of one page image in reading order, with character boxes.</summary>
public sealed record OcrPage(int Width, int Height, IReadOnlyList<OcrLine> Lines)
{
    public string Text => string.Join('\n', Lines.Select(l => l.Text));

    /// <summary>The leaves the image shows as their 版心 number them, in reading order (a sheet photographed whole shows
    /// several); empty where no 版心 was found or read.</summary>
    public IReadOnlyList<PrintedFolio> Folios { get; init; } = [];
}
