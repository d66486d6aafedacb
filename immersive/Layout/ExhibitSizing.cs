using QyHeritage.Archive.Exhibitions;

namespace QyHeritage.Immersive.Layout;

/// <summary>The size an exhibit hangs at and the texture it needs.</summary>
/// <param name="Width">Picture width in metres (no frame).</param>
/// <param name="Height">Picture height in metres.</param>
/// <param name="Enlargement">How many times the page's real size (1 = real size).</param>
/// <param name="LegibleAt">The farthest distance in metres at which its smallest characters are legible.</param>
/// <param name="TextureWidth">Texture pixels across.</param>
/// <param name="TextureHeight">Texture pixels down.</param>
public sealed record ExhibitSize(double Width, double Height, double Enlargement, double LegibleAt, int TextureWidth, int TextureHeight);

/// <summary>
/// Real size, enlarged until the smallest characters are legible from the viewing distance, and a texture
/// as sharp as a headset shows it from there. The catalogue records no physical size yet, so "real size"
/// is the page image at <see cref="NominalDpi"/> (the scans and renderings of the sample books are made at
/// about that); a page's smallest characters (双行小注) are taken as 1/<see cref="CharactersPerPageHeight"/>
/// of its height, as measured on the sample books.
/// </summary>
public static class ExhibitSizing
{
    public const double NominalDpi = 300;
    public const double CharactersPerPageHeight = 60;

    /// <summary>A character is legible when it subtends at least this angle (≈ 15 headset pixels at 25 px/°).</summary>
    public const double LegibleDegrees = 0.6;

    /// <summary>Angular resolution of a standalone headset (Quest 3 class), pixels per degree.</summary>
    public const double HeadsetPixelsPerDegree = 25;

    public const double ViewingDistance = 1.5;
    public const int MaxTexture = 2048;
    public const double FrameBorder = 0.035;

    public static ExhibitSize Size(Exhibit x, double maxWidth, double maxHeight, double viewingDistance = ViewingDistance)
    {
        var source = x.Source ?? throw new InvalidOperationException($"exhibit {x.Id} is not published (no source)");
        var region = x.Region ?? new PixelRegion(0, 0, source.Width, source.Height);
        var metresPerPixel = 0.0254 / NominalDpi;
        var characterPixels = Math.Max(source.Width, source.Height) / CharactersPerPageHeight;
        var characterMetres = characterPixels * metresPerPixel;
        var needed = viewingDistance * Math.Tan(LegibleDegrees * Math.PI / 180);
        var k = Math.Max(1, needed / characterMetres);
        double w = region.W * metresPerPixel * k, h = region.H * metresPerPixel * k;
        // Too large for the wall: shrink to fit, and say from how near it is legible.
        var fit = Math.Min(1, Math.Min((maxWidth - 2 * FrameBorder) / w, (maxHeight - 2 * FrameBorder) / h));
        w *= fit;
        h *= fit;
        k *= fit;
        var legibleAt = characterMetres * k / Math.Tan(LegibleDegrees * Math.PI / 180);
        // One texel per headset pixel from the viewing distance, never more than the region has, at most 2048.
        var pixelsPerMetre = 1 / (viewingDistance * Math.Tan(Math.PI / 180 / HeadsetPixelsPerDegree));
        var scale = Math.Min(1, Math.Min(h * pixelsPerMetre / region.H, w * pixelsPerMetre / region.W));
        scale = Math.Min(scale, Math.Min((double)MaxTexture / region.W, (double)MaxTexture / region.H));
        var tw = Math.Clamp((int)Math.Round(region.W * scale), 1, MaxTexture);
        var th = Math.Clamp((int)Math.Round(region.H * scale), 1, MaxTexture);
        return new ExhibitSize(Math.Round(w, 4), Math.Round(h, 4), Math.Round(k, 3), Math.Round(legibleAt, 2), tw, th);
    }
}
