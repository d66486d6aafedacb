namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// The format parameter (the file extension of the request).
/// https://iiif.io/api/image/3.0/#45-format
/// </summary>
public enum ImageFormat
{
    Jpg,
    Png,
    Webp,
    Gif,
    Tif,
}

public static class ImageFormats
{
    /// <summary>Formats beyond level 2's jpg and png, for info.json's extraFormats.</summary>
    public static readonly IReadOnlyList<string> Extra = ["webp", "gif", "tif"];

    public static Parsed<ImageFormat> Parse(string? text) => text switch
    {
        "jpg" => Parsed<ImageFormat>.Ok(ImageFormat.Jpg),
        "png" => Parsed<ImageFormat>.Ok(ImageFormat.Png),
        "webp" => Parsed<ImageFormat>.Ok(ImageFormat.Webp),
        "gif" => Parsed<ImageFormat>.Ok(ImageFormat.Gif),
        "tif" => Parsed<ImageFormat>.Ok(ImageFormat.Tif),
        null or "" => Parsed<ImageFormat>.Fail("format: missing (expected e.g. default.jpg)"),
        // jp2 and pdf are named in the spec but not made here: 400 says which formats are.
        _ => Parsed<ImageFormat>.Fail($"format: '{RegionParameter.Printable(text)}' is not jpg, png, webp, gif or tif"),
    };

    public static string Extension(this ImageFormat f) => f switch
    {
        ImageFormat.Jpg => "jpg",
        ImageFormat.Png => "png",
        ImageFormat.Webp => "webp",
        ImageFormat.Gif => "gif",
        _ => "tif",
    };

    public static string MediaType(this ImageFormat f) => f switch
    {
        ImageFormat.Jpg => "image/jpeg",
        ImageFormat.Png => "image/png",
        ImageFormat.Webp => "image/webp",
        ImageFormat.Gif => "image/gif",
        _ => "image/tiff",
    };

    /// <summary>Whether the format can carry transparency, used for the corners of arbitrary rotations.</summary>
    public static bool HasAlpha(this ImageFormat f) => f is ImageFormat.Png or ImageFormat.Webp or ImageFormat.Gif or ImageFormat.Tif;
}
