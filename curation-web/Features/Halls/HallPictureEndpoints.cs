using System.Text.RegularExpressions;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Iiif.Http;
using QyHeritage.Immersive.Rendering;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Web.Features.Halls;

/// <summary>
/// The hall's pictures (<see cref="HallPictureDerivatives"/>): <c>/halls/{exhibition}/stops/{n}.jpg</c> (the 360°
/// equirectangular panorama of tour stop n, 4096×2048), <c>/halls/{exhibition}/preview.jpg</c> and <c>stereo.jpg</c>.
/// Each has a strong ETag (its SHA-512) and, asked for by its version (<c>?v=</c>, as the hall page links it), is cached
/// as immutable. Being rendered: 503 with Retry-After and the progress; not rendered (nothing asked for them: they are
/// rendered when the hall is compiled, and by <c>qy hall render</c>) or failed: 503 saying how to get them, no render
/// started from here; no renderer in this host: 503 saying so (the hall itself still works).
/// </summary>
public static partial class HallPictureEndpoints
{
    /// <summary>The header that says where the pictures stand when they cannot be sent: <c>queued</c>, <c>rendering 3/7</c>, <c>failed</c>, <c>unavailable</c>.</summary>
    public const string StateHeader = "X-Hall-Pictures";

    public static void MapHallPictures(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/halls/{id}/stops/{n}.jpg", ["GET", "HEAD"], (HttpContext http, HallDerivatives halls, HallPictureDerivatives pictures, ArchiveServices archive, string id, string n) =>
            StopAsync(http, halls, pictures, archive, id, n));
        app.MapMethods("/halls/{id}/" + HallPictures.PreviewName, ["GET", "HEAD"], (HttpContext http, HallDerivatives halls, HallPictureDerivatives pictures, ArchiveServices archive, string id) =>
            PictureAsync(http, halls, pictures, archive, id, HallPictures.PreviewName));
        app.MapMethods("/halls/{id}/" + HallPictures.StereoName, ["GET", "HEAD"], (HttpContext http, HallDerivatives halls, HallPictureDerivatives pictures, ArchiveServices archive, string id) =>
            PictureAsync(http, halls, pictures, archive, id, HallPictures.StereoName));
    }

    /// <summary>The link to a stored picture, by its version (immutable).</summary>
    public static string PicturePath(string id, HallPictureFile file) => $"/halls/{id}/{file.Name}?v={file.Version}";

    [GeneratedRegex("^[1-9][0-9]{0,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex StopNumber();

    private static async Task StopAsync(HttpContext http, HallDerivatives halls, HallPictureDerivatives pictures, ArchiveServices archive, string id, string n)
    {
        if (!ExhibitionSlug.IsValid(id) || !StopNumber().IsMatch(n))
        {
            // The id's own message when it is the id that is wrong.
            if (!ExhibitionSlug.IsValid(id)) await HallEndpoints.FindAsync(http, halls, id);
            else await BilingualAnswer.PlainText(400, $"导览站号必须是从 1 开始的整数，而不是 “{UserText.Shorten(n, 24)}”。", $"A tour stop is a whole number from 1, not '{UserText.Shorten(n, 24)}'.").ExecuteAsync(http);
            return;
        }
        if (await HallEndpoints.FindAsync(http, halls, id) is not { } hall) return;
        var number = int.Parse(n, System.Globalization.CultureInfo.InvariantCulture);
        var stops = (await halls.ReadSceneAsync(id, http.RequestAborted))?["tour"]?.AsArray().Count ?? 0;
        if (number > stops)
        {
            await BilingualAnswer.PlainText(404, $"展厅 {id} 没有第 {number} 站（共 {stops} 站）。", $"The hall of {id} has no stop {number} (it has {stops}).").ExecuteAsync(http);
            return;
        }
        await SendAsync(http, pictures, archive, id, hall, HallPictures.StopName(number));
    }

    private static async Task PictureAsync(HttpContext http, HallDerivatives halls, HallPictureDerivatives pictures, ArchiveServices archive, string id, string name)
    {
        if (await HallEndpoints.FindAsync(http, halls, id) is not { } hall) return;
        await SendAsync(http, pictures, archive, id, hall, name);
    }

    private static async Task SendAsync(HttpContext http, HallPictureDerivatives pictures, ArchiveServices archive, string id, StoredHall hall, string name)
    {
        var state = await pictures.GetStateAsync(id, hall, http.RequestAborted);
        if (state.Record?.Find(name) is not { } file)
        {
            await NotReadyAsync(http, id, state);
            return;
        }
        var etag = $"\"{file.Version}\"";
        Conditional.SetValidators(http.Response, etag, null);
        http.Response.Headers.CacheControl = http.Request.Query["v"] == file.Version
            ? "public, max-age=31536000, immutable"
            : "public, no-cache";
        if (Conditional.IsNotModified(http.Request, etag, null))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.ContentType = "image/jpeg";
        http.Response.ContentLength = file.Length;
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await using var s = await archive.Store.OpenReadAsync(HallPictureDerivatives.PictureKey(id, file.Name), http.RequestAborted);
        await s.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    private static async Task NotReadyAsync(HttpContext http, string id, HallPicturesState state)
    {
        // Nothing is started here: HallPictureDerivatives.GetStateAsync has queued a render where one is due.
        switch (state.Phase)
        {
            case HallPicturesPhase.Unavailable:
                http.Response.Headers[StateHeader] = "unavailable";
                await BilingualAnswer.PlainText(503,
                    $"此服务器无法离屏渲染展厅图片（{state.Reason?.Zh}），因此没有全景图；展厅本身仍可在 /halls/{id} 参观。",
                    $"This server cannot render hall pictures ({state.Reason?.En}), so there are no panoramas; the hall itself still works at /halls/{id}.").ExecuteAsync(http);
                return;
            case HallPicturesPhase.Rendering:
                http.Response.Headers.RetryAfter = "10";
                http.Response.Headers[StateHeader] = $"rendering {state.Done}/{state.Total}";
                await BilingualAnswer.PlainText(503, $"展厅 {id} 的图片正在生成（{state.Done}/{state.Total}），请稍后再试。",
                    $"The pictures of the hall of {id} are being rendered ({state.Done} of {state.Total}); try again shortly.").ExecuteAsync(http);
                return;
            case HallPicturesPhase.Queued:
                http.Response.Headers.RetryAfter = "10";
                http.Response.Headers[StateHeader] = "queued";
                await BilingualAnswer.PlainText(503, $"展厅 {id} 的图片已排队等待生成，请稍后再试。", $"The pictures of the hall of {id} are queued for rendering; try again shortly.").ExecuteAsync(http);
                return;
            case HallPicturesPhase.Failed:
                http.Response.Headers[StateHeader] = "failed";
                await BilingualAnswer.PlainText(503, $"展厅 {id} 的图片生成失败（{state.Reason?.Zh}）；重新发布展览或运行 qy hall render {id} 再试。",
                    $"Rendering the pictures of the hall of {id} failed ({state.Reason?.En}); publish the exhibition again or run qy hall render {id}.").ExecuteAsync(http);
                return;
            default:
                http.Response.Headers[StateHeader] = "missing";
                await BilingualAnswer.PlainText(503, $"展厅 {id} 的图片尚未生成：发布展览或运行 qy hall render {id} 时生成。",
                    $"The pictures of the hall of {id} have not been rendered: they are made when the exhibition is published, or by qy hall render {id}.").ExecuteAsync(http);
                return;
        }
    }
}
