using NetVips;

namespace QyHeritage.Immersive.Rendering;

/// <summary>
/// A rendered picture: sRGB-encoded RGBA bytes, rows from the top. Encodes to JPEG or PNG with libvips.
/// </summary>
public sealed class RenderedImage
{
    public RenderedImage(int width, int height, byte[] rgba)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgba.Length != width * height * 4)
            throw new ArgumentException($"Expected {width * height * 4} bytes of RGBA, got {rgba.Length}.", nameof(rgba));
        Width = width;
        Height = height;
        Rgba = rgba;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>sRGB RGBA8, row-major from the top-left pixel.</summary>
    public byte[] Rgba { get; }

    /// <summary>The sRGB colour of one pixel (x from the left, y from the top).</summary>
    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        int i = (y * Width + x) * 4;
        return (Rgba[i], Rgba[i + 1], Rgba[i + 2]);
    }

    /// <summary>
    /// Mean absolute difference per channel (R, G, B; 0–255 sRGB levels) from another picture of the
    /// same size: the figure to state when comparing with the WebXR client's rendering of the same view.
    /// </summary>
    public double MeanAbsoluteError(RenderedImage other)
    {
        if (other.Width != Width || other.Height != Height)
            throw new ArgumentException($"Compare pictures of the same size ({Width}×{Height}, not {other.Width}×{other.Height}).", nameof(other));
        long sum = 0;
        for (int i = 0; i < Rgba.Length; i += 4)
            sum += Math.Abs(Rgba[i] - other.Rgba[i]) + Math.Abs(Rgba[i + 1] - other.Rgba[i + 1]) + Math.Abs(Rgba[i + 2] - other.Rgba[i + 2]);
        return sum / (3.0 * Width * Height);
    }

    /// <summary>
    /// Mean absolute channel difference (levels, 0–255) between columns <paramref name="a"/> and <paramref name="b"/>: with
    /// the last and the first column, how visible a panorama's seam is beside its neighbouring columns.
    /// </summary>
    public double ColumnDifference(int a, int b)
    {
        long sum = 0;
        for (int y = 0; y < Height; y++)
        {
            var p = Pixel(a, y);
            var q = Pixel(b, y);
            sum += Math.Abs(p.R - q.R) + Math.Abs(p.G - q.G) + Math.Abs(p.B - q.B);
        }
        return sum / (3.0 * Height);
    }

    /// <summary>Reads a PNG or JPEG (a browser screenshot, a saved render) as RGBA.</summary>
    public static RenderedImage Decode(byte[] encoded)
    {
        using var image = Image.NewFromBuffer(encoded);
        using var srgb = image.Colourspace(Enums.Interpretation.Srgb);
        using var rgb = srgb.Bands > 3 ? srgb.ExtractBand(0, 3) : srgb.Copy();
        using var rgba = rgb.Bandjoin(255);
        using var bytes = rgba.Cast(Enums.BandFormat.Uchar);
        return new RenderedImage(bytes.Width, bytes.Height, bytes.WriteToMemory<byte>());
    }

    /// <summary>Two pictures of the same height side by side (a stereo pair: left eye on the left).</summary>
    public static RenderedImage SideBySide(RenderedImage left, RenderedImage right)
    {
        if (left.Height != right.Height)
            throw new ArgumentException("Side-by-side pictures need the same height.");
        int width = left.Width + right.Width;
        var rgba = new byte[width * left.Height * 4];
        for (int y = 0; y < left.Height; y++)
        {
            Buffer.BlockCopy(left.Rgba, y * left.Width * 4, rgba, y * width * 4, left.Width * 4);
            Buffer.BlockCopy(right.Rgba, y * right.Width * 4, rgba, (y * width + left.Width) * 4, right.Width * 4);
        }
        return new RenderedImage(width, left.Height, rgba);
    }

    /// <summary>One part of the picture (a stereo pair's eye, a test's crop).</summary>
    public RenderedImage Crop(int x, int y, int width, int height)
    {
        var rgba = new byte[width * height * 4];
        for (int row = 0; row < height; row++)
            Buffer.BlockCopy(Rgba, ((y + row) * Width + x) * 4, rgba, row * width * 4, width * 4);
        return new RenderedImage(width, height, rgba);
    }

    public byte[] ToJpeg(int quality = 88) =>
        Encode(image => image.JpegsaveBuffer(q: quality, optimizeCoding: true, keep: Enums.ForeignKeep.None));

    public byte[] ToPng() => Encode(image => image.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None));

    public void SaveJpeg(string path, int quality = 88) => File.WriteAllBytes(path, ToJpeg(quality));

    public void SavePng(string path) => File.WriteAllBytes(path, ToPng());

    byte[] Encode(Func<Image, byte[]> save)
    {
        using var rgba = Image.NewFromMemory(Rgba, Width, Height, 4, Enums.BandFormat.Uchar);
        using var rgb = rgba.ExtractBand(0, 3);
        // Tagged as sRGB so libvips does not guess from the band count.
        using var tagged = rgb.Copy(interpretation: Enums.Interpretation.Srgb);
        return save(tagged);
    }
}
