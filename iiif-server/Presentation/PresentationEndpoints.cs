using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using QyHeritage.Archive;
using QyHeritage.Archive.Domain;
using QyHeritage.Iiif.Http;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.Presentation.Model;
using QyHeritage.Iiif.Presentation.Model.Json;

namespace QyHeritage.Iiif.Presentation;

/// <summary>
/// Presentation API 3.0 under /iiif/presentation/ (https://iiif.io/api/presentation/3.0/):
/// <c>{itemId}/manifest</c>; every Canvas, AnnotationPage and Annotation at its own id;
/// <c>{itemId}/files/{ocr|text}/…</c> (the OCR and transcriptions, from OCFL);
/// <c>collection/top</c> and <c>collection/{code}</c>; <c>provider</c>.
/// </summary>
public static class PresentationEndpoints
{
    private const string CacheControl = "public, max-age=300";
    private static readonly string[] Methods = ["GET", "HEAD"];

    public static void MapPresentationApi(this IEndpointRouteBuilder app)
    {
        var root = IiifRoutes.PresentationPrefix;
        app.MapMethods(root + "/collection/{code}", Methods, CollectionAsync);
        app.MapMethods(root + "/provider", Methods, (HttpContext http, IiifOptions options) =>
        {
            var urls = new PresentationUrls(PublicUrls.Base(http, options));
            return SendJsonAsync(http, Attribution.Provider(urls) with { Context = [PresentationJson.Context] }, null);
        });
        app.MapExhibitionManifests();
        app.MapMethods(root + "/{itemId}/files/{folder}/{file}", Methods, FileAsync);
        app.MapMethods(root + "/{itemId}/{**rest}", Methods, ManifestOrPartAsync);
    }

    private static async Task ManifestOrPartAsync(HttpContext http, ItemDocuments items, ImageService images, IiifOptions options, ILogger<ItemDocuments> log, string itemId, string? rest)
    {
        if (!Item.IsValidId(itemId))
        {
            await ImageEndpoints.ErrorAsync(http, log, 400, "item: ids are letters, digits and '-' (e.g. QY-RB-001)");
            return;
        }
        var item = await items.FindAsync(itemId, http.RequestAborted);
        if (item is null)
        {
            await ImageEndpoints.ErrorAsync(http, log, 404, $"item: no item '{itemId}'");
            return;
        }
        var urls = new PresentationUrls(PublicUrls.Base(http, options));
        var texts = await PageTextsAsync(items, item, http.RequestAborted);
        var manifest = ManifestBuilder.Build(item, urls, images.Limits, texts);
        Resource answer = manifest;
        if (rest != "manifest")
        {
            // Canvases, annotation pages, annotations and ranges are served at their ids, as found in the manifest.
            var wanted = $"{urls.Base}{http.Request.Path.Value}";
            var part = Parts(manifest).FirstOrDefault(p => p.Id == wanted);
            if (part is null)
            {
                await ImageEndpoints.ErrorAsync(http, log, 404, $"resource: '{itemId}' has no '{rest}'");
                return;
            }
            // A part names the manifest it belongs to.
            answer = part with
            {
                Context = [PresentationJson.Context],
                PartOf = [new Manifest { Id = manifest.Id, Label = manifest.Label }],
            };
        }
        var version = await items.VersionTimeAsync(itemId, http.RequestAborted);
        await SendJsonAsync(http, answer, version);
    }

    private static async Task CollectionAsync(HttpContext http, ArchiveServices archive, ImageService images, IiifOptions options, ILogger<ItemDocuments> log, string code)
    {
        var urls = new PresentationUrls(PublicUrls.Base(http, options));
        var entries = archive.Catalog.ListItems();
        Collection collection;
        if (code == "top") collection = CollectionBuilder.Top(entries, urls);
        else if (Collections.TryParse(code, out var kind)) collection = CollectionBuilder.For(kind, entries, urls, images.Limits);
        else
        {
            await ImageEndpoints.ErrorAsync(http, log, 404, $"collection: no collection '{code}'; there are top, {string.Join(", ", Collections.All.Select(c => c.Code()))}");
            return;
        }
        await SendJsonAsync(http, collection, null);
    }

