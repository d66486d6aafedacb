using NetVips;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;
using QyHeritage.PageGen;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// Marks told by their ink (MarkInk): vertical type's corner brackets (﹁ ﹂), which the readers read as 一 when they lose
/// the stub, and semicolons and colons (a dot over a comma, a dot over a dot), which they read as commas.
/// </summary>
public class MarkInkTests(SharedModels shared) : IClassFixture<SharedModels>
{
    [Fact]
    public async Task Closing_corner_brackets_of_vertical_book_type_are_read_as_themselves()
    {
        // The bench's Republic-era book pages of rd02 and rd06 (seed 1, 20 px type): 8 opening and 8 closing brackets.
        // Before the brackets were told by their ink, 3 of the 8 closing ones were read (the others as 一 or －).
        using var fonts = new Fonts();
        int opening = 0, openingPlaced = 0, closing = 0, closingPlaced = 0;
        var readings = new List<string>();
        foreach (var (folder, title) in new[] { ("rd02_luxun_lvetan_xianggang", "略談香港"), ("rd06_luxun_tongxin", "通信（致李小峰）") })
        {
            var page = new PageGenerator(fonts).Render(PageKind.Republican, GeneratedPages.Pages(folder), 0, title, PageGenerator.PageSeed(1, folder, "p001"));
            var result = await GeneratedPages.ReadAsync(shared.Models, GeneratedPages.Save(page, folder + "-brackets"), CollectionKind.RepublicanDoc);
            var read = result.Lines.Select(l => l.Text).ToList();
            readings.AddRange(read);
            var (o, op) = MarksInPlace.Matched(page.Text, read, '「');
            var (c, cp) = MarksInPlace.Matched(page.Text, read, '」');
            opening += o; openingPlaced += op; closing += c; closingPlaced += cp;
        }
        var message = $"{openingPlaced} of {opening} 「, {closingPlaced} of {closing} 」 in place: {string.Join(" / ", readings)}";
        Assert.True(closing >= 6 && opening >= 6, message);
        // Measured (2026-12-07): all 8 of each in place.
        Assert.True(closingPlaced >= closing - 1, message);
        Assert.True(openingPlaced >= opening - 1, message);
    }

    [Fact]
    public async Task A_comma_after_a_character_with_dots_at_its_foot_stays_a_comma()
    {
        // rd01's second page (the sample collection, 96 px type): 意，若干 想，在 念，因爲 — the right dot of 心 stands over
        // the comma that follows, flush with it, and was taken for a semicolon's upper dot (three ； and 爲 lost).
        var image = Path.Combine(TestPaths.SampleCollection, "rd01_luxun_huanghuajie", "p002.jpg");
        var text = string.Concat((await GeneratedPages.ReadAsync(shared.Models, image, CollectionKind.RepublicanDoc)).Text.Where(c => !char.IsWhiteSpace(c)));

        Assert.DoesNotContain("；", text, StringComparison.Ordinal);
        Assert.Contains("快意，若干", text, StringComparison.Ordinal);
        Assert.Contains("我想，在紀念", text, StringComparison.Ordinal);
        Assert.Contains("紀念，因爲久", text, StringComparison.Ordinal);
    }

    [Theory]
    // A bar 33 px long and 3 thick, in 20 px type whose column is 40 px wide, with a stub 2 px wide and 8 long: up from
    // its left end (﹂), down from its right end (﹁), none (一).
    [InlineData("」", 10, 20)]
    [InlineData("「", 41, 23)]
    [InlineData(null, -1, 0)]
    public void A_bar_with_a_stub_at_one_end_is_a_corner_bracket_and_a_bar_alone_is_not(string? bracket, int stubX, int stubY)
    {
        var barY = bracket == "「" ? 20 : 28;
        var page = Draw((10, barY, 33, 3), stubX < 0 ? null : (stubX, stubY, 2, 8));
        Assert.Equal(bracket, MarkInk.CornerBracket(page, new Box(8, 16, 38, 18), charSize: 40));
    }

    [Theory]
    // Marks of 20 px type (a 40 px column): a dot of 5×5 over a comma of 5×7 (its head and its tail) or over a dot,
    // six rows apart; the two halves of a worn ring a row apart are no stacked mark.
    [InlineData("；", 20, 7)]
    [InlineData("：", 20, 5)]
    [InlineData(null, 16, 5)]
    public void A_dot_over_a_comma_is_a_semicolon_and_a_dot_over_a_dot_a_colon(string? mark, int lowerY, int lowerH)
    {
        var page = Draw((30, 10, 5, 5), (30, lowerY, 5, lowerH));
        Assert.Equal(mark, MarkInk.Stacked(page, new Box(28, 8, 9, 22), charSize: 40));
        // One piece alone, a comma, is no stacked mark.
        Assert.Null(MarkInk.Stacked(page, new Box(28, lowerY - 1, 9, lowerH + 2), charSize: 40));
    }

    /// <summary>A page of 60×60 white pixels with black rectangles drawn on it, as the OCR loads a page.</summary>
    private static InkImage Draw(params (int X, int Y, int W, int H)?[] boxes)
    {
        const int size = 60;
        var pixels = Enumerable.Repeat((byte)230, size * size).ToArray();
        foreach (var b in boxes.OfType<(int X, int Y, int W, int H)>())
            for (var y = b.Y; y < b.Y + b.H; y++)
                for (var x = b.X; x < b.X + b.W; x++) pixels[y * size + x] = 20;
        var path = Path.Combine(TestPaths.NewTempFolder("ocr-mark-ink"), "marks.png");
        using (var image = Image.NewFromMemory(pixels, size, size, 1, Enums.BandFormat.Uchar)) image.WriteToFile(path);
        return InkImage.Load(path);
    }
}
