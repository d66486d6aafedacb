
namespace QyHeritage.Recognition.Tests;

public class GlyphShapeTests
{
    /// <summary>A w×h image of ink amounts with the given filled rectangles.</summary>
    private static float[] Draw(int w, int h, params (int X, int Y, int W, int H)[] rects)
    {
        var ink = new float[w * h];
        foreach (var r in rects)
            for (var y = r.Y; y < r.Y + r.H; y++)
                for (var x = r.X; x < r.X + r.W; x++) ink[y * w + x] = 1;
        return ink;
    }

    [Fact]
    public void The_same_character_at_another_size_and_place_matches_almost_exactly()
    {
        // 二 drawn small at the top left and large at the bottom right of bigger images.
        var small = GlyphShape.Of(Draw(60, 60, (5, 5, 30, 4), (2, 30, 36, 5)), 60, 60)!.Value;
        var large = GlyphShape.Of(Draw(200, 200, (60, 60, 100, 13), (50, 143, 120, 17)), 200, 200)!.Value;
        Assert.True(GlyphShape.Similarity(small.Fine, large.Fine) > 0.9);
        Assert.True(GlyphShape.Similarity(small.Coarse, large.Coarse) > 0.9);
    }

    [Fact]
    public void Different_strokes_match_poorly()
    {
        var two = GlyphShape.Of(Draw(60, 60, (5, 5, 30, 4), (2, 30, 36, 5)), 60, 60)!.Value;
        var ten = GlyphShape.Of(Draw(60, 60, (2, 18, 36, 4), (18, 2, 4, 36)), 60, 60)!.Value;
        Assert.True(GlyphShape.Similarity(two.Fine, ten.Fine) < 0.5);
    }

    [Fact]
    public void The_aspect_is_kept_so_a_flat_stroke_is_not_a_square()
    {
        var one = GlyphShape.Of(Draw(60, 60, (5, 28, 50, 4)), 60, 60)!.Value;
        var square = GlyphShape.Of(Draw(60, 60, (5, 5, 50, 50)), 60, 60)!.Value;
        Assert.True(GlyphShape.Similarity(one.Fine, square.Fine) < 0.5);
    }

    [Fact]
    public void Blank_paper_has_no_shape() => Assert.Null(GlyphShape.Of(new float[100], 10, 10));
}
