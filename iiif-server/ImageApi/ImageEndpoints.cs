using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using QyHeritage.Iiif.Http;
using QyHeritage.Iiif.Presentation;

namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// The Image API 3.0 routes under /iiif/3/ (https://iiif.io/api/image/3.0/):
/// <c>{id}</c> → 303 to info.json; <c>{id}/info.json</c>; <c>{id}/{region}/{size}/{rotation}/{quality}.{format}</c>.
/// One catch-all route parsed here, so every malformed path gets a 400 naming its parameter rather
/// than the router's bare 404, and nothing unvalidated reaches storage.
/// </summary>
public static class ImageEndpoints
{
    public const string ImageCacheControl = "public, max-age=2592000";
    public const string InfoCacheControl = "public, max-age=3600";
    private static readonly string[] Methods = ["GET", "HEAD"];

    public static void MapImageApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods(IiifRoutes.ImagePrefix + "/{**path}", Methods, HandleAsync);
    }

    public static async Task HandleAsync(HttpContext http, ImageService images, ItemDocuments items, IiifOptions options, ILogger<ImageService> log)
    {
        var path = http.Request.Path.Value ?? "";
        var rest = path.Length > IiifRoutes.ImagePrefix.Length + 1 ? path[(IiifRoutes.ImagePrefix.Length + 1)..] : "";
        var segments = rest.Split('/');
        // An identifier that names no image is a 404 whatever its shape (a UUID, "a/b", "a%2Fb", no '~'):
        // the client asked for something that is not here, not for something malformed. Only a shape we
        // could serve reaches storage; 400s are kept for the parameters of an image that exists.
        var id = ImageIdentifier.Parse(segments[0]);
        if (!id.IsValid)
        {
            await ErrorAsync(http, log, 404, NoImage(segments[0]));
            return;
        }
        var identifier = id.Get();
        var pyramid = await OpenAsync(http, images, identifier, log);
        if (pyramid is null) return;
        switch (segments.Length)
        {
            case 1:
                // https://iiif.io/api/image/3.0/#2-uri-syntax: the base URI redirects to info.json with 303.
                http.Response.StatusCode = StatusCodes.Status303SeeOther;
                http.Response.Headers.Location = PublicUrls.ImageService(PublicUrls.Base(http, options), identifier.ToString()) + "/info.json";
                return;
            case 2 when segments[1] == "info.json":
                await InfoAsync(http, images, items, options, pyramid);
                return;
            case 5:
                await ImageAsync(http, images, options, pyramid, segments, log);
                return;
            default:
                await ErrorAsync(http, log, 400, "request: 应为 {identifier}/info.json 或 {identifier}/{region}/{size}/{rotation}/{quality}.{format} · expected {identifier}/info.json or {identifier}/{region}/{size}/{rotation}/{quality}.{format}");
                return;
        }
    }

    /// <summary>The 404 text for an identifier that names no image (简体中文, then English).</summary>
    private static string NoImage(string identifier)
    {
        var shown = RegionParameter.Printable(identifier.Length == 0 ? "(empty)" : identifier);
        return $"identifier: 没有图像 '{shown}'（图像标识为 条目号~pNNN，如 QY-RB-001~p001）· no image '{shown}' (identifiers are ITEM-ID~pNNN, e.g. QY-RB-001~p001)";
    }

    private static async Task InfoAsync(HttpContext http, ImageService images, ItemDocuments items, IiifOptions options, PyramidHandle pyramid)
    {
        var id = pyramid.Id;
        var item = await items.FindAsync(id.ItemId, http.RequestAborted);
        var serviceId = PublicUrls.ImageService(PublicUrls.Base(http, options), id.ToString());
        var json = ImageInfo.Build(serviceId, pyramid.Layout, images.Limits, Licences.RightsUri(item?.Rights)).ToJsonString();
        var body = Encoding.UTF8.GetBytes(json);

        // https://iiif.io/api/image/3.0/#51-image-information-request: JSON-LD with the profile when asked for, JSON otherwise.
        var wantsJsonLd = http.Request.Headers.Accept.Any(a => a is not null && a.Contains("application/ld+json", StringComparison.OrdinalIgnoreCase));
        var contentType = wantsJsonLd ? $"application/ld+json;profile=\"{ImageInfo.Context}\"" : "application/json";
        http.Response.Headers.Vary = "Accept";
        http.Response.Headers.CacheControl = InfoCacheControl;
        http.Response.Headers.Link = $"<{ImageInfo.Level2Profile}>;rel=\"profile\"";
        var etag = Conditional.ETag(json, contentType);
        await SendAsync(http, body, contentType, etag, pyramid.LastModified);
    }

    private static async Task ImageAsync(HttpContext http, ImageService images, IiifOptions options, PyramidHandle pyramid, string[] segments, ILogger log)
    {
        var id = pyramid.Id;
        var request = ImageRequest.Parse(segments[1], segments[2], segments[3], segments[4]);
        if (!request.IsValid)
        {
            await ErrorAsync(http, log, request.Status, request.Error!);
            return;
        }
        var plan = request.Get().Resolve(pyramid.Layout.Width, pyramid.Layout.Height, images.Limits);
        if (!plan.IsValid)
        {
            await ErrorAsync(http, log, plan.Status, plan.Error!);
            return;
        }
        var p = plan.Get();
        var canonical = p.Canonical;
        var serviceId = PublicUrls.ImageService(PublicUrls.Base(http, options), id.ToString());
        http.Response.Headers.CacheControl = ImageCacheControl;
        // https://iiif.io/api/image/3.0/#61-canonical-uri-syntax and #62-profile-link-header
        http.Response.Headers.Link = $"<{serviceId}/{canonical}>;rel=\"canonical\", <{ImageInfo.Level2Profile}>;rel=\"profile\"";
        // ?download (the reading room's download links): saved as a file named after the page and its size. The name is
        // made here from the checked identifier, never taken from the request.
        if (http.Request.Query.ContainsKey("download"))
            http.Response.Headers.ContentDisposition = DownloadDisposition(id.ToString(), p);
        var etag = Conditional.ETag(id.ToString(), pyramid.Version, canonical);
        Conditional.SetValidators(http.Response, etag, pyramid.LastModified);
        if (Conditional.IsNotModified(http.Request, etag, pyramid.LastModified))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        ImageResult result;
        try
        {
            result = await images.GetAsync(pyramid, p, http.RequestAborted);
        }
        catch (NetVips.VipsException e)
        {
            // The request was valid; the stored pyramid was not. A server-side fault, logged as such.
            IiifLog.BadPyramid(log, id.ToString(), e.Message);
            await ErrorAsync(http, log, 500, "the image cannot be read");
            return;
        }
        using (result)
        {
            http.Response.Headers["X-Qy-Image-Source"] = result.Source.ToString().ToLowerInvariant();
            http.Response.StatusCode = 200;
            http.Response.ContentType = result.MediaType;
            http.Response.ContentLength = result.Length;
            if (!HttpMethods.IsHead(http.Request.Method)) await result.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
    }

    /// <summary>attachment; filename="QY-RB-001-p001-705x1000.jpg"</summary>
    internal static string DownloadDisposition(string identifier, ImagePlan plan)
    {
        var (w, h) = plan.OutputSize;
        var name = string.Create(CultureInfo.InvariantCulture, $"{identifier.Replace('~', '-')}-{w}x{h}.{plan.Format.Extension()}");
        return new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = name }.ToString();
    }

    private static async Task<PyramidHandle?> OpenAsync(HttpContext http, ImageService images, ImageIdentifier id, ILogger log)
    {
        try
        {
            var pyramid = await images.OpenAsync(id, http.RequestAborted);
            if (pyramid is null) await ErrorAsync(http, log, 404, NoImage(id.ToString()));
            return pyramid;
        }
        catch (InvalidDataException e)
        {
            IiifLog.BadPyramid(log, id.ToString(), e.Message);
            await ErrorAsync(http, log, 500, "the image cannot be read");
            return null;
        }
        catch (PyramidDamagedException e)
        {
            // Never the damaged bytes; while a rebuild runs, the client may ask again soon.
            if (e.Rebuilding) http.Response.Headers.RetryAfter = "10";
            await ErrorAsync(http, log, 503, e.Message);
            return null;
        }
    }

    private static async Task SendAsync(HttpContext http, byte[] body, string contentType, string etag, DateTimeOffset lastModified)
    {
        Conditional.SetValidators(http.Response, etag, lastModified);
        if (Conditional.IsNotModified(http.Request, etag, lastModified))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.StatusCode = 200;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    /// <summary>A short plain-text error naming the parameter, as https://iiif.io/api/image/3.0/#7-server-responses asks.</summary>
    internal static async Task ErrorAsync(HttpContext http, ILogger log, int status, string message)
    {
        IiifLog.Refused(log, status, http.Request.Path.Value ?? "", message);
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "text/plain; charset=utf-8";
        var body = Encoding.UTF8.GetBytes(message + "\n");
        http.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
