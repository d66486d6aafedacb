using Microsoft.AspNetCore.Http;

namespace QyHeritage.Iiif.Http;

/// <summary>
/// The base of every id the IIIF documents contain: Qy:PublicBaseUrl when set (behind a proxy or
/// load balancer, where the request's host is an internal one), else the request's scheme, host and path base.
/// </summary>
public static class PublicUrls
{
    public static string Base(HttpContext http, IiifOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)) return options.PublicBaseUrl.TrimEnd('/');
        var r = http.Request;
        return $"{r.Scheme}://{r.Host.ToUriComponent()}{r.PathBase.ToUriComponent()}";
    }

    public static string ImageService(string baseUrl, string identifier) => $"{baseUrl}{IiifRoutes.ImagePrefix}/{identifier}";
}

/// <summary>Where the endpoints are mounted.</summary>
public static class IiifRoutes
{
    public const string ImagePrefix = "/iiif/3";
    public const string PresentationPrefix = "/iiif/presentation";
    /// <summary>Content Search 2.0, one service per item: <c>/iiif/search/{itemId}</c>.</summary>
    public const string SearchPrefix = "/iiif/search";
    /// <summary>Its autocomplete service: <c>/iiif/autocomplete/{itemId}</c>.</summary>
    public const string AutoCompletePrefix = "/iiif/autocomplete";
}
