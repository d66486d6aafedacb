namespace QyHeritage.Archive.Imaging;

/// <summary>Limits and encoding settings for turning masters into pyramidal derivatives.</summary>
public sealed record ImagingOptions
{
    /// <summary>
    /// Largest master accepted, in pixels (width × height), checked from the header before any
    /// decoding. 300 MP covers an A0 sheet at 400 ppi; anything larger is more likely a
    /// decompression bomb or a mistake than a page.
    /// </summary>
    public long MaxPixels { get; init; } = 300_000_000;

    /// <summary>Tile edge in pixels, for every pyramid level. 256 is what IIIF viewers ask for by default.</summary>
    public int TileSize { get; init; } = 256;

    /// <summary>JPEG quality of the tiles (1–100).</summary>
    public int JpegQuality { get; init; } = 85;

    /// <summary>
    /// How strict decoding is. <see cref="MasterStrictness.Warning"/> (the default) refuses a master
    /// on any decoder warning, which is what catches truncated JPEGs: libjpeg reports a missing end
    /// as a warning and would otherwise fill the rest of the page with grey.
    /// </summary>
    public MasterStrictness Strictness { get; init; } = MasterStrictness.Warning;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPixels, 1, nameof(MaxPixels));
        // libtiff requires tile edges that are multiples of 16.
        if (TileSize < 16 || TileSize > 4096 || TileSize % 16 != 0)
            throw new ArgumentOutOfRangeException(nameof(TileSize), TileSize, "tile size must be a multiple of 16 between 16 and 4096");
        if (JpegQuality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(JpegQuality), JpegQuality, "JPEG quality must be 1–100");
    }
}
