using System.Text.RegularExpressions;
using QyHeritage.Archive;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Imaging;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Web.Features.Thumbnails;

/// <summary>
/// Page thumbnails for the home page, cut from the pyramid (libvips picks the smallest level that
/// is large enough, so this never decodes the whole page). The IIIF Image API will supersede it.
/// </summary>
public static partial class ThumbnailEndpoint
{
    private const int MaxSide = 256;

    public static void MapThumbnails(this IEndpointRouteBuilder app)
    {
        app.MapGet("/thumbnails/{id}/{page}.jpg", async (HttpContext http, ArchiveServices archive, string id, string page) =>
        {
            if (!Item.IsValidId(id) || !PageName().IsMatch(page))
                return Results.Problem(statusCode: 400, title: "Invalid thumbnail address", detail: "Expected /thumbnails/ITEM-ID/p001.jpg.");
            var key = ArchiveKeys.Pyramid(id, page);
            var info = await archive.Store.StatAsync(key, http.RequestAborted);
            if (info is null) return Results.Problem(statusCode: 404, title: "No such page", detail: $"No image for {id} {page}.");
            var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{info.LastModified.UtcTicks:x}-{info.Length:x}\"");
            if (http.Request.Headers.IfNoneMatch.ToString() == etag.Tag.ToString()) return Results.StatusCode(304);
            var jpeg = await RenderAsync(archive, key, http.RequestAborted);
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.File(jpeg, "image/jpeg", entityTag: etag);
        });
    }

    private static async Task<byte[]> RenderAsync(ArchiveServices archive, BlobKey key, CancellationToken ct)
    {
        if (await archive.Store.GetLocalPathAsync(key, ct) is { } local) return Archive.Imaging.Thumbnails.FromPyramid(local, MaxSide);
        // A store that is not local (S3): libvips needs a file, so fetch the pyramid to a temporary one.
        var temp = Path.Combine(archive.Options.WorkFolder, "thumbs", Guid.NewGuid().ToString("N") + ".tif");
        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        try
        {
            await using (var fs = File.Create(temp))
            await using (var s = await archive.Store.OpenReadAsync(key, ct))
                await s.CopyToAsync(fs, ct);
            return Archive.Imaging.Thumbnails.FromPyramid(temp, MaxSide);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    [GeneratedRegex(@"^p\d{3,4}$")]
    private static partial Regex PageName();
}
