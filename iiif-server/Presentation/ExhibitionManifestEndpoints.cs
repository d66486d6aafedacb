using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Iiif.Http;
using QyHeritage.Iiif.ImageApi;

namespace QyHeritage.Iiif.Presentation;

/// <summary>
/// <c>/iiif/presentation/exhibitions/{id}/manifest</c>: a published exhibition's Manifest, read from its OCFL
/// object's published copy (the store only, so IIIF-only nodes serve it too). Unpublished: 404.
/// </summary>
public static class ExhibitionManifestEndpoints
{
    public static void MapExhibitionManifests(this IEndpointRouteBuilder app) =>
        app.MapMethods(IiifRoutes.PresentationPrefix + "/exhibitions/{id}/manifest", ["GET", "HEAD"], ManifestAsync);

    private static async Task ManifestAsync(HttpContext http, ArchiveServices archive, ImageService images, IiifOptions options, ILogger<ItemDocuments> log, string id)
    {
        if (!ExhibitionSlug.IsValid(id))
        {
            await ImageEndpoints.ErrorAsync(http, log, 400, "exhibition: ids are lowercase letters, digits and '-' (e.g. beijiang-history)");
            return;
        }
        var published = await new ExhibitionStore(archive).GetPublishedAsync(id, http.RequestAborted);
        if (published is null)
        {
            await ImageEndpoints.ErrorAsync(http, log, 404, $"exhibition: no published exhibition '{id}'");
            return;
        }
        var urls = new PresentationUrls(PublicUrls.Base(http, options));
        await PresentationEndpoints.SendJsonAsync(http, ExhibitionManifestBuilder.Build(published, urls, images.Limits), published.Published?.At);
    }
}
