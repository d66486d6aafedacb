using Microsoft.AspNetCore.Http;

namespace QyHeritage.Iiif.Http;

/// <summary>
/// The base of every id the IIIF documents contain: Qy:PublicBaseUrl when set (behind a proxy or
/// load balancer, where the request's host is an internal one), else the request's scheme, host and
/// path base. A request's host reaches an id only after <see cref="PublicHost"/> has let it in: it is
/// one of <see cref="IiifOptions.AllowedHosts"/>, and forwarded headers were honoured only from
/// <see cref="IiifOptions.ForwardedProxies"/>.
/// </summary>
public static class PublicUrls
{
    public static string Base(HttpContext http, IiifOptions options)
    {
        if (options.HasPublicBaseUrl) return options.PublicBaseUrl!.TrimEnd('/');
        var r = http.Request;
        return $"{r.Scheme}://{r.Host.ToUriComponent()}{r.PathBase.ToUriComponent()}";
    }

    public static string ImageService(string baseUrl, string identifier) => $"{baseUrl}{IiifRoutes.ImagePrefix}/{identifier}";

    /// <summary>
    /// Whether ids may be made from this host: its name (any port) is one of the allowed names, or
    /// the list holds "*". Names compare without case; IPv6 literals keep their brackets ("[::1]").
    /// </summary>
    public static bool IsAllowedHost(HostString host, IiifOptions options)
    {
        if (!host.HasValue || host.Host.Length == 0) return false;
        foreach (var allowed in options.AllowedHosts)
        {
            if (allowed == "*" || string.Equals(allowed, host.Host, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
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
