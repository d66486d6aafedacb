using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Tests.Transcription;

/// <summary>
/// Reads the checked-in tesseract hOCR fixtures into <see cref="OcrPage"/>, just enough for the
/// alignment tests (the product's hOCR reader lives in archive-core/Ocr/Hocr.cs and is not used here on purpose).
/// </summary>
internal static class TesseractHocrFixture
{
    private static readonly string[] LineClasses = ["ocr_line", "ocr_textfloat", "ocr_header", "ocr_caption"];

    /// <summary>Folder of the hOCR fixtures.</summary>
    public static string Folder => Path.Combine(TestPaths.TestData, "ocr-samples");

    /// <summary>Loads a fixture by file name (e.g. "rb05_gdtz_j53_qingyuan_guji-p001.hocr").</summary>
    public static OcrPage Load(string fileName)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(Path.Combine(Folder, fileName), settings);
        var doc = XDocument.Load(reader);
        var page = doc.Descendants().First(e => HasClass(e, "ocr_page"));
        var pageBox = BoxOf(page) ?? throw new InvalidDataException("ocr_page without bbox");

        var lines = new List<OcrLine>();
        foreach (var line in doc.Descendants().Where(e => LineClasses.Any(c => HasClass(e, c))))
        {
            var glyphs = line.Descendants().Where(e => HasClass(e, "ocrx_word")).SelectMany(GlyphsOf).ToArray();
            if (glyphs.Length == 0) continue;
            lines.Add(new OcrLine(BoxOf(line) ?? Box.Union(glyphs.Select(g => g.Box)), glyphs));
        }
        return new OcrPage(pageBox.W, pageBox.H, lines);
    }

    /// <summary>
    /// The characters of one word. tesseract 5.3 writes degenerate character boxes for vertical text
    /// (zero width, coordinates of the rotated line), so when a word's character boxes do not lie in
    /// the word box, the word box is cut evenly along its longer side instead.
    /// </summary>
    private static IEnumerable<OcrGlyph> GlyphsOf(XElement word)
    {
        var wordBox = BoxOf(word) ?? default;
        var chars = word.Elements().Where(e => HasClass(e, "ocrx_cinfo"))
            .Select(e => (Text: e.Value.Trim(), Box: BoxOf(e, "x_bboxes"), Conf: Number(e, "x_conf") / 100))
            .Where(c => c.Text.Length > 0)
            .ToArray();
        if (chars.Length == 0)
        {
            var text = word.Value.Trim();
            if (text.Length > 0) yield return new OcrGlyph(text, wordBox, Number(word, "x_wconf") / 100);
            yield break;
        }

        var usable = chars.All(c => c.Box is { W: > 0, H: > 0 } b && Inside(b, wordBox));
        for (var i = 0; i < chars.Length; i++)
        {
            var box = usable ? chars[i].Box!.Value : Slice(wordBox, i, chars.Length);
            yield return new OcrGlyph(chars[i].Text, box, chars[i].Conf);
        }
    }

    private static Box Slice(Box word, int index, int count)
    {
        if (word.H >= word.W)
        {
            var y0 = word.Y + word.H * index / count;
            var y1 = word.Y + word.H * (index + 1) / count;
            return new Box(word.X, y0, word.W, Math.Max(1, y1 - y0));
        }
        var x0 = word.X + word.W * index / count;
        var x1 = word.X + word.W * (index + 1) / count;
        return new Box(x0, word.Y, Math.Max(1, x1 - x0), word.H);
    }

    private static bool Inside(Box inner, Box outer) =>
        inner.X >= outer.X - 2 && inner.Y >= outer.Y - 2 && inner.Right <= outer.Right + 2 && inner.Bottom <= outer.Bottom + 2;

    private static bool HasClass(XElement e, string cls) =>
        ((string?)e.Attribute("class"))?.Split(' ').Contains(cls) == true;

    /// <summary>The "bbox x0 y0 x1 y1" (or x_bboxes) property of an hOCR title attribute.</summary>
    private static Box? BoxOf(XElement e, string property = "bbox")
    {
        var values = Property(e, property);
        if (values is null || values.Length < 4) return null;
        var n = values.Take(4).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new Box(n[0], n[1], n[2] - n[0], n[3] - n[1]);
    }

    private static double Number(XElement e, string property) =>
        Property(e, property) is [var v, ..] ? double.Parse(v, CultureInfo.InvariantCulture) : 0;

    private static string[]? Property(XElement e, string name)
    {
        var title = (string?)e.Attribute("title");
        if (title is null) return null;
        foreach (var part in title.Split(';'))
        {
            var words = part.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0 && words[0] == name) return words[1..];
        }
        return null;
    }
}
