using System.Text.Json.Nodes;
using QyHeritage.Iiif.Http;

namespace QyHeritage.Iiif.ContentSearch;

/// <summary>
/// The Content Search 2.0 URLs of an item (https://iiif.io/api/search/2.0/): one search service and
/// one autocomplete service per manifest, under the same public base as every other IIIF id.
/// </summary>
public sealed record ContentSearchUrls(string Base)
{
    public const string Context = QyHeritage.Search.Api.ContentSearchResponse.Context;

    public string Search(string itemId) => $"{Base}{IiifRoutes.SearchPrefix}/{itemId}";

    public string AutoComplete(string itemId) => $"{Base}{IiifRoutes.AutoCompletePrefix}/{itemId}";

    /// <summary>A search request for <paramref name="q"/>; <paramref name="page"/> 1 is the URL without a page parameter.</summary>
    public string SearchFor(string itemId, string q, int page = 1) =>
        $"{Search(itemId)}?q={Uri.EscapeDataString(q)}{(page > 1 ? $"&page={page}" : "")}";

    /// <summary>
    /// The service block a manifest carries (https://iiif.io/api/search/2.0/#search-service-description
    /// and #autocomplete-service-description): the autocomplete service is nested in the search service.
    /// </summary>
    public JsonObject ServiceReference(string itemId) => new()
    {
        ["id"] = Search(itemId),
        ["type"] = "SearchService2",
        ["service"] = new JsonArray(new JsonObject
        {
            ["id"] = AutoComplete(itemId),
            ["type"] = "AutoCompleteService2",
        }),
    };
}
