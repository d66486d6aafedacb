using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// A mark that TrailingMarks finds to be a full stop (a ring, or a blob of faint ink) is read as 。 wherever the
/// readers took it for a comma: the verdict travels with its cell (Placement.FullStop) to the chosen character.
/// </summary>
public class FullStopCellTests(SharedModels shared) : IClassFixture<SharedModels>
{
    private static OcrGlyph G(string text, int y, double confidence = 0.9) => new(text, new Box(0, y, 6, 6), confidence);

    [Fact]
    public void A_comma_or_stop_read_in_a_stop_cell_is_one_stop()
    {
        var stops = new HashSet<Box> { new(0, 10, 6, 6) };
        // Both readers' marks left in the cell (，。) by a vote that could not pair them; a comma elsewhere stays.
        var glyphs = new List<OcrGlyph> { G("樂", 0), G("，", 10, 0.6), G("。", 10, 0.8), G("我", 20), G("，", 30) };
        CellCorrections.AtFullStops(glyphs, stops);
        Assert.Equal("樂。我，", string.Concat(glyphs.Select(g => g.Text)));
        Assert.Equal(0.8, glyphs[1].Confidence);
        Assert.Equal("說", CellCorrections.AtFullStop("說"));
    }

    [Theory]
    // The bench's seed-1 pages: np01's 事情。這 was read 事情，。這 and np03's 買賣。但 as 置賣，但 before the stop's
    // verdict reached its cell (the stop cell squared, the readers' comma kept there).
    [InlineData("np01_synthetic_newspaper", "報紙版式樣張 第一號（合成版面）", "事情。這")]
    [InlineData("np03_synthetic_newspaper", "報紙版式樣張 第三號（合成版面）", "賣。但")]
    public async Task A_stop_found_by_its_shape_is_read_as_a_stop(string folder, string title, string expected)
    {
        var (page, result) = await GeneratedPages.ReadBenchNewspaperAsync(shared.Models, folder, title, folder + "-stopcell");
        var text = string.Concat(result.Lines.Select(l => l.Text));
        Assert.Contains(expected, text, StringComparison.Ordinal);
        // No stop read twice in its cell (the readers' two marks there are one).
        Assert.DoesNotContain("。。", text, StringComparison.Ordinal);
    }
}
