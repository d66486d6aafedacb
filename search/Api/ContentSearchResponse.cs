using System.Globalization;
using System.Text.Json.Nodes;
using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Api;

/// <summary>
/// IIIF Content Search API 2.0 (https://iiif.io/api/search/2.0/) responses from
/// <see cref="SearchService.SearchWithinItem"/>: an <c>AnnotationPage</c> whose <c>items</c> are the matched
/// text as <c>supplementing</c> annotations targeting canvas <c>xywh</c> fragments (one per printed column or
/// line a hit covers), and whose <c>annotations</c> page holds one <c>highlighting</c> annotation per hit with a
/// <c>TextQuoteSelector</c> (prefix, exact, suffix). The IIIF module mounts it with its own canvas ids.
/// </summary>
public static class ContentSearchResponse
{
    public const string Context = "http://iiif.io/api/search/2/context.json";

    /// <param name="id">The request URL (the response's id).</param>
    /// <param name="hits">The item's matching pages, from <see cref="SearchService.SearchWithinItem"/>.</param>
    /// <param name="canvasId">The canvas id of a page number (the manifest's own).</param>
    /// <param name="language">BCP 47 language of the text (zh-Hant, zh-Hans).</param>
    public static JsonObject Build(string id, IReadOnlyList<PageHit> hits, Func<int, string> canvasId, string? language = null)
    {
        var items = new JsonArray();
        var highlights = new JsonArray();
        var baseId = id.Split('?')[0].TrimEnd('/');
        foreach (var page in hits)
        {
            for (var h = 0; h < page.Hits.Count; h++)
            {
                var hit = page.Hits[h];
                var canvas = canvasId(page.Page);
                var parts = new JsonArray();
                var targets = hit.Boxes.Count == 0
                    ? [canvas]
                    : hit.Boxes.Select(b => string.Create(CultureInfo.InvariantCulture, $"{canvas}#xywh={b.X},{b.Y},{b.W},{b.H}")).ToList();
                for (var r = 0; r < targets.Count; r++)
                {
                    var annoId = $"{baseId}/anno/p{page.Page:D3}-{h}-{r}";
                    var body = new JsonObject { ["type"] = "TextualBody", ["value"] = hit.Text, ["format"] = "text/plain" };
                    if (language is not null) body["language"] = language;
                    items.Add(new JsonObject
                    {
                        ["id"] = annoId,
                        ["type"] = "Annotation",
                        ["motivation"] = "supplementing",
                        ["body"] = body,
                        ["target"] = targets[r],
                    });
                    parts.Add(new JsonObject
                    {
                        ["type"] = "SpecificResource",
                        ["source"] = annoId,
                        ["selector"] = new JsonArray(new JsonObject
                        {
                            ["type"] = "TextQuoteSelector",
                            ["prefix"] = hit.Prefix,
                            ["exact"] = hit.Text,
                            ["suffix"] = hit.Suffix,
                        }),
                    });
                }
                highlights.Add(new JsonObject
                {
                    ["id"] = $"{baseId}/match/p{page.Page:D3}-{h}",
                    ["type"] = "Annotation",
                    ["motivation"] = "highlighting",
                    ["target"] = parts.Count == 1 ? parts[0]!.DeepClone() : parts,
                });
            }
        }
        var response = new JsonObject
        {
            ["@context"] = Context,
            ["id"] = id,
            ["type"] = "AnnotationPage",
            ["items"] = items,
        };
        if (highlights.Count > 0) response["annotations"] = new JsonArray(new JsonObject { ["type"] = "AnnotationPage", ["items"] = highlights });
        return response;
    }
}
