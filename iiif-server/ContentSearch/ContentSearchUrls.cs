using QyHeritage.Iiif.Http;
using QyHeritage.Iiif.Presentation.Model;

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
    public string SearchFor(string itemId, string q, int page = 1, int version = 2) =>
        $"{(version == 1 ? Search1(itemId) : Search(itemId))}?q={Uri.EscapeDataString(q)}{(page > 1 ? $"&page={page}" : "")}";

    /// <summary>Content Search 1.0 within the item, the same hits (https://iiif.io/api/search/1.0/).</summary>
    public string Search1(string itemId) => $"{Search(itemId)}/v1";

    /// <summary>
    /// The service a manifest carries (https://iiif.io/api/search/2.0/#search-service-description and
    /// #autocomplete-service-description): the autocomplete service is nested in the search service.
    /// </summary>
    public SearchService2 Service2(string itemId) => new()
    {
        Id = Search(itemId),
        Services = [new AutoCompleteService2 { Id = AutoComplete(itemId) }],
    };

    /// <summary>
    /// The Content Search 1.0 service (https://iiif.io/api/search/1.0/#service-description) beside it, for viewers
    /// that know only 0/1 (Mirador 4 finds it by its profile). No 1.0 autocomplete: its term list differs.
    /// </summary>
    public SearchService1 Service1(string itemId) => SearchService1.At(Search1(itemId));
}
