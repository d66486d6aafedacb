using NetVips;

namespace QyHeritage.Recognition;

/// <summary>
/// A page reduced to what OCR needs: one grey channel and a mask of ink pixels (1 = ink), in the page's own pixel space.
/// </summary>
internal sealed class InkImage
{
    public int Width { get; }
    public int Height { get; }
    /// <summary>Grey levels, row-major, 0 = black.</summary>
    public byte[] Grey { get; }
    /// <summary>1 where there is ink, 0 where there is paper (or a removed rule).</summary>
    public byte[] Ink { get; }
    public byte Threshold { get; }
    /// <summary>True where a ruled line was removed from <see cref="Ink"/>: those pixels stay paper-white in what tesseract sees.</summary>
    public bool[] Removed { get; }

    private InkImage(int width, int height, byte[] grey, byte[] ink, byte threshold)
    {
        Width = width; Height = height; Grey = grey; Ink = ink; Threshold = threshold; Removed = new bool[ink.Length];
    }

    /// <summary>
    /// Loads the page and keeps its red channel: red rules and frames (朱絲欄) and red provenance text become as
    /// light as the paper there, black ink stays dark. On the sample pages the colour page gives 0 % and the red
    /// channel 85 % with the same tesseract call (RECIPES.md).
    /// </summary>
    public static InkImage Load(string path)
    {
        if (!File.Exists(path)) throw new OcrException($"Page image not found: {path}");
        byte[] grey;
        int width, height;
        try
        {
            using var image = Image.NewFromFile(path, access: Enums.Access.Sequential);
            using var band = image.Bands >= 3 ? image.ExtractBand(0) : image.Bands == 1 ? image.Copy() : image.ExtractBand(0);
            using var u8 = band.Format == Enums.BandFormat.Uchar ? band.Copy() : band.Cast(Enums.BandFormat.Uchar, shift: band.Format == Enums.BandFormat.Ushort);
            width = u8.Width;
            height = u8.Height;
            grey = u8.WriteToMemory<byte>();
        }
        catch (VipsException e)
        {
            throw new OcrException($"Cannot read page image {path}: {e.Message.Trim()}", e);
        }
        var threshold = OtsuThreshold(grey);
        var ink = new byte[grey.Length];
        for (var i = 0; i < grey.Length; i++) ink[i] = grey[i] < threshold ? (byte)1 : (byte)0;
        return new InkImage(width, height, grey, ink, threshold);
    }

    /// <summary>
    /// Takes the ink mask again from grey levels with the paper flattened (<see cref="Montage.FlattenedGrey"/>): ink where
    /// they are below <paramref name="level"/>; removed rules stay removed.
    /// </summary>
    public void Reink(byte[] flat, byte level)
    {
        for (var i = 0; i < Ink.Length; i++) Ink[i] = !Removed[i] && flat[i] < level ? (byte)1 : (byte)0;
    }

    /// <summary>The tangent of the skew taken out by <see cref="Deskew"/> (0 when none): page boxes map back with <see cref="ToOriginal"/>.</summary>
    public double Skew { get; private set; }

