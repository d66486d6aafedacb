using System.Xml;
using System.Xml.Linq;

namespace QyHeritage.Archive.Ocr;

/// <summary>The structure of an hOCR file as written by tesseract or by <see cref="Hocr.Write"/>: pages, lines, words, characters.</summary>
public sealed record HocrDocument(IReadOnlyList<HocrPage> Pages)
{
    private static readonly HashSet<string> LineClasses = new(StringComparer.Ordinal) { "ocr_line", "ocr_textfloat", "ocr_header", "ocr_caption" };

    public static HocrDocument Load(string hocr)
    {
        XDocument doc;
        try
        {
            // hOCR names the XHTML DTD; nothing may be fetched from the network to read it.
            using var reader = XmlReader.Create(new StringReader(hocr), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            doc = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FormatException($"Not well-formed hOCR: {e.Message}", e);
        }
        var pages = new List<HocrPage>();
        foreach (var pageEl in doc.Descendants().Where(e => HasClass(e, "ocr_page")))
        {
            var props = HocrTitle.Parse((string?)pageEl.Attribute("title"));
            if (!HocrTitle.TryBox(props, "bbox", out var pageBox)) throw new FormatException("ocr_page without bbox");
            var lines = new List<HocrLine>();
            foreach (var lineEl in pageEl.Descendants().Where(e => LineClasses.Contains(Class(e))))
            {
                var lp = HocrTitle.Parse((string?)lineEl.Attribute("title"));
                HocrTitle.TryBox(lp, "bbox", out var lineBox);
                var words = new List<HocrWord>();
                var wordEls = lineEl.Elements().Where(e => HasClass(e, "ocrx_word")).ToList();
                if (wordEls.Count > 0)
                {
                    foreach (var wordEl in wordEls) words.Add(ReadWord(wordEl));
                }
                else
                {
                    // Our own files: characters directly in the line, each its own "word".
                    foreach (var c in lineEl.Elements().Where(e => HasClass(e, "ocrx_cinfo")))
                    {
                        var cp = HocrTitle.Parse((string?)c.Attribute("title"));
                        var hasBox = HocrTitle.TryBox(cp, "bbox", out var cb) || HocrTitle.TryBox(cp, "x_bboxes", out cb);
                        var conf = (HocrTitle.Number(cp, "x_conf") ?? 0) / 100.0;
                        words.Add(new HocrWord(cb, conf, [new HocrChar(c.Value, hasBox ? cb : null, conf)]));
                    }
                }
                // tesseract gives vertical lines a box taller than wide; our columns too.
                lines.Add(new HocrLine(lineBox, lineBox.H > lineBox.W, words));
            }
            // Only folios we can read back ("16a"): tesseract writes none, other engines may write page numbers.
            var folios = props.TryGetValue("lpageno", out var lpageno)
                ? lpageno.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => PrintedFolio.TryParse(f, out var p) ? p : (PrintedFolio?)null).OfType<PrintedFolio>().ToList()
                : [];
            pages.Add(new HocrPage(pageBox, lines) { Folios = folios });
        }
        return new HocrDocument(pages);
    }

    private static HocrWord ReadWord(XElement wordEl)
    {
        var wp = HocrTitle.Parse((string?)wordEl.Attribute("title"));
        HocrTitle.TryBox(wp, "bbox", out var wordBox);
        var wconf = (HocrTitle.Number(wp, "x_wconf") ?? 0) / 100.0;
        var chars = new List<HocrChar>();
        var cinfo = wordEl.Elements().Where(e => HasClass(e, "ocrx_cinfo")).ToList();
        if (cinfo.Count == 0)
        {
            foreach (var rune in wordEl.Value.Trim().EnumerateRunes()) chars.Add(new HocrChar(rune.ToString(), null, wconf));
        }
        foreach (var c in cinfo)
        {
            var cp = HocrTitle.Parse((string?)c.Attribute("title"));
            Box? box = HocrTitle.TryBox(cp, "x_bboxes", out var cb) || HocrTitle.TryBox(cp, "bbox", out cb) ? cb : null;
            chars.Add(new HocrChar(c.Value, box, (HocrTitle.Number(cp, "x_conf") ?? wconf * 100) / 100.0));
        }
        return new HocrWord(wordBox, wconf, chars);
    }

    private static string Class(XElement e) => ((string?)e.Attribute("class") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    private static bool HasClass(XElement e, string cls) =>
        ((string?)e.Attribute("class") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(cls, StringComparer.Ordinal);
}

public sealed record HocrPage(Box Box, IReadOnlyList<HocrLine> Lines)
{
    /// <summary>The folios the page names in <c>lpageno</c> ("16a 16b").</summary>
    public IReadOnlyList<PrintedFolio> Folios { get; init; } = [];
}

public sealed record HocrLine(Box Box, bool Vertical, IReadOnlyList<HocrWord> Words);

public sealed record HocrChar(string Text, Box? Box, double Confidence);

public sealed record HocrWord(Box Box, double Confidence, IReadOnlyList<HocrChar> Chars)
{
    /// <summary>
    /// The word's characters with boxes. Where characters have no usable box of their own (tesseract 5.3 writes
    /// meaningless x_bboxes for vertical text), the word box is cut into equal parts along the line.
    /// </summary>
    public IEnumerable<OcrGlyph> GlyphsOrSplit(bool vertical, bool trustCharBoxes = true)
    {
        var visible = Chars.Where(c => !string.IsNullOrWhiteSpace(c.Text)).ToList();
        for (var i = 0; i < visible.Count; i++)
        {
            var c = visible[i];
            if (trustCharBoxes && c.Box is { } own && Inside(own, Box)) { yield return new OcrGlyph(c.Text, own, c.Confidence); continue; }
            yield return new OcrGlyph(c.Text, Split(Box, vertical, i, visible.Count), c.Confidence);
        }
    }

    private static bool Inside(Box inner, Box outer) =>
        outer.W == 0 || (inner.X >= outer.X - 2 && inner.Y >= outer.Y - 2 && inner.Right <= outer.Right + 2 && inner.Bottom <= outer.Bottom + 2);

    internal static Box Split(Box b, bool vertical, int index, int count)
    {
        if (count <= 1) return b;
        if (vertical)
        {
            int y0 = b.Y + b.H * index / count, y1 = b.Y + b.H * (index + 1) / count;
            return new Box(b.X, y0, b.W, y1 - y0);
        }
        int x0 = b.X + b.W * index / count, x1 = b.X + b.W * (index + 1) / count;
        return new Box(x0, b.Y, x1 - x0, b.H);
    }
}
