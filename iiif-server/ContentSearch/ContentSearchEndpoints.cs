using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QyHeritage.Archive.Domain;
using QyHeritage.Iiif.Http;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.Presentation;
using QyHeritage.Search.Api;
using QyHeritage.Search.Queries;

namespace QyHeritage.Iiif.ContentSearch;

/// <summary>
/// IIIF Content Search API 2.0 (https://iiif.io/api/search/2.0/) for each manifest:
/// <c>/iiif/search/{itemId}?q=…[&amp;page=n]</c> answers an <c>AnnotationPage</c> of the item's hits and
/// <c>/iiif/autocomplete/{itemId}?q=…</c> a <c>TermPage</c>. Needs the host's search services
/// (<c>AddQySearch()</c>); without them the endpoints answer 503 rather than fail.
/// </summary>
public static class ContentSearchEndpoints
{
    // Results change when an item is re-ingested; a minute keeps repeated viewer requests cheap.
    private const string CacheControl = "public, max-age=60";
    private const int MaxTerms = 10;
    private static readonly string[] Methods = ["GET", "HEAD"];

    public static void MapContentSearch(this IEndpointRouteBuilder app)
    {
        app.MapMethods(IiifRoutes.SearchPrefix + "/{itemId}", Methods,
            (HttpContext http, ItemDocuments items, IiifOptions options, ILogger<ItemDocuments> log, string itemId) => SearchAsync(http, items, options, log, itemId, 2));
        // Content Search 1.0, the same hits in its older form, for viewers that know only that (Mirador 4).
        app.MapMethods(IiifRoutes.SearchPrefix + "/{itemId}/v1", Methods,
            (HttpContext http, ItemDocuments items, IiifOptions options, ILogger<ItemDocuments> log, string itemId) => SearchAsync(http, items, options, log, itemId, 1));
        app.MapMethods(IiifRoutes.AutoCompletePrefix + "/{itemId}", Methods, AutoCompleteAsync);
    }

    /// <param name="version">2 for Content Search 2.0, 1 for 1.0: the same hits and paging, in that version's form.</param>
    private static async Task SearchAsync(HttpContext http, ItemDocuments items, IiifOptions options, ILogger<ItemDocuments> log, string itemId, int version)
    {
        var (item, search) = await ResolveAsync(http, items, log, itemId);
        if (item is null || search is null) return;
        var baseUrl = PublicUrls.Base(http, options);
        var urls = new ContentSearchUrls(baseUrl);
        var id = RequestUri(http, baseUrl);
        var q = http.Request.Query["q"].ToString().Trim();
        var pageText = http.Request.Query["page"].ToString();
        var page = 1;
        if (pageText.Length > 0 && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            await ImageEndpoints.ErrorAsync(http, log, 400, $"page: a whole number from 1, not '{pageText}'");
            return;
        }

        // https://iiif.io/api/search/2.0/#query-parameters: without q the service may answer no results.
        IReadOnlyList<PageHit> hits = [];
        if (q.Length > 0)
        {
            try
            {
                hits = search.SearchWithinItem(item.Id, q);
            }
            catch (SearchQueryException e)
            {
                await ImageEndpoints.ErrorAsync(http, log, 400, "q: " + e.Message);
                return;
            }
        }
        // Only pages that are Canvases of the manifest can be targets; a text-only page has none.
        var canvases = ManifestBuilder.ImagePages(item).Select(p => p.Order).ToHashSet();
        hits = hits.Where(h => canvases.Contains(h.Page)).ToList();

        var pages = new ResultPages(hits, options.SearchPageSize);
        if (page > pages.Count)
        {
            await ImageEndpoints.ErrorAsync(http, log, 404, $"page: there are {pages.Count} pages of results");
            return;
        }
        var (slice, startIndex) = pages.Page(page);
        var presentation = new PresentationUrls(baseUrl);
        var response = ContentSearchResponse.Build(id, slice, n => presentation.Canvas(item.Id, Page.PageName(n)), LanguageTags.Chinese(item.Script));
        if (version == 1)
        {
            var paging = pages.Count > 1 ? new SearchResponse1.Paging(urls, item.Id, q, page, pages, startIndex) : null;
            await SendAsync(http, SearchResponse1.From(response, paging), SearchResponse1.Context);
            return;
        }
        if (pages.Count > 1) AddPaging(response, urls, item.Id, q, page, pages, startIndex);
        await SendAsync(http, response);
    }

