using QyHeritage.Archive.Ocr;

using static QyHeritage.Recognition.Tests.CellGlyphs;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// The horizontal lines of a vertical page (a newspaper's masthead and its subtitle of small type) are read by PP-OCR
/// as well as tesseract, and each line keeps the reading the two readers' agreement favours (<see cref="HorizontalLines"/>).
/// </summary>
public class HorizontalLineTests(SharedModels shared) : IClassFixture<SharedModels>
{
    private static OcrGlyph G(string text, double confidence, int x) => new(text, new Box(x * 20, 0, 18, 20), confidence);

    private static readonly IReadOnlyDictionary<OcrGlyph, IReadOnlySet<string>> NoNext = new Dictionary<OcrGlyph, IReadOnlySet<string>>();

    [Fact]
    public void Where_the_readers_agree_on_most_characters_the_surer_one_takes_each()
    {
        // A masthead: tesseract is sure of its large type, PP-OCR reads one character another way and less surely.
        var tesseract = new[] { G("報", 0.99, 0), G("紙", 0.99, 1), G("版", 0.99, 2), G("式", 0.99, 3), G("樣", 0.99, 4), G("張", 0.99, 5) };
        var paddle = new[] { G("轂", 0.4, 0), G("紙", 1, 1), G("版", 0.99, 2), G("式", 1, 3), G("様", 0.5, 4), G("張", 0.9, 5) };
        Assert.Equal("報紙版式樣張", Text(HorizontalLines.Choose(tesseract, paddle, NoNext, SimplifiedForms.Embedded, 0.9, 20)));
    }

    [Fact]
    public void Where_they_read_few_characters_alike_paddle_reads_the_line_alone()
    {
        // Small type: tesseract writes wrong characters it is sure of, and a character PP-OCR missed is no gap it fills.
        var tesseract = new[] { G("硯", 0.7, 0), G("濕", 0.92, 1), G("罰", 0.68, 2), G("只", 0.83, 3), G("下", 0.85, 4), G("真", 0.9, 5), G("葵", 0.9, 6) };
        var paddle = new[] { G("成", 0.99, 0), G("測", 0.59, 1), G("試", 0.5, 2), G("版", 0.93, 3), G("面", 1, 4), G("真", 0.99, 5) };
        Assert.Equal("成測試版面真", Text(HorizontalLines.Choose(tesseract, paddle, NoNext, SimplifiedForms.Embedded, 0.9, 20)));
    }

    [Fact]
    public void On_a_line_paddle_reads_alone_tesseract_keeps_a_character_paddle_was_of_two_minds_about_and_a_surer_digit()
    {
        var tesseract = new[] { G("民", 0.9, 0), G("國", 0.94, 1), G("濕", 0.9, 2), G("1", 0.99, 3), G("a", 0.99, 4) };
        var paddle = new[] { G("民", 1, 0), G("圓", 0.4, 1), G("年", 1, 2), G("I", 0.57, 3), G("m", 0.99, 4) };
        var next = new Dictionary<OcrGlyph, IReadOnlySet<string>>(ReferenceEqualityComparer.Instance) { [paddle[1]] = new HashSet<string> { "國", "圍" } };
        Assert.Equal("民國年1m", Text(HorizontalLines.Choose(tesseract, paddle, next, SimplifiedForms.Embedded, 0.9, 20)));
    }

    [Fact]
    public async Task Newspaper_subtitle_of_small_type_is_read_in_order_on_its_line()
    {
        // The bench's third newspaper (bench/ocr/pagegen.sh --seed 1): under the masthead a subtitle of 49 characters
        // about 11 px high. Read by tesseract alone it came out as "g#硯濕罰只下(昔真實葵紙).機張北三萄.內文所者和民點十六年
        // (1927).出优見1teas.csv" (55 % of it); read by PP-OCR too, 80 % (2026-12-07).
        const string folder = "np03_synthetic_newspaper";
        var (page, result) = await GeneratedPages.ReadBenchNewspaperAsync(shared.Models, folder, "報紙版式樣張 第三號（合成版面）", folder + "-subtitle");

        var subtitle = page.Text.Split('\n')[1];
        Assert.StartsWith("合成測試版面", subtitle, StringComparison.Ordinal);
        var line = result.Lines[1];
        Assert.True(CharacterAccuracy.Measure(subtitle, line.Text) >= 0.7, $"{line.Text} for {subtitle}");
        Assert.True(CharacterAccuracy.Measure("報紙版式樣張", result.Lines[0].Text) >= 0.8, result.Lines[0].Text);
        // Its characters keep boxes on the page as loaded, left to right along one line under the masthead (the page is
        // laid about a degree askew: across the page the line drifts some 14 px).
        var xs = line.Glyphs.Select(g => g.Box.X + g.Box.W / 2).ToList();
        Assert.Equal(xs.Order(), xs);
        var middle = line.Glyphs.Select(g => g.Box.Y + g.Box.H / 2).Order().ElementAt(line.Glyphs.Count / 2);
        Assert.True(middle > result.Lines[0].Box.Y + result.Lines[0].Box.H / 2, $"subtitle at {middle}, masthead {result.Lines[0].Box}");
        Assert.All(line.Glyphs, g => Assert.True(Math.Abs(g.Box.Y + g.Box.H / 2 - middle) <= 12 && g.Box.H < 40 && g.Box.W < 40, $"{g.Text} at {g.Box}"));
    }
}
