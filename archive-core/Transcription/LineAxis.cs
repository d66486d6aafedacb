using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Transcription;

/// <summary>
/// Box arithmetic in a line's own frame: "along" runs in reading direction inside the line (down a
/// column, right along a horizontal line), "cross" runs across it. One implementation of the
/// placement maths then serves vertical and horizontal pages.
/// </summary>
internal readonly record struct LineAxis(bool Vertical)
{
    public double AlongCenter(Box b) => Vertical ? b.Y + b.H / 2.0 : b.X + b.W / 2.0;

    public double AlongSize(Box b) => Vertical ? b.H : b.W;

    public double CrossCenter(Box b) => Vertical ? b.X + b.W / 2.0 : b.Y + b.H / 2.0;

    public double CrossSize(Box b) => Vertical ? b.W : b.H;

    public double CrossStart(Box b) => Vertical ? b.X : b.Y;

    public double CrossEnd(Box b) => Vertical ? b.Right : b.Bottom;

    public double AlongStart(Box b) => Vertical ? b.Y : b.X;

    public double AlongEnd(Box b) => Vertical ? b.Bottom : b.Right;

    /// <summary>
    /// Where the middle of the whole line lies, judged from one glyph: a small-note glyph fills only
    /// one half, so the line's middle is at its inner edge.
    /// </summary>
    public double LineCenterFrom(Box glyph, NoteSide side) => side switch
    {
        NoteSide.None => CrossCenter(glyph),
        _ => IsHighCrossHalf(side) ? CrossStart(glyph) : CrossEnd(glyph),
    };

    /// <summary>Offset from the line's middle to the middle of a character on the given side.</summary>
    public double SideOffset(NoteSide side, double lineCrossSize) => side switch
    {
        NoteSide.None => 0,
        _ => IsHighCrossHalf(side) ? lineCrossSize / 4 : -lineCrossSize / 4,
    };

    /// <summary>
    /// Keeps an along-line centre far enough inside the page for a box of <paramref name="size"/>.
    /// Clamping every character of a line with the same (largest) size keeps their order when a line
    /// runs off the page; clamping each box with its own size would not.
    /// </summary>
    public double ClampAlong(double center, double size, int pageWidth, int pageHeight)
    {
        var limit = Vertical ? pageHeight : pageWidth;
        var half = Math.Min(size, limit) / 2;
        return Math.Clamp(center, half, limit - half);
    }

    /// <summary>
    /// A box from frame coordinates, rounded to pixels and moved (not cut) to lie inside the page, so
    /// that every character keeps a usable box even where an estimate overshoots the page.
    /// </summary>
    public Box Make(double alongCenter, double alongSize, double crossCenter, double crossSize, int pageWidth, int pageHeight)
    {
        var (xCenter, yCenter, w, h) = Vertical
            ? (crossCenter, alongCenter, crossSize, alongSize)
            : (alongCenter, crossCenter, alongSize, crossSize);
        var (x, width) = Fit(xCenter, w, pageWidth);
        var (y, height) = Fit(yCenter, h, pageHeight);
        return new Box(x, y, width, height);
    }

    private static (int Start, int Size) Fit(double center, double size, int limit)
    {
        var s = Math.Clamp((int)Math.Round(size), 1, Math.Max(1, limit));
        var start = (int)Math.Round(center - s / 2.0);
        return (Math.Clamp(start, 0, limit - s), s);
    }

    /// <summary>
    /// The first sub-line of a note is the right half of a vertical column (higher x) and the upper
    /// half of a horizontal line (lower y).
    /// </summary>
    private bool IsHighCrossHalf(NoteSide side) => (side == NoteSide.First) == Vertical;
}
