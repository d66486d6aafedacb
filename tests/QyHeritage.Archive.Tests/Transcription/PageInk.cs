using NetVips;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Tests.Transcription;

/// <summary>A page image as 8-bit grey levels in memory, to measure how much ink lies inside boxes.</summary>
internal sealed class PageInk
{
    private readonly byte[] _grey;

    private PageInk(byte[] grey, int width, int height)
    {
        _grey = grey;
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    public static PageInk Load(string path)
    {
        using var image = Image.NewFromFile(path, access: Enums.Access.Sequential);
        using var grey = image.Colourspace(Enums.Interpretation.Bw);
        using var band = grey.Bands > 1 ? grey.ExtractBand(0) : grey.Copy();
        using var bytes = band.Cast(Enums.BandFormat.Uchar);
        return new PageInk(bytes.WriteToMemory<byte>(), bytes.Width, bytes.Height);
    }

    /// <summary>
    /// Share of pixels in a box darker than <paramref name="threshold"/>: ink is near black, while paper
    /// (even the stained, textured paper of the rendered pages) and the red rules stay lighter.
    /// </summary>
    public double InkFraction(Box box, byte threshold = 90)
    {
        long ink = 0;
        for (var y = box.Y; y < box.Bottom; y++)
        {
            var row = y * Width;
            for (var x = box.X; x < box.Right; x++) if (_grey[row + x] < threshold) ink++;
        }
        var area = (long)box.W * box.H;
        return area == 0 ? 0 : (double)ink / area;
    }

    /// <summary>Mean darkness (255 − grey level) inside a box: 0 on white paper, 255 on solid black.</summary>
    public double Darkness(Box box)
    {
        long sum = 0;
        for (var y = box.Y; y < box.Bottom; y++)
        {
            var row = y * Width;
            for (var x = box.X; x < box.Right; x++) sum += 255 - _grey[row + x];
        }
        var area = (long)box.W * box.H;
        return area == 0 ? 0 : (double)sum / area;
    }
}
