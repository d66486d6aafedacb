using NetVips;

namespace QyHeritage.Archive.Imaging;

/// <summary>
/// Brings any accepted master to what JPEG tiles can hold: 8-bit, one grey or three sRGB bands,
/// no alpha. Every step is a point operation, so the master is still read once, top to bottom.
/// </summary>
internal static class TilePreparation
{
    /// <summary>The prepared image; images created on the way are added to <paramref name="owned"/> for the caller to dispose.</summary>
    public static Image Prepare(Image master, List<Image> owned)
    {
        var image = master;
        Image Keep(Image next)
        {
            owned.Add(next);
            return next;
        }

        // JPEG-in-TIFF cannot carry CMYK in a form viewers read; print masters come to sRGB.
        if (image.Interpretation == Enums.Interpretation.Cmyk)
            image = Keep(image.Colourspace(Enums.Interpretation.Srgb));

        // Transparent areas of a scan are paper: flatten onto white rather than black.
        if (image.HasAlpha())
            image = Keep(image.Flatten(background: [255.0]));

        if (image.Bands > 3)
            image = Keep(image.ExtractBand(0, n: 3));
        else if (image.Bands == 2)
            image = Keep(image.ExtractBand(0));

        // 16-bit and float masters: colourspace scales to 8 bits (a plain cast would clip).
        if (image.Format != Enums.BandFormat.Uchar)
            image = Keep(image.Colourspace(image.Bands >= 3 ? Enums.Interpretation.Srgb : Enums.Interpretation.Bw));
        if (image.Format != Enums.BandFormat.Uchar)
            image = Keep(image.Cast(Enums.BandFormat.Uchar));

        return image;
    }
}
