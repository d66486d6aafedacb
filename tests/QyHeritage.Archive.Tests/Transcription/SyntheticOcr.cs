using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Tests.Transcription;

/// <summary>
/// Builds OCR pages with exactly known geometry: a 1000×1400 page, character cells 60 px wide and
/// 70 px apart along the line, starting 100 px from the reading start.
/// </summary>
internal static class SyntheticOcr
{
    public const int Width = 1000, Height = 1400;
    public const int Size = 60, Pitch = 70, Start = 100;

    /// <summary>Vertical page: line i is a column at x = 860 − 100·i, read right to left; '_' skips a cell unread.</summary>
    public static OcrPage Vertical(params string[] columns) =>
        new(Width, Height, columns.Select((text, i) => Line(text, cell => ColumnBox(i, cell))).Where(l => l.Glyphs.Count > 0).ToArray());

    /// <summary>Horizontal page: line i at y = 100 + 100·i, read left to right; '_' skips a cell unread.</summary>
    public static OcrPage Horizontal(params string[] lines) =>
        new(Width, Height, lines.Select((text, i) => Line(text, cell => new Box(Start + cell * Pitch, 100 + 100 * i, Size, Size))).Where(l => l.Glyphs.Count > 0).ToArray());

    public static Box ColumnBox(int column, int cell) => new(860 - 100 * column, Start + cell * Pitch, Size, Size);

    private static OcrLine Line(string text, Func<int, Box> boxAt)
    {
        var glyphs = new List<OcrGlyph>();
        for (var cell = 0; cell < text.Length; cell++)
        {
            if (text[cell] != '_') glyphs.Add(new OcrGlyph(text[cell].ToString(), boxAt(cell), 0.9));
        }
        return new OcrLine(glyphs.Count == 0 ? default : Box.Union(glyphs.Select(g => g.Box)), glyphs);
    }
}
