namespace QyHeritage.Archive.Imaging;

/// <summary>What a master's header says, read without decoding its pixels.</summary>
/// <param name="Path">The master file.</param>
/// <param name="Format">The format found from its magic bytes.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Bands">Number of bands (1 grey, 3 RGB, 4 RGBA or CMYK, …).</param>
/// <param name="BandFormat">libvips band format name (<c>uchar</c>, <c>ushort</c>, …).</param>
public sealed record MasterInfo(string Path, MasterFormat Format, int Width, int Height, int Bands, string BandFormat)
{
    /// <summary>Width × height.</summary>
    public long Pixels => (long)Width * Height;
}