    /// <summary>
    /// Straightens a page photographed or scanned at a slight angle (up to <paramref name="maxDegrees"/>): the angle is
    /// the one at which the ink's vertical projection is sharpest (columns, rules and the frame line up), found on a
    /// quarter-size copy; the page is then turned by two shears (rows shifted, then columns), which for angles of a few
    /// degrees is a rotation to within a pixel. Pages straighter than a quarter of a degree are left alone: over a
    /// character's height their columns drift less than a pixel, and the nearest-neighbour shears would roughen the
    /// strokes for nothing (the sample collection, rendered within ±0.25°, lost 0.1 point when those were straightened too).
    /// Unruled pages pass a higher <paramref name="minDegrees"/> (see TesseractOcr). A page of tiers whose columns are
    /// staggered from tier to tier (a newspaper) is judged in <paramref name="bands"/> horizontal bands, each band's
    /// projection sharp on its own: over the whole page, the angle that lines up one tier's columns with the next tier's,
    /// a degree or two off, was sharper than the true one (the sample's straight newspapers read 2.7–16 % straightened so).
    /// </summary>
    public double Deskew(double maxDegrees = 3, double minDegrees = 0.25, int bands = 1)
    {
        const int f = 4;
        int sw = Width / f, sh = Height / f;
        if (sw < 16 || sh < 16) return 0;
        var small = new byte[sw * sh];
        for (var y = 0; y < sh; y++)
            for (var x = 0; x < sw; x++)
            {
                var n = 0;
                for (var dy = 0; dy < f; dy++)
                    for (var dx = 0; dx < f; dx++) n += Ink[(y * f + dy) * Width + x * f + dx];
                small[y * sw + x] = (byte)n;
            }
        // The copy's ink summed down each column from the top: the rows that one angle shifts alike are added at once.
        var above = new int[(sh + 1) * sw];
        for (var y = 0; y < sh; y++)
            for (var x = 0; x < sw; x++) above[(y + 1) * sw + x] = above[y * sw + x] + small[y * sw + x];
        double Score(double degrees)
        {
            var t = Math.Tan(degrees * Math.PI / 180);
            var counts = new long[sw + 2 * sh];
            var offset = sh;
            double score = 0;
            for (var band = 0; band < bands; band++)
            {
                Array.Clear(counts);
                int y = sh * band / bands, end = sh * (band + 1) / bands;
                while (y < end)
                {
                    var shift = (int)Math.Round(y * t) + offset;
                    var next = y + 1;
                    while (next < end && (int)Math.Round(next * t) + offset == shift) next++;
                    int top = y * sw, bottom = next * sw, at = 2 * offset - shift;
                    for (var x = 0; x < sw; x++) counts[x + at] += above[bottom + x] - above[top + x];
                    y = next;
                }
                foreach (var c in counts) score += (double)c * c;
            }
            return score;
        }
        double best = 0, bestScore = Score(0);
        for (var a = -maxDegrees; a <= maxDegrees + 1e-9; a += 0.1)
        {
            var sc = Score(a);
            if (sc > bestScore) { bestScore = sc; best = a; }
        }
        var coarse = best;
        for (var a = coarse - 0.1; a <= coarse + 0.1 + 1e-9; a += 0.02)
        {
            var sc = Score(a);
            if (sc > bestScore) { bestScore = sc; best = a; }
        }
        if (Math.Abs(best) < minDegrees) return 0;
        var tan = Math.Tan(best * Math.PI / 180);
        // A vertical line of the page runs x = x0 + y·tan: shift rows by −y·tan, then columns by +x·tan (horizontal lines).
        var grey = new byte[Grey.Length];
        Array.Fill(grey, (byte)255);
        // Source's two roundings, taken once per column and per row of the sheared page rather than per pixel.
        var down = new int[Width];
        for (var x2 = 0; x2 < Width; x2++) down[x2] = (int)Math.Round(x2 * tan);
        int lowest = -Math.Max(0, down.Max()), highest = Height - 1 - Math.Min(0, down.Min());
        var across = new int[highest - lowest + 1];
        for (var y1 = lowest; y1 <= highest; y1++) across[y1 - lowest] = (int)Math.Round(y1 * tan);
        for (var y2 = 0; y2 < Height; y2++)
            for (var x2 = 0; x2 < Width; x2++)
            {
                var y = y2 - down[x2];
                var x = x2 + across[y - lowest];
                if (x < 0 || x >= Width || y < 0 || y >= Height) continue;
                grey[y2 * Width + x2] = Grey[y * Width + x];
            }
        Array.Copy(grey, Grey, grey.Length);
        for (var i = 0; i < Grey.Length; i++) Ink[i] = Grey[i] < Threshold ? (byte)1 : (byte)0;
        Skew = tan;
        return best;
    }

    /// <summary>Where a pixel of the straightened page came from on the page as loaded.</summary>
    private static (int X, int Y) Source(int x2, int y2, double tan)
    {
        var y1 = y2 - (int)Math.Round(x2 * tan);
        return (x2 + (int)Math.Round(y1 * tan), y1);
    }

    /// <summary>A box of the straightened page as a box on the page as loaded (the box around its four corners).</summary>
    public QyHeritage.Archive.Ocr.Box ToOriginal(QyHeritage.Archive.Ocr.Box b)
    {
        if (Skew == 0) return b;
        var corners = new[] { Source(b.X, b.Y, Skew), Source(b.Right, b.Y, Skew), Source(b.X, b.Bottom, Skew), Source(b.Right, b.Bottom, Skew) };
        int x0 = Math.Clamp(corners.Min(c => c.X), 0, Width), y0 = Math.Clamp(corners.Min(c => c.Y), 0, Height);
        int x1 = Math.Clamp(corners.Max(c => c.X), 0, Width), y1 = Math.Clamp(corners.Max(c => c.Y), 0, Height);
        return new QyHeritage.Archive.Ocr.Box(x0, y0, Math.Max(1, x1 - x0), Math.Max(1, y1 - y0));
    }

    /// <summary>The grey level that best separates two classes of pixels (Otsu 1979): ink and paper.</summary>
    internal static byte OtsuThreshold(byte[] pixels)
    {
        var hist = new long[256];
        foreach (var p in pixels) hist[p]++;
        double total = pixels.Length, sumAll = 0;
        for (var i = 0; i < 256; i++) sumAll += i * (double)hist[i];
        double sumB = 0, wB = 0, best = -1;
        var threshold = 128;
        for (var t = 0; t < 256; t++)
        {
            wB += hist[t];
            if (wB == 0) continue;
            var wF = total - wB;
            if (wF == 0) break;
            sumB += t * (double)hist[t];
            var mB = sumB / wB;
            var mF = (sumAll - sumB) / wF;
            var between = wB * wF * (mB - mF) * (mB - mF);
            if (between > best) { best = between; threshold = t + 1; }
        }
        return (byte)Math.Clamp(threshold, 1, 255);
    }
}
