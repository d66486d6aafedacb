using SkiaSharp;

namespace QyHeritage.PageGen;

/// <summary>How worn a page looks. <see cref="Clean"/> draws the ink as set, on white, straight, for tests that need the text alone.</summary>
public sealed record Look(bool Degraded, int Downscale = 1, int JpegQuality = 0)
{
    public static readonly Look Clean = new(false, 1, 95);
}

/// <summary>
/// The wear of a real page, each step drawn from the page's own Random so that a seed gives the same bytes: ink spread
/// and broken strokes on the ink, yellow-brown paper with stains, the verso's text showing through mirrored, a small skew
/// and a mild warp, then (for magazine pages) scaling down to about 10 px characters and JPEG at quality 60–85.
/// </summary>
public static class Degrade
{
    public static byte[] Finish(Drawn page, byte[]? verso, Look look, Random rng)
    {
        int w = page.Width, h = page.Height;
        var ink = (byte[])page.Ink.Clone();
        var rgb = new float[w * h * 3];
        if (!look.Degraded)
        {
            for (var i = 0; i < w * h; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = 255 - ink[i];
            return Jpeg(rgb, w, h, look.JpegQuality);
        }
        var cell = Math.Max(8, Math.Min(w, h) / 40);
        Spread(ink, w, h, rng);
        Breaks(ink, w, h, cell, rng);
        var paper = Paper(w, h, rng);
        // Show-through: the other side's ink, mirrored left to right, blurred by the paper, a faint brown.
        if (verso is not null)
        {
            var blurred = BoxBlur(verso, w, h, 2);
            var strength = 0.10f + (float)rng.NextDouble() * 0.08f;
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                {
                    var a = blurred[y * w + (w - 1 - x)] / 255f * strength;
                    var i = 3 * (y * w + x);
                    paper[i] *= 1 - a * 0.55f; paper[i + 1] *= 1 - a * 0.6f; paper[i + 2] *= 1 - a * 0.7f;
                }
        }
        // Ink is not black: a brownish near-black whose strength varies over the page (uneven inking of the block).
        float ir = 25 + rng.Next(20), ig = 20 + rng.Next(15), ib = 18 + rng.Next(12);
        var inking = Noise(w, h, Math.Max(w, h) / 6, rng);
        for (var i = 0; i < w * h; i++)
        {
            var a = ink[i] / 255f * (0.8f + 0.2f * inking[i]);
            rgb[3 * i] = paper[3 * i] * (1 - a) + ir * a;
            rgb[3 * i + 1] = paper[3 * i + 1] * (1 - a) + ig * a;
            rgb[3 * i + 2] = paper[3 * i + 2] * (1 - a) + ib * a;
        }
        rgb = Warp(rgb, w, h, rng, (paper[0], paper[1], paper[2]));
        var (ow, oh) = (w, h);
        if (look.Downscale > 1) (rgb, ow, oh) = Shrink(rgb, w, h, look.Downscale);
        var quality = look.JpegQuality > 0 ? look.JpegQuality : 60 + rng.Next(26);
        return Jpeg(rgb, ow, oh, quality);
    }

    /// <summary>Ink spread: the ink blurred and amplified, so strokes grow by a pixel or two with soft edges (thin strokes too).</summary>
    private static void Spread(byte[] ink, int w, int h, Random rng)
    {
        var radius = 1 + rng.Next(2);
        var blurred = BoxBlur(ink, w, h, radius);
        var gain = 1.6 + rng.NextDouble() * 0.8;
        for (var i = 0; i < ink.Length; i++) ink[i] = (byte)Math.Clamp(Math.Max(ink[i], blurred[i] * gain - 25), 0, 255);
    }

    /// <summary>Broken strokes: in scattered patches (a worn block, a dry brush), ink goes where a grainy noise is high.</summary>
    private static void Breaks(byte[] ink, int w, int h, int cell, Random rng)
    {
        var grain = Noise(w, h, 3, rng);
        var patches = w * h / (cell * cell) / 10;
        for (var p = 0; p < patches; p++)
        {
            int px = rng.Next(w), py = rng.Next(h), r = cell / 4 + rng.Next(cell / 2);
            var cut = 0.35f + (float)rng.NextDouble() * 0.35f;
            for (var y = Math.Max(0, py - r); y < Math.Min(h, py + r); y++)
                for (var x = Math.Max(0, px - r); x < Math.Min(w, px + r); x++)
                {
                    var d = ((x - px) * (x - px) + (y - py) * (y - py)) / (float)(r * r);
                    if (d < 1 && grain[y * w + x] > cut + d * 0.3f) ink[y * w + x] = 0;
                }
        }
    }

    /// <summary>Yellow-brown paper with low-frequency tone changes, fibres of darker grain, and a few stains (foxing, water marks).</summary>
    private static float[] Paper(int w, int h, Random rng)
    {
        float r = 214 + rng.Next(26), g = r - 12 - rng.Next(14), b = g - 22 - rng.Next(30);
        var tone = Noise(w, h, Math.Max(w, h) / 5, rng);
        var grain = Noise(w, h, 2, rng);
        var paper = new float[w * h * 3];
        for (var i = 0; i < w * h; i++)
        {
            var k = 0.94f + 0.06f * tone[i] - 0.025f * grain[i];
            paper[3 * i] = r * k; paper[3 * i + 1] = g * k; paper[3 * i + 2] = b * k;
        }
        var stains = 1 + rng.Next(5);
        for (var s = 0; s < stains; s++)
        {
            int sx = rng.Next(w), sy = rng.Next(h), sr = Math.Max(6, (int)(Math.Min(w, h) * (0.02 + rng.NextDouble() * 0.12)));
            var depth = 0.08f + (float)rng.NextDouble() * 0.2f;
            for (var y = Math.Max(0, sy - sr); y < Math.Min(h, sy + sr); y++)
                for (var x = Math.Max(0, sx - sr); x < Math.Min(w, sx + sr); x++)
                {
                    var d = MathF.Sqrt(((x - sx) * (x - sx) + (y - sy) * (y - sy)) / (float)(sr * sr));
                    // A ragged edge: the stain's radius wobbles with the tone noise; its rim is darker than its middle.
                    var edge = 0.8f + 0.35f * tone[y * w + x];
                    if (d > edge) continue;
                    var a = depth * (0.6f + 0.4f * d / edge);
                    var i = 3 * (y * w + x);
                    paper[i] *= 1 - a * 0.7f; paper[i + 1] *= 1 - a * 0.9f; paper[i + 2] *= 1 - a * 1.2f;
                }
        }
        return paper;
    }

    /// <summary>Skew (±1.5°) and a mild warp (a page that does not lie flat), by inverse mapping with bilinear sampling.</summary>
    private static float[] Warp(float[] rgb, int w, int h, Random rng, (float R, float G, float B) margin)
    {
        var angle = (rng.NextDouble() * 3 - 1.5) * Math.PI / 180;
        float cos = (float)Math.Cos(angle), sin = (float)Math.Sin(angle);
        var bend = (float)(rng.NextDouble() * 0.004 * w); // horizontal bow, up to 0.4 % of the width
        var sag = (float)(rng.NextDouble() * 0.003 * h);  // vertical sag towards the middle
        float cx = w / 2f, cy = h / 2f;
        var o = new float[rgb.Length];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                float dx = x - cx, dy = y - cy;
                var sx = cos * dx - sin * dy + cx + bend * MathF.Sin(MathF.PI * y / h);
                var sy = sin * dx + cos * dy + cy + sag * MathF.Sin(MathF.PI * x / w);
                var i = 3 * (y * w + x);
                int x0 = (int)MathF.Floor(sx), y0 = (int)MathF.Floor(sy);
                if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) { o[i] = margin.R; o[i + 1] = margin.G; o[i + 2] = margin.B; continue; }
                float fx = sx - x0, fy = sy - y0;
                for (var c = 0; c < 3; c++)
                {
                    float a = rgb[3 * (y0 * w + x0) + c], b = rgb[3 * (y0 * w + x0 + 1) + c];
                    float d = rgb[3 * ((y0 + 1) * w + x0) + c], e = rgb[3 * ((y0 + 1) * w + x0 + 1) + c];
                    o[i + c] = (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
                }
            }
        return o;
    }

