using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace QyHeritage.Archive.Ocr;

/// <summary>
/// hOCR 1.2 (http://kba.github.io/hocr-spec/1.2/) for an <see cref="OcrPage"/>: <c>ocr_page</c> → <c>ocr_line</c>
/// (one column on a vertical page) → <c>ocrx_cinfo</c>, one per character with its box and confidence, so that
/// search hits can be drawn on the page image character by character.
/// </summary>
public static class Hocr
{
    private const string XhtmlNs = "http://www.w3.org/1999/xhtml";

    public static string Write(OcrPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        XNamespace ns = XhtmlNs;
        var body = new XElement(ns + "div",
            new XAttribute("class", "ocr_page"), new XAttribute("id", "page_1"),
            new XAttribute("title", HocrTitle.Bbox(new Box(0, 0, page.Width, page.Height))
                // hOCR's logical page number: the folio as the page prints it (several on a sheet of several pages).
                + (page.Folios.Count > 0 ? "; lpageno " + string.Join(' ', page.Folios) : "")));
        var lineNo = 0;
        var glyphNo = 0;
        foreach (var line in page.Lines)
        {
            lineNo++;
            var el = new XElement(ns + "span",
                new XAttribute("class", "ocr_line"), new XAttribute("id", $"line_1_{lineNo}"),
                new XAttribute("title", HocrTitle.Bbox(line.Box)));
            foreach (var g in line.Glyphs)
            {
                glyphNo++;
                el.Add(new XElement(ns + "span",
                    new XAttribute("class", "ocrx_cinfo"), new XAttribute("id", $"char_1_{glyphNo}"),
                    new XAttribute("title", string.Create(CultureInfo.InvariantCulture,
                        $"{HocrTitle.Bbox(g.Box)}; x_conf {Math.Round(g.Confidence * 100, 2):0.##}")),
                    g.Text));
            }
            body.Add(el);
        }
        var html = new XElement(ns + "html", new XAttribute(XNamespace.Xml + "lang", "zh"),
            new XElement(ns + "head",
                new XElement(ns + "title", ""),
                new XElement(ns + "meta", new XAttribute("http-equiv", "Content-Type"), new XAttribute("content", "text/html;charset=utf-8")),
                new XElement(ns + "meta", new XAttribute("name", "ocr-system"), new XAttribute("content", "QyHeritage (tesseract)")),
                new XElement(ns + "meta", new XAttribute("name", "ocr-capabilities"), new XAttribute("content", "ocr_page ocr_line ocrx_cinfo"))),
            new XElement(ns + "body", body));
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.Append("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n");
        using (var writer = XmlWriter.Create(sb, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, IndentChars = " " }))
        {
            html.WriteTo(writer);
        }
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// Reads an hOCR page: ours, or tesseract's (where characters sit in <c>ocrx_word</c> inside the line, and a
    /// word without character boxes is split evenly along the line).
    /// </summary>
    public static OcrPage Parse(string hocr)
    {
        var doc = HocrDocument.Load(hocr);
        var page = doc.Pages.FirstOrDefault() ?? throw new FormatException("hOCR has no ocr_page");
        var lines = page.Lines.Select(l => new OcrLine(l.Box, l.Words.SelectMany(w => w.GlyphsOrSplit(l.Vertical)).ToList())).ToList();
        return new OcrPage(page.Box.W, page.Box.H, lines) { Folios = page.Folios };
    }
}
