using System.Globalization;
using System.Text;
using ImageMagick;
using ImageMagick.Drawing;

namespace QyHeritage.Immersive.Panels;

/// <summary>
/// Draws plain text with Magick.NET in a CJK font (Noto Sans CJK from fonts-noto-cjk), wrapping Chinese
/// between any two characters and English between words. Text is drawn as given, never interpreted:
/// markup shows as its characters (Magick.NET's text drawable reads no '%' escapes or '@' files; a test holds it to that). Characters beyond the Basic Multilingual Plane in the CJK extensions
/// (Ext-B onwards) are drawn in HanaMinB where installed, and as 〓 (the printers' mark for a missing
/// character) where not, or where they are not CJK at all.
/// </summary>
public sealed class TextPainter
{
    public const string DefaultFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    public const string DefaultBoldFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
    public const string DefaultExtensionFont = "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf";
    public const char Missing = '〓';
    private const string NoLineStart = "，。、；：！？）」』”’》〉】,.;:!?)";

    private readonly Dictionary<(string Font, double Size, string Glyph), double> _advances = new();
    private readonly string _font;
    private readonly string _bold;
    private readonly string? _extension;

    public TextPainter(string? font = null, string? bold = null, string? extensionFont = null)
    {
        _font = font ?? DefaultFont;
        _bold = bold ?? (File.Exists(DefaultBoldFont) ? DefaultBoldFont : _font);
        _extension = extensionFont ?? (File.Exists(DefaultExtensionFont) ? DefaultExtensionFont : null);
        if (!File.Exists(_font)) throw new FileNotFoundException($"CJK font not found: {_font} (apt-get install fonts-noto-cjk)");
    }

    /// <summary>Whether supplementary CJK characters are drawn in a font of their own (else as 〓).</summary>
    public bool HasExtensionFont => _extension is not null;

    /// <summary>
    /// Cleans text for drawing: line breaks kept, other control characters and unpaired surrogates dropped,
    /// runs of spaces folded, and at most <paramref name="maxChars"/> text elements kept (an ellipsis marks the cut).
    /// </summary>
    public static string Clean(string? text, int maxChars)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(Math.Min(text.Length, maxChars * 2 + 2));
        var count = 0;
        var e = StringInfo.GetTextElementEnumerator(text.Replace("\r\n", "\n"));
        var space = false;
        while (e.MoveNext())
        {
            var el = e.GetTextElement();
            var c = el[0];
            if (char.IsSurrogate(c) && !(el.Length >= 2 && char.IsSurrogatePair(el[0], el[1]))) continue;
            if (c != '\n' && (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)) continue;
            if (c is ' ' or '\t') { if (space) continue; space = true; el = " "; }
            else space = false;
            if (count == maxChars) { sb.Append('…'); break; }
            sb.Append(el);
            count++;
        }
        return sb.ToString().Trim();
    }

    /// <summary>Splits text into lines no wider than <paramref name="width"/> pixels at <paramref name="size"/> pixels.</summary>
    public IReadOnlyList<string> Wrap(string text, double size, double width, bool bold = false)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            double lineWidth = 0;
            foreach (var token in Tokens(paragraph))
            {
                var w = Measure(token, size, bold);
                // Closing punctuation never starts a line (禁则): it stays at the end of this one.
                if (lineWidth + w > width && line.Length > 0 && !(token.Length == 1 && NoLineStart.Contains(token[0])))
                {
                    lines.Add(line.ToString().TrimEnd());
                    line.Clear();
                    lineWidth = 0;
                    if (token == " ") continue;
                }
                if (w > width)
                {
                    // A word longer than the line: break it between characters.
                    foreach (var g in Elements(token))
                    {
                        var gw = Measure(g, size, bold);
                        if (lineWidth + gw > width && line.Length > 0) { lines.Add(line.ToString()); line.Clear(); lineWidth = 0; }
                        line.Append(g);
                        lineWidth += gw;
                    }
                    continue;
                }
                line.Append(token);
                lineWidth += w;
            }
            lines.Add(line.ToString().TrimEnd());
        }
        return lines;
    }

    /// <summary>Lines cut to <paramref name="max"/>, the last ending in an ellipsis when some were cut.</summary>
    public static IReadOnlyList<string> Limit(IReadOnlyList<string> lines, int max)
    {
        if (lines.Count <= max) return lines;
        var kept = lines.Take(max).ToList();
        var last = kept[^1];
        var elements = Elements(last).ToList();
        kept[^1] = string.Concat(elements.Take(Math.Max(0, elements.Count - 1))) + "…";
        return kept;
    }

    /// <summary>
    /// Adds one line, its baseline starting at (x, baseline), to a drawing; draw it once per panel with
    /// <c>drawing.Draw(image)</c> (each separate draw would load the font again).
    /// </summary>
    public void DrawLine(IDrawables<byte> drawing, string line, double x, double baseline, double size, string color, bool bold = false)
    {
        foreach (var (run, font) in Runs(line, bold))
        {
            if (run.Length == 0) continue;
            drawing.Font(font).FontPointSize(size).FillColor(new MagickColor(color)).Text(x, baseline, run);
            x += Measure(run, size, bold, font);
        }
    }

    /// <summary>Pixel width of a text in a size (sum of character advances).</summary>
    public double Measure(string text, double size, bool bold = false, string? font = null)
    {
        double total = 0;
        foreach (var g in Elements(text))
        {
            var f = font ?? FontFor(g, bold);
            var glyph = Printable(g, f);
            if (!_advances.TryGetValue((f, size, glyph), out var a))
            {
                a = glyph == " " ? size * 0.3 : new Drawables().Font(f).FontPointSize(size).TextEncoding(Encoding.UTF8).FontTypeMetrics(glyph)?.TextWidth ?? size;
                _advances[(f, size, glyph)] = a;
            }
            total += a;
        }
        return total;
    }

    private string FontFor(string element, bool bold) =>
        char.IsSurrogatePair(element, 0) && IsCjkExtension(char.ConvertToUtf32(element, 0)) && _extension is not null ? _extension : bold ? _bold : _font;

    private string Printable(string element, string font) =>
        char.IsSurrogatePair(element, 0) && (font != _extension || !IsCjkExtension(char.ConvertToUtf32(element, 0))) ? Missing.ToString() : element;

    /// <summary>Runs of one font each, with characters no font has replaced by 〓.</summary>
    private IEnumerable<(string Text, string Font)> Runs(string line, bool bold)
    {
        var sb = new StringBuilder();
        string? current = null;
        foreach (var g in Elements(line))
        {
            var f = FontFor(g, bold);
            if (current is not null && f != current) { yield return (sb.ToString(), current); sb.Clear(); }
            current = f;
            sb.Append(Printable(g, f));
        }
        if (current is not null) yield return (sb.ToString(), current);
    }

    private static bool IsCjkExtension(int cp) => cp is >= 0x20000 and <= 0x3FFFF;

    private static IEnumerable<string> Elements(string text)
    {
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext()) yield return e.GetTextElement();
    }

    /// <summary>Tokens to wrap between: a Latin word, a space, or one CJK character (or punctuation).</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        foreach (var g in Elements(text))
        {
            var c = g[0];
            var latin = g.Length == 1 && c < 0x2E80 && !char.IsWhiteSpace(c);
            if (latin) { word.Append(g); continue; }
            if (word.Length > 0) { yield return word.ToString(); word.Clear(); }
            yield return char.IsWhiteSpace(c) ? " " : g;
        }
        if (word.Length > 0) yield return word.ToString();
    }
}
