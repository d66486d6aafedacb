using QyHeritage.Archive.Ocr;

using static QyHeritage.Recognition.Tests.CellGlyphs;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// A magazine's small type is cut on its pitch: a cell PP-OCR read nothing in (it reads a dense 10 px character as
/// blank) keeps tesseract's sure ideograph in its place down the column, as a ruled page's cell does; a column not cut
/// on a pitch keeps PP-OCR's reading as it is.
/// </summary>
public class SmallTypeGridTests
{
    private static readonly LayoutPiece SmallTypeColumn = new(new Box(0, 0, 90, 500), Vertical: true, Pitch: 100, SmallType: true);

    [Fact]
    public void A_cell_paddle_left_blank_in_small_type_takes_tesseracts_sure_ideograph_in_its_place()
    {
        var paddle = new List<OcrGlyph> { InCell("香", 0.9, 0), InCell("港", 0.8, 2), InCell("，", 0.7, 3) };
        var tesseract = new List<OcrGlyph> { InCell("香", 0.9, 0), InCell("談", 0.8, 1), InCell("港", 0.9, 2), InCell("一", 0.9, 4) };
        var read = TesseractOcr.OnSmallTypeGrid(SmallTypeColumn, paddle, tesseract, agreement: 0.5);
        // 一 in a cell PP-OCR saw as empty is no character's remains to trust (WithTesseractWherePaddleFailed).
        Assert.Equal("香談港，", Text(read));
        Assert.Equal(0.4, read[1].Confidence, 3);
    }

    [Fact]
    public void An_unsure_tesseract_reading_or_a_column_not_cut_on_a_pitch_leaves_the_blank()
    {
        var paddle = new List<OcrGlyph> { InCell("香", 0.9, 0), InCell("港", 0.8, 2) };
        Assert.Equal("香港", Text(TesseractOcr.OnSmallTypeGrid(SmallTypeColumn, paddle, [InCell("談", 0.5, 1)], agreement: 0.5)));
        var unpitched = SmallTypeColumn with { Pitch = 0 };
        Assert.Equal("香港", Text(TesseractOcr.OnSmallTypeGrid(unpitched, paddle, [InCell("談", 0.9, 1)], agreement: 0.5)));
    }
}
