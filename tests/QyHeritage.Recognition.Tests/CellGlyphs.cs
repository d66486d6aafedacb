using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition.Tests;

/// <summary>Readings made by hand for the vote's and the word context's tests: a glyph in cell n of one vertical column, and what a reading says.</summary>
internal static class CellGlyphs
{
    /// <summary><paramref name="text"/> read with <paramref name="confidence"/> in the column's cell <paramref name="cell"/> (cells 100 px apart).</summary>
    public static OcrGlyph InCell(string text, double confidence, int cell) => new(text, new Box(0, cell * 100, 90, 90), confidence);

    /// <summary>What a reading says, its glyphs' texts in order.</summary>
    public static string Text(IEnumerable<OcrGlyph> glyphs) => string.Concat(glyphs.Select(g => g.Text));
}
