using NetVips;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// Corner brackets of a newspaper's body type (MarkInk.CornerBracket): the stub is a pixel wide and lighter than the
/// page's ink threshold, so the ink mask holds the bar alone and the readers read 一; the grey around the bar shows the
/// stub, and the bracket is read as itself.
/// </summary>
public class NewspaperBracketTests(SharedModels shared) : IClassFixture<SharedModels>
{
    [Fact]
    public async Task Newspaper_corner_brackets_whose_stub_is_faint_are_read_as_brackets()
    {
        // The bench's np01 and np04 pages (seed 1): 12 opening and 12 closing brackets. Before the grey was looked at,
        // 6 opening and 4 closing ones were read in place (the others as 一, 丨 or 』).
        int opening = 0, openingPlaced = 0, closing = 0, closingPlaced = 0;
        var readings = new List<string>();
        foreach (var (folder, title) in new[] { ("np01_synthetic_newspaper", "報紙版式樣張 第一號（合成版面）"), ("np04_synthetic_newspaper", "報紙版式樣張 第四號（合成版面）") })
        {
            var (page, result) = await GeneratedPages.ReadBenchNewspaperAsync(shared.Models, folder, title, folder + "-brackets");
            var read = result.Lines.Select(l => l.Text).ToList();
            readings.AddRange(read);
            var (o, op) = MarksInPlace.Matched(page.Text, read, '「');
            var (c, cp) = MarksInPlace.Matched(page.Text, read, '」');
            opening += o; openingPlaced += op; closing += c; closingPlaced += cp;
        }
        var message = $"{openingPlaced} of {opening} 「, {closingPlaced} of {closing} 」 in place: {string.Join(" / ", readings)}";
        Assert.True(opening >= 10 && closing >= 10, message);
        // Measured (2026-12-07, bench): 11 of 12 opening, 8 of 12 closing in place.
        Assert.True(openingPlaced >= opening - 2, message);
        Assert.True(closingPlaced >= closing - 5, message);
    }

    [Theory]
    // A bar 22 px long and 3 thick in ink, in 22 px type whose column is 28 px wide, with a stub a pixel wide and 6 long
    // lighter than the ink threshold: up from its left end (﹂), down from its right end (﹁), none (一).
    [InlineData("」", 10, 22, 28)]
    [InlineData("「", 31, 23, 20)]
    [InlineData(null, -1, 0, 28)]
    public void A_bar_with_a_faint_stub_at_one_end_is_a_corner_bracket(string? bracket, int stubX, int stubY, int barY)
    {
        var page = Draw([(10, barY, 22, 3, 20)], stubX < 0 ? [] : [(stubX, stubY, 1, 6, 170)]);
        // The stub is no ink in the mask: only the grey shows it.
        if (stubX >= 0) Assert.Equal(0, page.Ink[(stubY + 3) * page.Width + stubX]);
        Assert.Equal(bracket, MarkInk.CornerBracket(page, new Box(8, barY - 4, 26, 11), charSize: 28));
    }

    [Fact]
    public void A_bar_with_a_stroke_across_it_nearby_is_no_bracket()
    {
        // A 一 with the next character's faint top stroke across the column two rows under it: dark across, no stub.
        var page = Draw([(10, 24, 22, 3, 20)], [(10, 27, 22, 1, 170), (31, 28, 1, 6, 170)]);
        Assert.Null(MarkInk.CornerBracket(page, new Box(8, 20, 26, 11), charSize: 28));
    }

    /// <summary>A page of 60×60 paper (230) with rectangles of the given grey drawn on it, as the OCR loads a page.</summary>
    private static InkImage Draw((int X, int Y, int W, int H, byte Grey)[] ink, (int X, int Y, int W, int H, byte Grey)[] faint)
    {
        const int size = 60;
        var pixels = Enumerable.Repeat((byte)230, size * size).ToArray();
        foreach (var b in ink.Concat(faint))
            for (var y = b.Y; y < b.Y + b.H; y++)
                for (var x = b.X; x < b.X + b.W; x++) pixels[y * size + x] = b.Grey;
        var path = Path.Combine(TestPaths.NewTempFolder("ocr-newspaper-bracket"), "bracket.png");
        using (var image = Image.NewFromMemory(pixels, size, size, 1, Enums.BandFormat.Uchar)) image.WriteToFile(path);
        return InkImage.Load(path);
    }
}
