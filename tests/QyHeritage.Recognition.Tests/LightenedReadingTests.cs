using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.PageGen;

using static QyHeritage.Recognition.Tests.CellGlyphs;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// A line of small type with a cell PP-OCR read nothing in is read again lightened, and the blank cells take that
/// reading; cells read the first time keep their reading.
/// </summary>
public class LightenedReadingTests(SharedModels shared) : IClassFixture<SharedModels>
{
    private static readonly LayoutPiece Column = new(new Box(0, 0, 90, 500), Vertical: true, Pitch: 100, SmallType: true);

    /// <summary>The column's cell n (the page box <see cref="CellGlyphs.InCell"/> gives it), drawn nth along the montage line.</summary>
    private static Placement Cell(int n) => new(Column, new Box(0, n * 100, 90, 90), new Box(20 + n * 50, 20, 40, 40), 0.44);

    [Fact]
    public void A_cell_read_blank_takes_the_second_reading_and_a_read_cell_keeps_its_first()
    {
        var cells = Enumerable.Range(0, 4).Select(Cell).ToList();
        var first = new List<OcrGlyph> { InCell("香", 0.9, 0), InCell("港", 0.4, 2), InCell("，", 0.7, 3) };
        var second = new List<OcrGlyph> { InCell("香", 0.95, 0), InCell("談", 0.6, 1), InCell("巷", 0.9, 2), InCell("。", 0.9, 3) };
        Assert.Equal("香談港，", Text(LightenedReading.Fill(cells, first, second)));
        // A cell blank in both readings stays blank.
        Assert.Equal("香港，", Text(LightenedReading.Fill(cells, first, [InCell("香", 0.95, 0)])));
    }

    [Fact]
    public async Task Magazine_page_reads_better_with_its_blank_cells_read_again_lightened()
    {
        // The bench's magazine page of rd05 (bench/ocr/pagegen.sh --seed 1), characters about 10 px: PP-OCR reads some
        // dense characters as blank. Measured 2026-12-07: 63.7 % with the blank cells read again, 62.7 % without.
        using var fonts = new Fonts();
        var page = GeneratedPages.BenchMagazine(fonts, "rd05_luxun_kousi_zagan", "扣絲雜感");
        var result = await GeneratedPages.ReadAsync(shared.Models, GeneratedPages.Save(page, "rd05-mag-lightened"), CollectionKind.RepublicanDoc);
        var accuracy = CharacterAccuracy.Measure(page.Text, result.Text);
        Assert.True(accuracy >= 0.632, $"accuracy {accuracy:P1}");
    }
}