    /// <summary>An OCR or transcription file of a page, only those the item's pages name: nothing else of the object is reachable.</summary>
    private static async Task FileAsync(HttpContext http, ItemDocuments items, ILogger<ItemDocuments> log, string itemId, string folder, string file)
    {
        var logical = $"{folder}/{file}";
        var item = Item.IsValidId(itemId) ? await items.FindAsync(itemId, http.RequestAborted) : null;
        var named = item?.Pages.Any(p => p.Ocr == logical || p.Transcription == logical || p.TextBoxes == logical) ?? false;
        if (!named)
        {
            await ImageEndpoints.ErrorAsync(http, log, 404, $"file: no file '{logical}' in '{itemId}'");
            return;
        }
        await using var stream = await items.OpenFileAsync(itemId, logical, http.RequestAborted);
        if (stream is null)
        {
            await ImageEndpoints.ErrorAsync(http, log, 404, $"file: no file '{logical}' in '{itemId}'");
            return;
        }
        using var ms = new MemoryStream();
        await stream.CopyToAsync(ms, http.RequestAborted);
        var type = file.EndsWith(".hocr", StringComparison.Ordinal) ? "text/vnd.hocr+html; charset=utf-8" : "text/plain; charset=utf-8";
        var bytes = ms.ToArray();
        await SendAsync(http, bytes, type, Conditional.ETag(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(bytes))),
            await items.VersionTimeAsync(itemId, http.RequestAborted));
    }

    private static async Task<IReadOnlyDictionary<string, string>> PageTextsAsync(ItemDocuments items, Item item, CancellationToken ct)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var page in item.Pages)
        {
            // The transcription is the text of record; the raw OCR only where there is none.
            if (page.Transcription is not null && await ReadAsync(items, item.Id, page.Transcription, ct) is { } t) texts[page.Name] = t;
            else if (page.Ocr is not null && await ReadAsync(items, item.Id, page.Ocr, ct) is { } hocr)
            {
                try
                {
                    texts[page.Name] = Archive.Ocr.Hocr.Parse(hocr).Text;
                }
                catch (FormatException)
                {
                    // Unreadable OCR gives no text annotation; the file stays linked as seeAlso.
                }
            }
        }
        return texts;
    }

    private static async Task<string?> ReadAsync(ItemDocuments items, string itemId, string path, CancellationToken ct)
    {
        await using var s = await items.OpenFileAsync(itemId, path, ct);
        if (s is null) return null;
        using var reader = new StreamReader(s, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>Every resource of the manifest that has an id of its own: Canvases, their annotation pages and annotations, Ranges.</summary>
    private static IEnumerable<DescribedResource> Parts(Manifest manifest)
    {
        foreach (var canvas in manifest.Items ?? [])
        {
            yield return canvas;
            foreach (var page in (canvas.Items ?? []).Concat(canvas.Annotations ?? []))
            {
                yield return page;
                foreach (var annotation in page.Items ?? []) yield return annotation;
            }
        }
        var ranges = new Stack<Model.Range>((manifest.Structures ?? []).Reverse());
        while (ranges.TryPop(out var range))
        {
            yield return range;
            foreach (var child in (range.Items ?? []).OfType<Model.Range>().Reverse()) ranges.Push(child);
        }
    }

    internal static Task SendJsonAsync(HttpContext http, Resource document, DateTimeOffset? lastModified)
    {
        var json = PresentationJson.Write(document);
        // https://iiif.io/api/presentation/3.0/#63-responses: JSON-LD with the profile when asked for, JSON otherwise.
        var wantsJsonLd = http.Request.Headers.Accept.Any(a => a is not null && a.Contains("application/ld+json", StringComparison.OrdinalIgnoreCase));
        var contentType = wantsJsonLd ? $"application/ld+json;profile=\"{PresentationJson.Context}\"" : "application/json";
        http.Response.Headers.Vary = "Accept";
        return SendAsync(http, Encoding.UTF8.GetBytes(json), contentType, Conditional.ETag(json, contentType), lastModified);
    }

    /// <param name="lastModified">When the content last changed; null where no one time says it (collections span many items), so only the ETag validates.</param>
    private static async Task SendAsync(HttpContext http, byte[] body, string contentType, string etag, DateTimeOffset? lastModified)
    {
        http.Response.Headers.CacheControl = CacheControl;
        Conditional.SetValidators(http.Response, etag, lastModified);
        if (Conditional.IsNotModified(http.Request, etag, lastModified))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
