using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Tests.Ocr;

public class HocrTests
{
    private static OcrPage SamplePage() => new(2400, 3400,
    [
        new OcrLine(new Box(2000, 400, 110, 330),
        [
            new OcrGlyph("清", new Box(2000, 400, 110, 110), 0.97),
            new OcrGlyph("遠", new Box(2000, 510, 110, 110), 0.8512),
            new OcrGlyph("𠀋", new Box(2000, 620, 110, 110), 0.5),
        ]),
        new OcrLine(new Box(1800, 400, 60, 60), [new OcrGlyph("<&>", new Box(1800, 400, 60, 60), 0.0)]),
    ]);

    [Fact]
    public void Write_then_parse_round_trips_lines_glyphs_boxes_and_confidence()
    {
        var page = SamplePage();
        var parsed = Hocr.Parse(Hocr.Write(page));
        Assert.Equal(page.Width, parsed.Width);
        Assert.Equal(page.Height, parsed.Height);
        Assert.Equal(page.Lines.Count, parsed.Lines.Count);
        for (var i = 0; i < page.Lines.Count; i++)
        {
            Assert.Equal(page.Lines[i].Box, parsed.Lines[i].Box);
            Assert.Equal(page.Lines[i].Glyphs.Count, parsed.Lines[i].Glyphs.Count);
            for (var j = 0; j < page.Lines[i].Glyphs.Count; j++)
            {
                var expected = page.Lines[i].Glyphs[j];
                var actual = parsed.Lines[i].Glyphs[j];
                Assert.Equal(expected.Text, actual.Text);
                Assert.Equal(expected.Box, actual.Box);
                Assert.Equal(expected.Confidence, actual.Confidence, 4);
            }
        }
        Assert.Equal(page.Text, parsed.Text);
    }

    [Fact]
    public void Written_hocr_is_xhtml_with_the_hocr_classes()
    {
        var hocr = Hocr.Write(SamplePage());
        Assert.Contains("class=\"ocr_page\"", hocr);
        Assert.Contains("class=\"ocr_line\"", hocr);
        Assert.Contains("class=\"ocrx_cinfo\"", hocr);
        Assert.Contains("bbox 2000 400 2110 510; x_conf 97", hocr);
        Assert.Contains("&lt;&amp;&gt;", hocr);
    }

    [Fact]
    public void Parses_tesseract_hocr_splitting_words_along_vertical_lines()
    {
        // As tesseract 5.3 writes vertical text: meaningless x_bboxes on the characters, a usable word box.
        const string hocr = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body>
             <div class='ocr_page' id='page_1' title='image "x.png"; bbox 0 0 2400 3400; ppageno 0'>
              <span class='ocr_line' id='line_1_1' title="bbox 2091 415 2222 2870; baseline 0 0">
               <span class='ocrx_word' id='word_1_1' title='bbox 2100 400 2200 600; x_wconf 63'>
                <span class='ocrx_cinfo' title='x_bboxes 0 1211 0 1274; x_conf 94.5'>欽</span>
                <span class='ocrx_cinfo' title='x_bboxes 0 1212 0 1275; x_conf 96'>定</span>
               </span>
              </span>
             </div></body></html>
            """;
        var page = Hocr.Parse(hocr);
        Assert.Equal((2400, 3400), (page.Width, page.Height));
        var line = Assert.Single(page.Lines);
        Assert.Equal("欽定", line.Text);
        Assert.Equal(new Box(2100, 400, 100, 100), line.Glyphs[0].Box);
        Assert.Equal(new Box(2100, 500, 100, 100), line.Glyphs[1].Box);
        Assert.Equal(0.945, line.Glyphs[0].Confidence, 6);
    }

    [Fact]
    public void Malformed_hocr_is_a_format_error() => Assert.Throws<FormatException>(() => Hocr.Parse("<html><body><div class='ocr_page'"));
}
