using System.Globalization;

namespace QyHeritage.Archive.Exhibitions;

/// <summary>
/// A rectangle in pixels of a page's full image, as the IIIF Image API's region
/// (https://iiif.io/api/image/3.0/#41-region) <c>x,y,w,h</c> writes it.
/// </summary>
public sealed record PixelRegion(int X, int Y, int W, int H)
{
    /// <summary>The IIIF region parameter, e.g. <c>120,340,800,600</c>.</summary>
    public string ToIiif() => string.Create(CultureInfo.InvariantCulture, $"{X},{Y},{W},{H}");

    /// <summary>Whether the region lies wholly inside a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public bool FitsIn(int width, int height) => X >= 0 && Y >= 0 && W > 0 && H > 0 && (long)X + W <= width && (long)Y + H <= height;

    /// <summary>Reads <c>x,y,w,h</c>; null when it is not four non-negative integers with a positive size.</summary>
    public static PixelRegion? TryParse(string? text)
    {
        var parts = text?.Split(',') ?? [];
        if (parts.Length != 4) return null;
        var n = new int[4];
        for (var i = 0; i < 4; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out n[i])) return null;
        }
        return n[2] > 0 && n[3] > 0 ? new PixelRegion(n[0], n[1], n[2], n[3]) : null;
    }
}