    /// <summary>Scales down by an integer factor, averaging each block (a low-resolution scan of a magazine page).</summary>
    private static (float[], int, int) Shrink(float[] rgb, int w, int h, int k)
    {
        int ow = w / k, oh = h / k;
        var o = new float[ow * oh * 3];
        for (var y = 0; y < oh; y++)
            for (var x = 0; x < ow; x++)
                for (var c = 0; c < 3; c++)
                {
                    var sum = 0f;
                    for (var yy = 0; yy < k; yy++)
                        for (var xx = 0; xx < k; xx++) sum += rgb[3 * ((y * k + yy) * w + x * k + xx) + c];
                    o[3 * (y * ow + x) + c] = sum / (k * k);
                }
        return (o, ow, oh);
    }

    /// <summary>Smooth value noise in [0, 1]: random values on a grid of the given spacing, bilinearly interpolated.</summary>
    private static float[] Noise(int w, int h, int spacing, Random rng)
    {
        int gw = w / spacing + 2, gh = h / spacing + 2;
        var grid = new float[gw * gh];
        for (var i = 0; i < grid.Length; i++) grid[i] = (float)rng.NextDouble();
        var o = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            var gy = y / (float)spacing; var y0 = (int)gy; var fy = gy - y0;
            for (var x = 0; x < w; x++)
            {
                var gx = x / (float)spacing; var x0 = (int)gx; var fx = gx - x0;
                o[y * w + x] = (grid[y0 * gw + x0] * (1 - fx) + grid[y0 * gw + x0 + 1] * fx) * (1 - fy)
                             + (grid[(y0 + 1) * gw + x0] * (1 - fx) + grid[(y0 + 1) * gw + x0 + 1] * fx) * fy;
            }
        }
        return o;
    }

    private static int[] BoxBlur(byte[] src, int w, int h, int r)
    {
        var tmp = new int[w * h];
        var o = new int[w * h];
        var n = 2 * r + 1;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var s = 0;
                for (var k = -r; k <= r; k++) s += src[y * w + Math.Clamp(x + k, 0, w - 1)];
                tmp[y * w + x] = s / n;
            }
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var s = 0;
                for (var k = -r; k <= r; k++) s += tmp[Math.Clamp(y + k, 0, h - 1) * w + x];
                o[y * w + x] = s / n;
            }
        return o;
    }

    private static byte[] Jpeg(float[] rgb, int w, int h, int quality)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var px = bitmap.GetPixelSpan();
        var stride = bitmap.RowBytes;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var i = 3 * (y * w + x);
                var o = y * stride + 4 * x;
                px[o] = (byte)Math.Clamp(rgb[i], 0, 255); px[o + 1] = (byte)Math.Clamp(rgb[i + 1], 0, 255);
                px[o + 2] = (byte)Math.Clamp(rgb[i + 2], 0, 255); px[o + 3] = 255;
            }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }
}
