using NetVips;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Recognition.Tests;

/// <summary><see cref="ConnectedPieces"/> on small ink images drawn here ('#' ink, '.' paper).</summary>
public class ConnectedPiecesTests
{
    private static InkImage Page(params string[] rows)
    {
        int width = rows[0].Length, height = rows.Length;
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++) pixels[y * width + x] = rows[y][x] == '#' ? (byte)0 : (byte)255;
        var path = Path.Combine(TestPaths.NewTempFolder("ocr-pieces"), "page.png");
        using (var image = Image.NewFromMemory(pixels, width, height, 1, Enums.BandFormat.Uchar)) image.WriteToFile(path);
        return InkImage.Load(path);
    }

    private static List<Box> Boxes(ConnectedPieces pieces) => Enumerable.Range(0, pieces.Count).Select(pieces.BoxOf).ToList();

    [Fact]
    public void A_diagonal_stroke_is_one_piece_joined_eight_ways_and_falls_apart_joined_four()
    {
        var page = Page(
            "#.....",
            ".#....",
            "..#...",
            "...##.",
            "......");

        var eight = ConnectedPieces.Ink(page);
        Assert.Equal(1, eight.Count);
        Assert.Equal(new Box(0, 0, 5, 4), eight.BoxOf(0));
        Assert.Equal(5, eight.AreaOf(0));
        Assert.Equal([new(0, 0, 0), new(1, 1, 1), new(2, 2, 2), new(3, 3, 4)], eight.RunsOf(0).ToArray());

        var four = ConnectedPieces.Ink(page, ways: 4);
        Assert.Equal([new Box(0, 0, 1, 1), new Box(1, 1, 1, 1), new Box(2, 2, 1, 1), new Box(3, 3, 2, 1)], Boxes(four));
        Assert.Equal([1, 1, 1, 2], Enumerable.Range(0, four.Count).Select(four.AreaOf));
    }

    [Fact]
    public void The_paper_inside_a_ring_of_ink_is_a_piece_of_its_own_joined_four_ways()
    {
        // A round ring: its corners are paper, which meets the paper inside only at the corners of two ink pixels.
        var page = Page(
            "......",
            "..##..",
            ".#..#.",
            ".#..#.",
            "..##..",
            "......");
        var whole = new Box(0, 0, 6, 6);

        var ink = ConnectedPieces.Ink(page, whole, ways: 8);
        Assert.Equal([new Box(1, 1, 4, 4)], Boxes(ink));
        Assert.Equal(8, ink.AreaOf(0));
        // Four ways, the ring is its two bars and two sides.
        Assert.Equal(4, ConnectedPieces.Ink(page, whole, ways: 4).Count);

        var paper = ConnectedPieces.Paper(page, whole);
        Assert.Equal([whole, new Box(2, 2, 2, 2)], Boxes(paper));
        Assert.Equal([36 - 8 - 4, 4], Enumerable.Range(0, paper.Count).Select(paper.AreaOf));
        // Eight ways, the paper inside leaks out at the ring's corners.
        Assert.Equal([whole], Boxes(ConnectedPieces.Paper(page, whole, ways: 8)));
        // Within the ring's own box, the paper outside is four corners, each on the box's edge; the paper inside is not.
        var within = ConnectedPieces.Paper(page, new Box(1, 1, 4, 4));
        Assert.Equal([new Box(1, 1, 1, 1), new Box(4, 1, 1, 1), new Box(2, 2, 2, 2), new Box(1, 4, 1, 1), new Box(4, 4, 1, 1)], Boxes(within));
    }

    [Fact]
    public void A_box_cuts_a_piece_and_nothing_outside_it_joins_what_is_left()
    {
        // A U: its two arms join only on the bottom row.
        var page = Page(
            "#...#.",
            "#...#.",
            "#...#.",
            "#####.",
            "......");

        Assert.Equal([new Box(0, 0, 5, 4)], Boxes(ConnectedPieces.Ink(page)));

        var arms = ConnectedPieces.Ink(page, new Box(0, 0, 6, 3));
        Assert.Equal([new Box(0, 0, 1, 3), new Box(4, 0, 1, 3)], Boxes(arms));
        Assert.Equal(new Box(0, 0, 6, 3), arms.Within);

        // A box reaching past the page is clipped to it; a piece cut by the box's left edge starts there.
        var right = ConnectedPieces.Ink(page, new Box(2, 1, 10, 10));
        Assert.Equal(new Box(2, 1, 4, 4), right.Within);
        Assert.Equal([new Box(2, 1, 3, 3)], Boxes(right));
        Assert.Equal(2 + 3, right.AreaOf(0));

        // A box off the page, or empty, has no pieces.
        Assert.Equal(0, ConnectedPieces.Ink(page, new Box(10, 10, 4, 4)).Count);
        Assert.Equal(0, ConnectedPieces.Paper(page, new Box(1, 1, 0, 3)).Count);
    }

    [Fact]
    public void Pieces_are_numbered_as_a_scan_meets_them_and_runs_into_a_space_name_their_piece()
    {
        // The hook's first pixel is on the first row, at the right; the dots, left of it, come after it.
        var page = Page(
            ".....#",
            "..#..#",
            ".....#",
            "#.####",
            "......");

        var pieces = ConnectedPieces.Ink(page);
        Assert.Equal([new Box(2, 0, 4, 4), new Box(2, 1, 1, 1), new Box(0, 3, 1, 1)], Boxes(pieces));

        // The runs on rows 1–3 that reach into columns 0–2, whole, with their pieces.
        Assert.Equal([(new ConnectedPieces.Run(1, 2, 2), 1), (new ConnectedPieces.Run(3, 0, 0), 2), (new ConnectedPieces.Run(3, 2, 5), 0)],
            pieces.RunsInto(new Box(0, 1, 3, 3)).ToArray());
    }

    [Fact]
    public void Only_four_or_eight_ways_join_pixels()
    {
        var page = Page("#.", ".#");
        Assert.Throws<ArgumentOutOfRangeException>(() => ConnectedPieces.Ink(page, ways: 6));
    }
}
