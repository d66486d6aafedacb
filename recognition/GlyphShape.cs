namespace QyHeritage.Recognition;

/// <summary>
/// A character image reduced to a comparable shape: its ink's bounding box scaled (aspect kept, centred) into a
/// <see cref="Size"/>² grid, blurred a little so that a pixel of misalignment costs little, then centred and scaled
/// to unit length, so that the dot product of two shapes is their normalised cross-correlation (1 = identical).
/// A coarse <see cref="CoarseSize"/>² version of the same picks the candidates the fine one then ranks.
/// </summary>
internal static class GlyphShape
{
    public const int Size = 24;
    public const int CoarseSize = 12;

    /// <summary>Shape of the ink in a row-major image of ink amounts (0 = paper, 1 = full ink); null when there is no ink.</summary>
    public static (float[] Fine, float[] Coarse)? Of(float[] ink, int width, int height)
    {
        int x0 = width, y0 = height, x1 = -1, y1 = -1;
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                if (ink[y * width + x] > 0.25f) { x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y); }
        if (x1 < 0) return null;
        int w = x1 - x0 + 1, h = y1 - y0 + 1;
        var scale = Size / (double)Math.Max(w, h);
        double offX = (Size - w * scale) / 2, offY = (Size - h * scale) / 2;
        // Every source pixel spreads its ink over the grid cells it covers (area resampling, in both directions).
        var grid = new float[Size * Size];
        for (var y = 0; y < h; y++)
        {
            double gy0 = offY + y * scale, gy1 = gy0 + scale;
            for (var x = 0; x < w; x++)
            {
                var v = ink[(y0 + y) * width + x0 + x];
                if (v <= 0) continue;
                double gx0 = offX + x * scale, gx1 = gx0 + scale;
                for (var gy = (int)gy0; gy < Math.Min(Size, (int)Math.Ceiling(gy1)); gy++)
                {
                    var fy = Math.Min(gy1, gy + 1) - Math.Max(gy0, gy);
                    for (var gx = (int)gx0; gx < Math.Min(Size, (int)Math.Ceiling(gx1)); gx++)
                        grid[gy * Size + gx] += (float)(v * fy * (Math.Min(gx1, gx + 1) - Math.Max(gx0, gx)));
                }
            }
        }
        var fine = Normalise(Blur(grid, Size));
        var coarse = new float[CoarseSize * CoarseSize];
        var f = Size / CoarseSize;
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
                coarse[y / f * CoarseSize + x / f] += fine[y * Size + x];
        return (fine, Normalise(coarse));
    }

    /// <summary>The normalised cross-correlation of two shapes made by <see cref="Of"/>.</summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var lanes = System.Numerics.Vector<float>.Count;
        var acc = System.Numerics.Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - lanes; i += lanes) acc += new System.Numerics.Vector<float>(a[i..]) * new System.Numerics.Vector<float>(b[i..]);
        var sum = System.Numerics.Vector.Sum(acc);
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>[1 2 1]² smoothing: strokes a pixel apart still overlap.</summary>
    private static float[] Blur(float[] g, int n)
    {
        var tmp = new float[g.Length];
        var result = new float[g.Length];
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
                tmp[y * n + x] = 2 * g[y * n + x] + (x > 0 ? g[y * n + x - 1] : 0) + (x + 1 < n ? g[y * n + x + 1] : 0);
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
                result[y * n + x] = 2 * tmp[y * n + x] + (y > 0 ? tmp[(y - 1) * n + x] : 0) + (y + 1 < n ? tmp[(y + 1) * n + x] : 0);
        return result;
    }

    private static float[] Normalise(float[] v)
    {
        var mean = v.Average();
        double sum = 0;
        for (var i = 0; i < v.Length; i++) { v[i] -= mean; sum += v[i] * (double)v[i]; }
        var norm = (float)Math.Sqrt(sum);
        if (norm > 0) for (var i = 0; i < v.Length; i++) v[i] /= norm;
        return v;
    }
}
