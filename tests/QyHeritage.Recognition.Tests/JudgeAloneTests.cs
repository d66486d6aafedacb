using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using SkiaSharp;

using static QyHeritage.Recognition.Tests.CellGlyphs;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// Where PP-OCR reads a page alone (the readers agree on under 60 % of its cells), the glyph templates still mend its
/// cells as they do in the vote: they judge the cell's ink, not tesseract's reading. A generated local-history page
/// (lh02, seed 1) just under the threshold lost 湞 殞 噉 so, 7 points. Needs the fonts ./qy installs.
/// </summary>
public sealed class JudgeAloneTests(SharedModels shared) : IClassFixture<SharedModels>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qy-judge-alone-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A column of <paramref name="text"/> drawn in the Ming style's first font, one character in each 100 px cell (<see cref="CellGlyphs.InCell"/>).</summary>
    private InkImage Column(string text)
    {
        var font = GlyphStyle.Defaults.Single(s => s.Name == "ming").Fonts[0];
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        using var typeface = SKTypeface.FromFile(font.Path, font.Face);
        using var skFont = new SKFont(typeface, 80);
        using var bitmap = new SKBitmap(100, runes.Count * 100);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            for (var i = 0; i < runes.Count; i++) canvas.DrawText(runes[i], 5, i * 100 + 75, SKTextAlign.Left, skFont, paint);
        }
        var path = Path.Combine(_folder, "column.png");
        using (var file = File.OpenWrite(path)) bitmap.Encode(file, SKEncodedImageFormat.Png, 100);
        return InkImage.Load(path);
    }

    [Fact]
    public void Paddle_reading_alone_keeps_the_glyph_judges_mends()
    {
        var style = GlyphStyle.Defaults.Single(s => s.Name == "ming");
        Assert.True(File.Exists(style.Fonts[0].Path), "fonts-noto-cjk not installed");
        var templates = GlyphTemplates.Build(style.Name, style.Fonts, "湞滇殞隕噉啖陽縣".EnumerateRunes().Select(r => r.Value));
        var page = Column("湞陽縣殞噉殞");
        var vote = new CellVote(new HashSet<string>(), SimplifiedForms.Embedded, Margin: 0, AddAbove: 0.9,
            new GlyphJudge(templates, page, overrideMargin: 0.05, preferMargin: 0.02), UnsureBelow: 0.9);
        // PP-OCR misreads 湞 殞 噉 as 滇 隕 啖; tesseract reads 湞 and 噉 right and misses 殞 (隕, unsure in both). In
        // the last cell PP-OCR is sure of its 隕.
        var paddle = new List<OcrGlyph> { InCell("滇", 0.85, 0), InCell("陽", 0.99, 1), InCell("縣", 0.99, 2), InCell("隕", 0.7, 3), InCell("啖", 0.8, 4), InCell("隕", 0.95, 5) };
        var tesseract = new List<OcrGlyph> { InCell("湞", 0.6, 0), InCell("陽", 0.9, 1), InCell("縣", 0.9, 2), InCell("隕", 0.5, 3), InCell("噉", 0.7, 4), InCell("殞", 0.6, 5) };

        var chosen = vote.JudgeAlone(tesseract, paddle, CellVote.SingleCells(paddle));

        // As the vote reads the column, but where PP-OCR, the page's reader, is sure (from UnsureBelow).
        Assert.Equal("湞陽縣殞噉殞", Text(vote.Choose(tesseract, paddle)));
        Assert.Equal("湞陽縣殞噉隕", Text(chosen));
        // Each character stays in PP-OCR's cell, as sure as PP-OCR was of its own reading there.
        Assert.Equal(paddle.Select(p => (p.Box, p.Confidence)), chosen.Select(c => (c.Box, c.Confidence)));
        // No style fits the page, no judge: PP-OCR's reading stands.
        Assert.Equal("滇陽縣隕啖隕", Text((vote with { Judge = null }).JudgeAlone(tesseract, paddle, CellVote.SingleCells(paddle))));
    }

    [Fact]
    public async Task Local_history_page_just_under_the_agreement_threshold_keeps_the_glyph_judges_mends()
    {
        // The bench's page of lh02 (bench/ocr/pagegen.sh --seed 1): the readers agree on 59 % of its cells, the Kai
        // templates fit it. Measured (2026-12-08): 86.6 % with PP-OCR's reading alone, 92.7 % with the judge's mends.
        const string folder = "lh02_taiping_huanyuji_j161_chashan";
        var (page, result) = await GeneratedPages.ReadBenchClassicalAsync(shared.Models, folder, "太平寰宇記 卷一百六十一 茶山條（引南越志：湞陽縣北五里有茶山）",
            folder + "-judge-alone", CollectionKind.LocalHistory);

        var accuracy = CharacterAccuracy.Measure(page.Text, result.Text);
        Assert.True(accuracy >= 0.9, $"accuracy {accuracy:P1}: {result.Text}");
        // 湞 is beyond PP-OCR (it reads 滇) and read unsurely by tesseract as 滇 too: only the templates name it.
        Assert.Contains("湞陽", result.Text);
    }
}
