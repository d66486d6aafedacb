using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition.Tests;

public class CellCorrectionsTests
{
    [Theory]
    [InlineData("日", 100, 80, false, "曰")]   // wider than high: 曰
    [InlineData("日", 70, 100, false, "日")]
    [InlineData("曰", 70, 100, false, "日")]
    [InlineData("|", 10, 150, false, "—")]    // vertical dash read upright
    [InlineData("一", 150, 10, true, "—")]    // a turned-back dash
    [InlineData("一", 150, 10, false, "一")]  // a real one is never turned
    [InlineData("[", 100, 40, true, "「")]
    [InlineData(":", 12, 90, false, "…")]     // vertical ellipsis, as tall as a character
    [InlineData(":", 12, 40, false, ":")]     // an upright colon
    public void Shape_of_the_cell_decides(string read, int w, int h, bool rotated, string expected) =>
        Assert.Equal(expected, CellCorrections.Apply(read, new Box(0, 0, w, h), rotated, columnWidth: 100));
}