    /// <summary>
    /// https://iiif.io/api/search/2.0/#paging-results: each page is partOf the AnnotationCollection of all
    /// results (the request without a page), with next/prev and the index of its first annotation.
    /// </summary>
    private static void AddPaging(JsonObject response, ContentSearchUrls urls, string itemId, string q, int page, ResultPages pages, int startIndex)
    {
        static JsonObject Ref(string id) => new() { ["id"] = id, ["type"] = "AnnotationPage" };
        response["partOf"] = new JsonObject
        {
            ["id"] = urls.SearchFor(itemId, q),
            ["type"] = "AnnotationCollection",
            ["total"] = pages.Total,
            ["first"] = Ref(urls.SearchFor(itemId, q, 1)),
            ["last"] = Ref(urls.SearchFor(itemId, q, pages.Count)),
        };
        if (page < pages.Count) response["next"] = Ref(urls.SearchFor(itemId, q, page + 1));
        if (page > 1) response["prev"] = Ref(urls.SearchFor(itemId, q, page - 1));
        response["startIndex"] = startIndex;
    }

    private static async Task AutoCompleteAsync(HttpContext http, ItemDocuments items, IiifOptions options, ILogger<ItemDocuments> log, string itemId)
    {
        var (item, search) = await ResolveAsync(http, items, log, itemId);
        if (item is null || search is null) return;
        var baseUrl = PublicUrls.Base(http, options);
        var q = http.Request.Query["q"].ToString().Trim();
        // Completions come from the index's bigrams; anything that is not Han text has none (an empty page, not an error).
        var terms = q.Length == 0 ? [] : Suggestions.Suggest(search.Index, q, MaxTerms, item.Id);
        await SendAsync(http, TermPageBuilder.Build(RequestUri(http, baseUrl), item.Id, terms, new ContentSearchUrls(baseUrl)));
    }

    /// <summary>The item and the search service, or null after answering 400/404/503.</summary>
    private static async Task<(Item? Item, SearchService? Search)> ResolveAsync(HttpContext http, ItemDocuments items, ILogger log, string itemId)
    {
        if (!Item.IsValidId(itemId))
        {
            await ImageEndpoints.ErrorAsync(http, log, 400, "item: ids are letters, digits and '-' (e.g. QY-RB-001)");
            return (null, null);
        }
        var item = await items.FindAsync(itemId, http.RequestAborted);
        if (item is null)
        {
            await ImageEndpoints.ErrorAsync(http, log, 404, $"item: no item '{itemId}'");
            return (null, null);
        }
        var search = http.RequestServices.GetService<SearchService>();
        if (search is null)
        {
            await ImageEndpoints.ErrorAsync(http, log, 503, "search: this server has no search index");
            return (null, null);
        }
        return (item, search);
    }

    /// <summary>The response's id is the request URI (https://iiif.io/api/search/2.0/#search-response), on the public base.</summary>
    private static string RequestUri(HttpContext http, string baseUrl) =>
        $"{baseUrl}{http.Request.Path.ToUriComponent()}{http.Request.QueryString.ToUriComponent()}";

    private static async Task SendAsync(HttpContext http, JsonObject document, string profile = ContentSearchUrls.Context)
    {
        var json = document.ToJsonString(JsonOptions);
        var wantsJsonLd = http.Request.Headers.Accept.Any(a => a is not null && a.Contains("application/ld+json", StringComparison.OrdinalIgnoreCase));
        http.Response.Headers.Vary = "Accept";
        http.Response.Headers.CacheControl = CacheControl;
        http.Response.ContentType = wantsJsonLd ? $"application/ld+json;profile=\"{profile}\"" : "application/json";
        var body = Encoding.UTF8.GetBytes(json);
        http.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
