using QyHeritage.Archive.Exhibitions;

namespace QyHeritage.Immersive.Layout;

/// <summary>The size an exhibit hangs at and the texture it needs.</summary>
/// <param name="Width">Picture width in metres (no frame).</param>
/// <param name="Height">Picture height in metres.</param>
/// <param name="Enlargement">How many times the page's real size (1 = real size).</param>
/// <param name="LegibleAt">The farthest distance in metres at which its smallest characters are legible.</param>
/// <param name="TextureWidth">Texture pixels across, for <see cref="ExhibitSizing.TextureDistance"/> (a compile may choose a farther one).</param>
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

    /// <summary>
    /// The texture in the GLB is as sharp as a headset shows the picture from here: nearer, the hall client replaces it
    /// with IIIF tiles of the picture's region (its <c>SharperTiles</c> within 2 m). Farther distances are used, in
    /// this order, when a hall's textures do not fit the headset's memory otherwise (<see cref="TextureDistances"/>).
    /// </summary>
    public const double TextureDistance = 2.0;

    /// <summary>The texture distances a compile tries, nearest first, until the hall's textures fit the budget.</summary>
    public static readonly IReadOnlyList<double> TextureDistances = [2.0, 2.5, 3.0];

    /// <summary>An atlas page is 2048 px; a picture keeps a gutter of its own edges around it there.</summary>
    public const int MaxTexture = 2040;
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
        w = Math.Round(w, 4);
        h = Math.Round(h, 4);
        var (tw, th) = Texture(region, w, h, TextureDistance);
        return new ExhibitSize(w, h, Math.Round(k, 3), Math.Round(legibleAt, 2), tw, th);
    }

    /// <summary>
    /// The texture of a picture <paramref name="width"/> × <paramref name="height"/> metres: one texel per headset pixel
    /// from <paramref name="distance"/>, never more than the region has, at most <see cref="MaxTexture"/> a side.
    /// </summary>
    public static (int Width, int Height) Texture(PixelRegion region, double width, double height, double distance)
    {
        var pixelsPerMetre = 1 / (distance * Math.Tan(Math.PI / 180 / HeadsetPixelsPerDegree));
        var scale = Math.Min(1, Math.Min(height * pixelsPerMetre / region.H, width * pixelsPerMetre / region.W));
        scale = Math.Min(scale, Math.Min((double)MaxTexture / region.W, (double)MaxTexture / region.H));
        return (Math.Clamp((int)Math.Round(region.W * scale), 1, MaxTexture), Math.Clamp((int)Math.Round(region.H * scale), 1, MaxTexture));
    }
}
