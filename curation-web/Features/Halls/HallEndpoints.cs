using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Iiif;
using QyHeritage.Iiif.Http;
using QyHeritage.Immersive.Compiling;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Web.Features.Halls;

/// <summary>
/// <c>/halls/{exhibition}.glb</c>: the compiled hall, with a strong ETag (its SHA-512) and, asked for by its version
/// (<c>?v=</c>, as the manifest links it), cached as immutable; and <c>/iiif/presentation/halls/{exhibition}/manifest</c>,
/// the hall as a IIIF Presentation 4 (draft) Scene.
/// </summary>
public static class HallEndpoints
{
    public const string GlbMediaType = "model/gltf-binary";

    public static IServiceCollection AddQyHalls(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new HallOptions();
        configuration.GetSection(HallOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<HallDerivatives>();
        services.AddSingleton<HallPictureDerivatives>();
        services.AddHostedService<HallsOnPublish>();
        services.AddHostedService<HallPicturesWorker>();
        return services;
    }

    public static void MapQyHalls(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/halls/{id}.glb", ["GET", "HEAD"], GlbAsync);
        app.MapMethods(IiifRoutes.PresentationPrefix + "/halls/{id}/manifest", ["GET", "HEAD"], ManifestAsync);
        app.MapHallPictures();
        app.MapHallClient();
    }

    public static string GlbPath(string id, HallRecord record) => $"/halls/{id}.glb?v={record.Version}";

    private static async Task GlbAsync(HttpContext http, HallDerivatives halls, ArchiveServices archive, string id)
    {
        if (await FindAsync(http, halls, id) is not { } hall) return;
        var etag = $"\"{hall.Record.Version}\"";
        Conditional.SetValidators(http.Response, etag, null);
        // One URL per version may be kept for ever; the plain URL is checked each time (a republished hall is new bytes).
        http.Response.Headers.CacheControl = http.Request.Query["v"] == hall.Record.Version
            ? "public, max-age=31536000, immutable"
            : "public, no-cache";
        if (Conditional.IsNotModified(http.Request, etag, null))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.ContentType = GlbMediaType;
        http.Response.ContentLength = hall.Record.GlbLength;
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await using var s = await archive.Store.OpenReadAsync(hall.Glb, http.RequestAborted);
        await s.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    private static async Task ManifestAsync(HttpContext http, HallDerivatives halls, IiifOptions options, string id)
    {
        if (await FindAsync(http, halls, id) is not { } hall) return;
        var scene = await halls.ReadSceneAsync(id, http.RequestAborted);
        if (scene is null)
        {
            await BilingualAnswer.PlainText(503, $"展厅 {id} 正在生成，请稍后再试。", $"The hall of {id} is being compiled; try again shortly.").ExecuteAsync(http);
            return;
        }
        var baseUrl = PublicUrls.Base(http, options);
        var etag = Conditional.ETag(hall.Record.Version, baseUrl, HallManifest.Format);
        Conditional.SetValidators(http.Response, etag, null);
        http.Response.Headers.CacheControl = "public, no-cache";
        if (Conditional.IsNotModified(http.Request, etag, null))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.ContentType = "application/ld+json;profile=\"http://iiif.io/api/presentation/4/context.json\"";
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await http.Response.WriteAsync(HallManifest.Build(scene, hall.Record, baseUrl).ToJsonString(HallManifest.JsonOptions), http.RequestAborted);
    }

    /// <summary>The stored hall, or an answer already sent: 400 for a malformed id, 404 for no published exhibition, 409 for one that cannot become a hall.</summary>
    internal static async Task<StoredHall?> FindAsync(HttpContext http, HallDerivatives halls, string id)
    {
        if (!ExhibitionSlug.IsValid(id))
        {
            await BilingualAnswer.PlainText(400, "展览编号只含小写字母、数字和连字符（例如 beijiang-history）。", "Exhibition ids are lowercase letters, digits and '-' (e.g. beijiang-history).").ExecuteAsync(http);
            return null;
        }
        try
        {
            var hall = await halls.GetAsync(id, http.RequestAborted);
            if (hall is null) await BilingualAnswer.PlainText(404, $"没有已发布的展览 {id}，因此没有展厅。", $"No hall: there is no published exhibition '{id}'.").ExecuteAsync(http);
            return hall;
        }
        catch (HallInputException e)
        {
            await BilingualAnswer.PlainText(409, e.Message, "").ExecuteAsync(http);
            return null;
        }
        catch (IOException e)
        {
            // No font, no templates folder, a picture that cannot be read: the hall cannot be made on this server now.
            http.RequestServices.GetRequiredService<ILogger<HallDerivatives>>().LogWarning("The hall of {Exhibition} could not be compiled: {Reason}", id, e.Message);
            await BilingualAnswer.PlainText(503, $"展厅 {id} 暂时无法生成，请稍后再试。", $"The hall of {id} cannot be compiled now; try again later.").ExecuteAsync(http);
            return null;
        }
    }
}
