using NetVips;

namespace QyHeritage.Archive.Imaging;

/// <summary>Small previews for the web host, cut from a pyramid derivative.</summary>
public static class Thumbnails
{
    /// <summary>
    /// A JPEG whose longest side is <paramref name="maxSide"/> (or the image's own size if smaller).
    /// libvips' thumbnail opens the smallest pyramid level that is still large enough, so this
    /// decodes a few tiles, never the full page.
    /// </summary>
    public static byte[] FromPyramid(string pyramidPath, int maxSide = 256, int quality = 80)
    {
        ArgumentException.ThrowIfNullOrEmpty(pyramidPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        VipsSettings.EnsureConfigured();

        using var thumbnail = Image.Thumbnail(pyramidPath, maxSide, height: maxSide, size: Enums.Size.Down);
        return thumbnail.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.None);
    }
}
