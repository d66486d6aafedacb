using System.Globalization;
using System.Text;
using SkiaSharp;

namespace QyHeritage.PageGen;

/// <summary>One cell of a column or line: a character, a full-width space (indentation), or a double-line note.</summary>
public sealed record Token(string Text, bool Note)
{
    /// <summary>Cells it takes down a column: one, or half the note's characters (two sub-columns side by side).</summary>
    public int Cells => Note ? Math.Max(1, (Runes(Text).Count + 1) / 2) : 1;

    public static List<string> Runes(string s) => s.EnumerateRunes().Select(r => r.ToString()).ToList();

    /// <summary>
    /// A transcription line as tokens. The sample transcriptions mark a double-line note as 〔…〕 (right sub-column, then
    /// left); 〓 stands for a character the transcription could not give, so it is not drawn.
    /// </summary>
    public static List<Token> Parse(string line)
    {
        var tokens = new List<Token>();
        var note = (StringBuilder?)null;
        foreach (var r in line.TrimEnd().EnumerateRunes())
        {
            var s = r.ToString();
            if (s == "〔") { note = new StringBuilder(); continue; }
            if (s == "〕" && note is not null) { if (note.Length > 0) tokens.Add(new Token(note.ToString().Replace("　", ""), true)); note = null; continue; }
            if (s == "〓") continue;
            if (note is not null) note.Append(s); else tokens.Add(new Token(s, false));
        }
        if (note is { Length: > 0 }) tokens.Add(new Token(note.ToString().Replace("　", ""), true));
        return tokens;
    }
}

/// <summary>Draws single characters the way a vertical or horizontal CJK page prints them, and records what it drew.</summary>
public sealed class GlyphPen(Fonts fonts, SKCanvas canvas)
{
    // Vertical forms of the brackets and dashes (used when the font has them; else the horizontal form is turned).
    private static readonly Dictionary<string, string> VerticalForms = new()
    {
        ["「"] = "﹁", ["」"] = "﹂", ["『"] = "﹃", ["』"] = "﹄", ["（"] = "︵", ["）"] = "︶", ["《"] = "︽", ["》"] = "︾",
        ["〈"] = "︿", ["〉"] = "﹀", ["【"] = "︻", ["】"] = "︼", ["—"] = "︱", ["…"] = "︙", ["("] = "︵", [")"] = "︶",
    };
    // Sentence marks sit in the top right of their cell in a vertical column (bottom left in a horizontal line).
    private const string CornerMarks = "，。、．：；！？";

    public SKPaint Paint { get; } = new() { Color = SKColors.Black, IsAntialias = true };

    /// <summary>Draws one character centred on (cx, cy) in an em of <paramref name="size"/>; false when no generator font has it.</summary>
    public bool Draw(string ch, float cx, float cy, float size, FontStyle style, bool vertical, bool bold = false)
    {
        if (ch == "　" || ch == " ") return true;
        var shown = ch;
        var turn = false;
        if (vertical && VerticalForms.TryGetValue(ch, out var v))
        {
            if (fonts.For(style, char.ConvertToUtf32(v, 0)) is not null) shown = v; else turn = true;
        }
        var typeface = fonts.For(style, char.ConvertToUtf32(shown, 0));
        if (typeface is null) return false;
        using var font = new SKFont(typeface, size) { Embolden = bold, Edging = SKFontEdging.Antialias, Subpixel = true };
        var advance = font.MeasureText(shown);
        var wide = Rune.GetRuneAt(shown, 0).Value >= 0x2E80;
        var (x, y) = (cx - advance / 2, cy + size * 0.37f);
        if (!wide && !vertical) (x, y) = (cx - advance / 2, cy + size * 0.35f);
        canvas.Save();
        if (turn) canvas.RotateDegrees(90, cx, cy);
        if (vertical && CornerMarks.Contains(ch, StringComparison.Ordinal)) { x += size * 0.5f; y -= size * 0.5f; }
        canvas.DrawText(shown, x, y, SKTextAlign.Left, font, Paint);
        canvas.Restore();
        return true;
    }

    /// <summary>Advance of a character on a horizontal line: a full em for CJK, the font's own width for Latin.</summary>
    public float Advance(string ch, float size, FontStyle style)
    {
        if (Rune.GetRuneAt(ch, 0).Value >= 0x2E80 || ch == " ") return ch == " " ? size * 0.3f : size;
        var typeface = fonts.For(style, char.ConvertToUtf32(ch, 0));
        if (typeface is null) return 0;
        using var font = new SKFont(typeface, size);
        return font.MeasureText(ch);
    }

    /// <summary>Chinese numerals for 卷 and leaf numbers in the 版心.</summary>
    public static string Numeral(int n)
    {
        const string digits = "〇一二三四五六七八九";
        if (n < 10) return digits[n].ToString();
        if (n < 20) return "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString());
        if (n < 100) return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString());
        return n.ToString(CultureInfo.InvariantCulture);
    }
}
