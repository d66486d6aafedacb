using NetVips;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Recognition.Tests;

/// <summary>Preprocessing and layout on small drawn pages (no tesseract).</summary>
public class PageLayoutTests
{
    /// <summary>A white page with black rectangles (x, y, w, h), saved as PNG.</summary>
    private static string Draw(int width, int height, params (int X, int Y, int W, int H)[] rects)
    {
        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        foreach (var (x, y, w, h) in rects)
            for (var yy = y; yy < y + h; yy++)
                for (var xx = x; xx < x + w; xx++) pixels[yy * width + xx] = 0;
        var path = Path.Combine(TestPaths.NewTempFolder("ocr-layout"), "page.png");
        using var image = Image.NewFromMemory(pixels, width, height, 1, Enums.BandFormat.Uchar);
        image.WriteToFile(path);
        return path;
    }

    private static (int, int, int, int)[] Hollow(int x, int y, int w, int h) =>
        [(x, y, w, 8), (x, y + h - 8, w, 8), (x, y, 8, h), (x + w - 8, y, 8, h)];

    [Fact]
    public void A_worn_rule_found_in_pieces_cuts_tiers_and_a_short_rule_does_not()
    {
        // A page 600 px wide: a rule across it broken into three pieces that wander a pixel or two (a worn, warped
        // print); another whole; a rule between two articles within a tier, a third of the page long.
        Rule[] rules =
        [
            new(false, 200, 20, 180), new(false, 202, 200, 380), new(false, 201, 400, 580),
            new(false, 400, 10, 590),
            new(false, 300, 300, 500),
        ];
        Assert.Equal([201, 400], PageLayout.TierCuts(rules, 600));
    }

    [Fact]
    public void Long_rules_are_removed_and_short_strokes_kept()
    {
        // A vertical rule 900 px long, a horizontal one 700 px long, and a "character" of 60 px strokes.
        var path = Draw(800, 1000, (100, 50, 3, 900), (50, 960, 700, 2), (400, 400, 60, 8), (426, 380, 8, 60));
        var page = InkImage.Load(path);
        var rules = RuleRemoval.Remove(page, 300);
        Assert.Contains(rules, r => r.Vertical && r.Length >= 890);
        Assert.Contains(rules, r => !r.Vertical && r.Length >= 690);
        Assert.Equal(0, page.Ink[500 * 800 + 101]);
        Assert.Equal(1, page.Ink[404 * 800 + 410]);
        Assert.Equal(1, page.Ink[390 * 800 + 430]);
    }

    [Fact]
    public void Columns_come_right_to_left()
    {
        // Three columns of five square "characters" each.
        var rects = new List<(int, int, int, int)>();
        foreach (var x in new[] { 100, 300, 500 })
            for (var k = 0; k < 5; k++) rects.Add((x, 100 + k * 120, 90, 90));
        var page = InkImage.Load(Draw(700, 900, rects.ToArray()));
        var profile = OcrProfile.For(CollectionKind.RepublicanDoc, Script.Traditional, TextLayout.VerticalRightToLeft);
        var lines = PageLayout.Analyse(page, profile, []);
        Assert.Equal([500, 300, 100], lines.Select(l => l.Box.X));
        Assert.All(lines, l => Assert.True(l.Vertical));
        // Each column cut into its five cells.
        Assert.All(lines, l => Assert.Equal(5, ColumnCells.Cells(page, l.Box).Count));
    }

    [Fact]
    public void Grid_cells_follow_a_column_that_runs_short_of_the_page_pitch()
    {
        // A copied column of 22 characters 104 px apart on a page whose grid was measured at 110 px (the column runs
        // 5 % short: by its foot more than half a character off any one phase of the page's grid). Every cell must
        // still hold one whole character, as the hit boxes and the readers need.
        var rects = Enumerable.Range(0, 22).Select(k => (100, 40 + k * 104, 80, 84)).ToArray();
        var page = InkImage.Load(Draw(300, 40 + 22 * 104 + 40, rects));
        var column = new Box(100, 40, 80, 21 * 104 + 84);

        var cells = ColumnCells.Grid(page, column, 110);

        Assert.Equal(22, cells.Count);
        for (var k = 0; k < 22; k++)
        {
            Assert.InRange(cells[k].Y, 40 + k * 104 - 1, 40 + k * 104 + 1);
            Assert.InRange(cells[k].H, 83, 86);
        }
    }

    [Fact]
    public void Double_line_note_is_read_right_sub_column_first()
    {
        // One classical column: two full characters, then three rows of a note in two narrow sub-columns. Characters are
        // hollow squares: a solid block would be the 魚尾 of a 版心 strip, which is left out.
        var rects = new List<(int, int, int, int)>();
        rects.AddRange(Hollow(200, 100, 100, 100));
        rects.AddRange(Hollow(200, 230, 100, 100));
        for (var k = 0; k < 3; k++)
        {
            rects.AddRange(Hollow(175, 360 + k * 120, 65, 70));  // left sub-column
            rects.AddRange(Hollow(260, 360 + k * 120, 65, 70));  // right sub-column
        }
        var page = InkImage.Load(Draw(500, 3000, rects.ToArray()));
        var profile = OcrProfile.For(CollectionKind.RareBook, Script.Traditional, TextLayout.VerticalRightToLeft);
        var line = Assert.Single(PageLayout.Analyse(page, profile, []));
        Assert.Equal(3, line.Pieces.Count);
        Assert.False(line.Pieces[0].SmallNote);
        Assert.True(line.Pieces[1].SmallNote && line.Pieces[1].Box.X >= 250, "right sub-column second");
        Assert.True(line.Pieces[2].SmallNote && line.Pieces[2].Box.Right <= 250, "left sub-column last");
    }
}
