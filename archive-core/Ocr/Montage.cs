using NetVips;

namespace QyHeritage.Archive.Ocr;

/// <summary>Where one layout piece was drawn in a montage, and at what scale.</summary>
internal sealed record Placement(int Index, LayoutPiece Piece, Box Target, double Scale)
{
    /// <summary>Maps a box in montage pixels back to page pixels.</summary>
    public Box ToPage(Box m, int pageWidth, int pageHeight)
    {
        var x0 = Piece.Box.X + (m.X - Target.X) / Scale;
        var y0 = Piece.Box.Y + (m.Y - Target.Y) / Scale;
        var x1 = Piece.Box.X + (m.Right - Target.X) / Scale;
        var y1 = Piece.Box.Y + (m.Bottom - Target.Y) / Scale;
        int ix0 = Math.Clamp((int)Math.Floor(x0), 0, pageWidth), iy0 = Math.Clamp((int)Math.Floor(y0), 0, pageHeight);
        int ix1 = Math.Clamp((int)Math.Ceiling(x1), ix0, pageWidth), iy1 = Math.Clamp((int)Math.Ceiling(y1), iy0, pageHeight);
        return new Box(ix0, iy0, ix1 - ix0, iy1 - iy0);
    }
}

/// <summary>
/// Redraws the pieces of a page, cleaned (paper, stains and removed rules white), each in its own slot of one image
/// with wide white gaps: vertical pieces as columns right to left, horizontal ones stacked. tesseract then reads
/// the whole page in one process (its start-up and model load cost more than a column), and cannot run two columns
/// or a note's two sub-columns together.
/// </summary>
internal sealed class Montage
{
    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }
    public IReadOnlyList<Placement> Placements { get; }

    private Montage(int width, int height, byte[] pixels, IReadOnlyList<Placement> placements)
    {
        Width = width; Height = height; Pixels = pixels; Placements = placements;
    }

    /// <summary>
    /// Each piece is scaled so that its characters are about <paramref name="targetCharSize"/> pixels across: the fast
    /// LSTM models read characters of 40–50 px best (a 80 px character column read 73 %, the same at 40 px 81 %).
    /// A vertical piece's character size is its width; a single horizontal line's, its height.
    /// </summary>
    public static Montage Build(InkImage page, IReadOnlyList<LayoutPiece> pieces, bool vertical, double targetCharSize)
    {
        var clean = CleanGrey(page);
        var scales = pieces.Select(p => Scale(p, targetCharSize)).ToList();
        var sizes = pieces.Select((p, i) => (W: Math.Max(1, (int)Math.Round(p.Box.W * scales[i])), H: Math.Max(1, (int)Math.Round(p.Box.H * scales[i])))).ToList();
        var margin = (int)Math.Max(20, targetCharSize);
        var gap = (int)Math.Max(24, targetCharSize * 1.2);
        int width, height;
        var targets = new List<Box>();
        if (vertical)
        {
            width = margin * 2 + sizes.Sum(s => s.W) + gap * Math.Max(0, sizes.Count - 1);
            height = margin * 2 + (sizes.Count == 0 ? 0 : sizes.Max(s => s.H));
            var right = width - margin;
            foreach (var s in sizes)
            {
                targets.Add(new Box(right - s.W, margin, s.W, s.H));
                right -= s.W + gap;
            }
        }
        else
        {
            width = margin * 2 + (sizes.Count == 0 ? 0 : sizes.Max(s => s.W));
            height = margin * 2 + sizes.Sum(s => s.H) + gap * Math.Max(0, sizes.Count - 1);
            var top = margin;
            foreach (var s in sizes)
            {
                targets.Add(new Box(margin, top, s.W, s.H));
                top += s.H + gap;
            }
        }
        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        var placements = new List<Placement>();
        for (var i = 0; i < pieces.Count; i++)
        {
            var placement = new Placement(i, pieces[i], targets[i], scales[i]);
            placements.Add(placement);
            Draw(clean, page.Width, pixels, width, placement);
        }
        return new Montage(width, height, pixels, placements);
    }

    private static double Scale(LayoutPiece piece, double target)
    {
        if (target <= 0) return 1;
        var size = piece.Vertical ? piece.Box.W : piece.Box.H;
        // A block of several horizontal lines (a modern page) keeps its size: its line height is not known here.
        if (!piece.Vertical && piece.Box.H > 4 * target && piece.Box.H > piece.Box.W / 4.0) return 1;
        return Math.Clamp(target / Math.Max(1, size), 0.25, 2.5);
    }

    public void Save(string path)
    {
        using var image = Image.NewFromMemory(Pixels, Width, Height, 1, Enums.BandFormat.Uchar);
        image.WriteToFile(path);
    }

    /// <summary>Ink and its anti-aliased edge keep their grey; everything else, including removed rules, becomes white.</summary>
    private static byte[] CleanGrey(InkImage page)
    {
        int w = page.Width, h = page.Height;
        var clean = new byte[w * h];
        Array.Fill(clean, (byte)255);
        var ink = page.Ink;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = y * w + x;
                if (ink[i] != 0) { clean[i] = page.Grey[i]; continue; }
                if (page.Removed[i]) continue;
                var near = (x > 0 && ink[i - 1] != 0) || (x + 1 < w && ink[i + 1] != 0) || (y > 0 && ink[i - w] != 0) || (y + 1 < h && ink[i + w] != 0);
                if (near) clean[i] = page.Grey[i];
            }
        }
        return clean;
    }

    /// <summary>Resamples the piece into its slot: area average when shrinking (no aliasing of thin strokes), bilinear when enlarging.</summary>
    private static void Draw(byte[] src, int srcWidth, byte[] dst, int dstWidth, Placement p)
    {
        var b = p.Piece.Box;
        var t = p.Target;
        if (p.Scale < 1)
        {
            for (var ty = 0; ty < t.H; ty++)
            {
                int sy0 = Math.Min(b.H - 1, (int)(ty / p.Scale)), sy1 = Math.Clamp((int)Math.Ceiling((ty + 1) / p.Scale), sy0 + 1, b.H);
                for (var tx = 0; tx < t.W; tx++)
                {
                    int sx0 = Math.Min(b.W - 1, (int)(tx / p.Scale)), sx1 = Math.Clamp((int)Math.Ceiling((tx + 1) / p.Scale), sx0 + 1, b.W);
                    var sum = 0;
                    for (var sy = sy0; sy < sy1; sy++)
                    {
                        var row = (b.Y + sy) * srcWidth + b.X;
                        for (var sx = sx0; sx < sx1; sx++) sum += src[row + sx];
                    }
                    dst[(t.Y + ty) * dstWidth + t.X + tx] = (byte)(sum / ((sy1 - sy0) * (sx1 - sx0)));
                }
            }
            return;
        }
        for (var ty = 0; ty < t.H; ty++)
        {
            var sy = Math.Clamp((ty + 0.5) / p.Scale - 0.5, 0, b.H - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, b.H - 1);
            var fy = sy - y0;
            for (var tx = 0; tx < t.W; tx++)
            {
                var sx = Math.Clamp((tx + 0.5) / p.Scale - 0.5, 0, b.W - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, b.W - 1);
                var fx = sx - x0;
                double v00 = src[(b.Y + y0) * srcWidth + b.X + x0], v01 = src[(b.Y + y0) * srcWidth + b.X + x1];
                double v10 = src[(b.Y + y1) * srcWidth + b.X + x0], v11 = src[(b.Y + y1) * srcWidth + b.X + x1];
                var v = (v00 * (1 - fx) + v01 * fx) * (1 - fy) + (v10 * (1 - fx) + v11 * fx) * fy;
                dst[(t.Y + ty) * dstWidth + t.X + tx] = (byte)Math.Clamp((int)Math.Round(v), 0, 255);
            }
        }
    }
}
