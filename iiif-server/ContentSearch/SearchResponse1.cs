using System.Text.Json.Nodes;

namespace QyHeritage.Iiif.ContentSearch;

/// <summary>
/// A Content Search 1.0 response (https://iiif.io/api/search/1.0/#search-response), made from the 2.0 response
/// for the same request so that both always hold the same hits: an <c>sc:AnnotationList</c> whose
/// <c>resources</c> are the 2.0 <c>items</c> as painting annotations (<c>on</c> = the same <c>canvas#xywh=</c>
/// targets), and whose <c>hits</c> (https://iiif.io/api/search/1.0/#search-hits) are the 2.0 highlighting
/// annotations: the annotations of one hit with its match and the text before and after it. Mirador 4 reads this form.
/// </summary>
public static class SearchResponse1
{
    public const string Context = "http://iiif.io/api/search/1/context.json";
    public const string PresentationContext = "http://iiif.io/api/presentation/2/context.json";

    /// <summary>Where a paged response sits among all (https://iiif.io/api/search/1.0/#paging-results).</summary>
    public sealed record Paging(ContentSearchUrls Urls, string ItemId, string Q, int Page, ResultPages Pages, int StartIndex);

    /// <param name="version2">The 2.0 AnnotationPage built for this request (its id is this request's URI).</param>
    public static JsonObject From(JsonObject version2, Paging? paging)
    {
        var resources = new JsonArray();
        foreach (var item in version2["items"]!.AsArray())
        {
            resources.Add(new JsonObject
            {
                ["@id"] = item!["id"]!.DeepClone(),
                ["@type"] = "oa:Annotation",
                ["motivation"] = "sc:painting",
                ["resource"] = new JsonObject { ["@type"] = "cnt:ContentAsText", ["chars"] = item["body"]!["value"]!.DeepClone() },
                ["on"] = item["target"]!.DeepClone(),
            });
        }
        var hits = new JsonArray();
        foreach (var highlight in version2["annotations"]?[0]?["items"]?.AsArray() ?? [])
        {
            // One part (a SpecificResource) per annotation of the hit, each with the same quote.
            var parts = highlight!["target"] is JsonArray many ? many.Select(p => p!).ToList() : [highlight["target"]!];
            var quote = parts[0]["selector"]![0]!;
            hits.Add(new JsonObject
            {
                ["@type"] = "search:Hit",
                ["annotations"] = new JsonArray(parts.Select(p => p["source"]!.DeepClone()).ToArray()),
                ["match"] = quote["exact"]!.DeepClone(),
                ["before"] = quote["prefix"]!.DeepClone(),
                ["after"] = quote["suffix"]!.DeepClone(),
            });
        }
        var response = new JsonObject
        {
            ["@context"] = new JsonArray(PresentationContext, Context),
            ["@id"] = version2["id"]!.DeepClone(),
            ["@type"] = "sc:AnnotationList",
        };
        var within = new JsonObject { ["@type"] = "sc:Layer", ["total"] = paging?.Pages.Total ?? resources.Count };
        if (paging is not null)
        {
            string Url(int page) => paging.Urls.SearchFor(paging.ItemId, paging.Q, page, version: 1);
            within["first"] = Url(1);
            within["last"] = Url(paging.Pages.Count);
            if (paging.Page < paging.Pages.Count) response["next"] = Url(paging.Page + 1);
            if (paging.Page > 1) response["prev"] = Url(paging.Page - 1);
            response["startIndex"] = paging.StartIndex;
        }
        response["within"] = within;
        response["resources"] = resources;
        response["hits"] = hits;
        return response;
    }
}
