using NetVips;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// A comma of 10 px small type under its character's lower right is a dot of two or three pixels: the speck floor clears
/// it from the ink mask, and without a cell of its own the readers never see it (TrailingMarks.Split, DroppedMark). The
/// flattened grey still holds it, and it gets a cell after its character's.
/// </summary>
public class SmallTypeDroppedMarkTests
{
    [Fact]
    public void A_small_type_comma_cleared_as_a_speck_gets_a_cell_after_its_character()
    {
        var page = Page((18, 20), (18, 21));
        var cells = TrailingMarks.Split(page, [Character], charSize: 10, flat: page.Grey);
        Assert.Equal(2, cells.Count);
        Assert.Equal(Character, cells[0]);
        Assert.True(cells[1].X <= 18 && cells[1].Right > 18 && cells[1].Y <= 20 && cells[1].Bottom > 21, $"{cells[1]}");
    }

    [Fact]
    public void A_dot_under_the_left_of_a_small_type_character_is_no_mark()
    {
        // Under the character's left half: no mark of vertical type sits there.
        var page = Page((11, 20), (11, 21));
        Assert.Equal([Character], TrailingMarks.Split(page, [Character], charSize: 10, flat: page.Grey));
    }

    [Fact]
    public void A_dark_piece_off_the_ink_is_one_piece_from_each_of_its_pixels()
    {
        // Flooded once for all the cells near it (DarkPieces): the comma's two pixels give one box, touching no ink.
        var page = Page((18, 20), (18, 21));
        var dots = new DarkPieces(page, page.Grey, level: 160);
        var top = dots.At(20 * page.Width + 18);
        Assert.Equal((new Box(18, 20, 1, 2), false), top);
        Assert.Equal(top, dots.At(21 * page.Width + 18));
    }

    private static readonly Box Character = new(10, 10, 9, 9);

    /// <summary>A page of paper with a 9×9 character of three bars and a stem (王) at 10,10 and a dot, its ink cleared as a speck.</summary>
    private static InkImage Page(params (int X, int Y)[] dot)
    {
        const int size = 40;
        var pixels = Enumerable.Repeat((byte)220, size * size).ToArray();
        for (var x = 10; x < 19; x++) pixels[10 * size + x] = pixels[14 * size + x] = pixels[18 * size + x] = 40;
        for (var y = 10; y < 19; y++) pixels[y * size + 14] = 40;
        foreach (var (x, y) in dot) pixels[y * size + x] = 0;
        var path = Path.Combine(TestPaths.NewTempFolder("ocr-dropped-mark"), "page.png");
        using (var image = Image.NewFromMemory(pixels, size, size, 1, Enums.BandFormat.Uchar)) image.WriteToFile(path);
        var page = InkImage.Load(path);
        SpeckRemoval.Remove(page, minArea: 4, maxHairline: 2);
        foreach (var (x, y) in dot) Assert.Equal(0, page.Ink[y * size + x]);
        return page;
    }
}
