using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// The third voter on a character cell: the glyph templates (<see cref="GlyphTemplates"/>) compared with the cell's ink.
/// It names another character only when that character's template matches clearly better than every model's reading
/// (<c>overrideMargin</c>), and settles a disagreement only when one reading's template matches clearly better than the
/// other's (<c>preferMargin</c>); otherwise it has no opinion. It never judges punctuation or other non-ideographs.
/// </summary>
internal sealed class GlyphJudge(GlyphTemplates templates, InkImage page, double overrideMargin, double preferMargin)
{
    public string Style => templates.Style;

    /// <summary>How much better the nearest template must match than every reading's to name another character.</summary>
    public double OverrideMargin => overrideMargin;

    /// <summary>
    /// A judge for one page in the style whose templates fit the page's surely read characters best (mean similarity of
    /// each such cell to the template of what was read); none when no style fits at least <paramref name="minFit"/>:
    /// type the fonts do not resemble (a scan of a woodblock print, a bold face) would make the templates guess.
    /// </summary>
    public static GlyphJudge? ForPage(IReadOnlyList<GlyphTemplates> styles, InkImage page, IEnumerable<OcrGlyph> sure, double minFit,
        double overrideMargin, double preferMargin, out double fit)
    {
        fit = double.NaN;
        if (styles.Count == 0) return null;
        // A few dozen cells spread over the page say enough and cost little.
        var cells = sure.Where(g => IsIdeograph(g.Text) && g.Box.W > 0 && g.Box.H > 0).ToList();
        var step = Math.Max(1, cells.Count / 48);
        var shapes = cells.Where((_, i) => i % step == 0).Select(g => (g.Text, Shape: GlyphTemplates.ShapeOf(page, g.Box)))
            .Where(c => c.Shape is not null).ToList();
        if (shapes.Count < 4) return null;
        var best = styles.Select(t => (Templates: t, Fit: shapes.Select(c => t.Score(c.Shape!.Value.Fine, c.Text)).Where(v => !float.IsNaN(v)).DefaultIfEmpty(0).Average()))
            .MaxBy(x => x.Fit);
        fit = best.Fit;
        return best.Fit >= minFit ? new GlyphJudge(best.Templates, page, overrideMargin, preferMargin) : null;
    }

    /// <summary>Which of the style's fonts draws a character's template (-1: the templates do not draw it).</summary>
    public int FontOf(string text) => templates.FontOf(text);

    /// <summary>The fine shape of a cell's ink, to score templates against (null: a cell without ink).</summary>
    public float[]? ShapeOf(Box cell) => cell.W > 0 && cell.H > 0 && GlyphTemplates.ShapeOf(page, cell) is { } shape ? shape.Fine : null;

    /// <summary>Each text's template score against a cell's shape (<see cref="ShapeOf"/>; NaN where the templates do not draw it).</summary>
    public float[] Scores(float[] shape, IReadOnlyList<string> texts) => [.. texts.Select(t => templates.Score(shape, t))];

    /// <summary>The character the cell holds in the templates' view, or null for no opinion.</summary>
    public string? Pick(Box cell, params string[] readings)
    {
        if (readings.Length == 0 || readings.Any(r => !IsIdeograph(r))) return null;
        if (cell.W <= 0 || cell.H <= 0 || GlyphTemplates.ShapeOf(page, cell) is not { } shape) return null;
        var scored = readings.Select(r => (Text: r, Score: templates.Score(shape.Fine, r))).Where(r => !float.IsNaN(r.Score)).OrderByDescending(r => r.Score).ToList();
        // A reading the templates cannot draw (an Extension B character) is beyond their judgement.
        if (scored.Count < readings.Distinct().Count()) return null;
        var nearest = templates.Nearest(shape, 1)[0];
        if (nearest.Text != scored[0].Text && nearest.Score - scored[0].Score >= overrideMargin) return nearest.Text;
        if (scored.Count >= 2 && scored[0].Score - scored[1].Score >= preferMargin) return scored[0].Text;
        return null;
    }

    internal static bool IsIdeograph(string text) =>
        text.Length > 0 && text.EnumerateRunes().Count() == 1 && System.Text.Rune.GetRuneAt(text, 0).Value is >= 0x3400 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3134F;
}
