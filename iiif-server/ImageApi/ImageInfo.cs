using System.Text.Json.Nodes;

namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// The image information document, info.json (https://iiif.io/api/image/3.0/#5-image-information):
/// size, the tile grid and scale factors of the stored pyramid (so viewers ask for tiles that pass
/// through untouched), the pyramid levels as preferred sizes, limits and what we do beyond level 2.
/// </summary>
public static class ImageInfo
{
    public const string Context = "http://iiif.io/api/image/3/context.json";
    public const string Protocol = "http://iiif.io/api/image";
    public const string Level2Profile = "http://iiif.io/api/image/3/level2.json";

    /// <summary>Features beyond level 2 (https://iiif.io/api/image/3.0/#57-extra-functionality).</summary>
    public static readonly IReadOnlyList<string> ExtraFeatures =
    [
        "canonicalLinkHeader", "mirroring", "profileLinkHeader", "regionSquare", "rotationArbitrary", "sizeUpscaling",
    ];

    public static JsonObject Build(string serviceId, TiffPyramid pyramid, ImageLimits limits, string? rights)
    {
        var scaleFactors = new JsonArray();
        var sizes = new List<(int W, int H)>();
        for (var n = 0; n < pyramid.Levels.Count; n++)
        {
            var level = pyramid.Levels[n];
            var s = 1L << n;
            // Only levels that are exact halvings map to scale factors; a stray directory would not.
            if (Math.Abs(level.Width - (double)pyramid.Width / s) > 1 || Math.Abs(level.Height - (double)pyramid.Height / s) > 1) break;
            scaleFactors.Add(s);
            if (limits.Allows(level.Width, level.Height)) sizes.Add((level.Width, level.Height));
        }
        var tile = pyramid.Levels[0];
        var tiles = new JsonObject { ["width"] = tile.TileWidth };
        if (tile.TileHeight != tile.TileWidth) tiles["height"] = tile.TileHeight;
        tiles["scaleFactors"] = scaleFactors;

        var info = new JsonObject
        {
            ["@context"] = Context,
            ["id"] = serviceId,
            ["type"] = "ImageService3",
            ["protocol"] = Protocol,
            ["profile"] = "level2",
            ["width"] = pyramid.Width,
            ["height"] = pyramid.Height,
            ["maxWidth"] = limits.MaxWidth,
            ["maxHeight"] = limits.MaxHeight,
            ["maxArea"] = limits.MaxArea,
            // Smallest first, as viewers pick the first size that is large enough.
            ["sizes"] = new JsonArray(sizes.OrderBy(x => x.W).Select(x => (JsonNode)new JsonObject { ["width"] = x.W, ["height"] = x.H }).ToArray()),
            ["tiles"] = new JsonArray(tiles),
            // Only jpg: the stored tiles are JPEG and go out without re-encoding; preferring webp would
            // turn every tile request into a render.
            ["preferredFormats"] = new JsonArray("jpg"),
            ["extraFormats"] = new JsonArray(ImageFormats.Extra.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
            ["extraQualities"] = new JsonArray(Qualities.Extra.Select(q => (JsonNode)JsonValue.Create(q)!).ToArray()),
            ["extraFeatures"] = new JsonArray(ExtraFeatures.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
        };
        if (rights is not null) info["rights"] = rights;
        return info;
    }
}
