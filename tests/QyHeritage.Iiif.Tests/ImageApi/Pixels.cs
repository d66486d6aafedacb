using NetVips;

namespace QyHeritage.Iiif.Tests.ImageApi;

/// <summary>Reading back what the server sent: size, bands and colours at points.</summary>
internal static class Pixels
{
    /// <summary>
    /// The colour at a point as a letter: R, G, B (pure primaries), W (white), K (black), T
    /// (transparent), or ? for anything in between. Tolerant of JPEG noise.
    /// </summary>
    public static char ColourAt(Image image, double fx, double fy)
    {
        var x = Math.Clamp((int)(fx * image.Width), 0, image.Width - 1);
        var y = Math.Clamp((int)(fy * image.Height), 0, image.Height - 1);
        var p = image.Getpoint(x, y);
        var bands = image.Bands;
        var hasAlpha = bands is 2 or 4;
        if (hasAlpha && p[bands - 1] < 30) return 'T';
        double r, g, b;
        if (bands <= 2) r = g = b = p[0];
        else (r, g, b) = (p[0], p[1], p[2]);
        static bool Hi(double v) => v > 200;
        static bool Lo(double v) => v < 60;
        if (Hi(r) && Hi(g) && Hi(b)) return 'W';
        if (Lo(r) && Lo(g) && Lo(b)) return 'K';
        if (Hi(r) && Lo(g) && Lo(b)) return 'R';
        if (Lo(r) && Hi(g) && Lo(b)) return 'G';
        if (Lo(r) && Lo(g) && Hi(b)) return 'B';
        return '?';
    }
}
