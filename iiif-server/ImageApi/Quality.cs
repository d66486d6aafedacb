namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// The quality parameter: colour, greyscale or black and white. <c>default</c> is colour here
/// (the pyramids keep the page's colour).
/// https://iiif.io/api/image/3.0/#44-quality
/// </summary>
public enum Quality
{
    Default,
    Color,
    Gray,
    Bitonal,
}

public static class Qualities
{
    public static readonly IReadOnlyList<string> Extra = ["color", "gray", "bitonal"];

    public static Parsed<Quality> Parse(string? text) => text switch
    {
        "default" => Parsed<Quality>.Ok(Quality.Default),
        "color" => Parsed<Quality>.Ok(Quality.Color),
        "gray" => Parsed<Quality>.Ok(Quality.Gray),
        "bitonal" => Parsed<Quality>.Ok(Quality.Bitonal),
        null or "" => Parsed<Quality>.Fail("quality: missing"),
        _ => Parsed<Quality>.Fail($"quality: '{RegionParameter.Printable(text)}' is not default, color, gray or bitonal"),
    };

    public static string Name(this Quality q) => q switch
    {
        Quality.Default => "default",
        Quality.Color => "color",
        Quality.Gray => "gray",
        _ => "bitonal",
    };
}
