using QyHeritage.Web.Features.Layout;

namespace QyHeritage.Web.Features.Halls;

/// <summary>
/// <c>/halls/hall-sw.js</c>: the hall client's service worker (built by curation-web/client/build.mjs as
/// <c>dist/hall-sw-{hash}.js</c>), served under /halls/ so its scope is the hall pages and nothing else.
/// </summary>
public static class HallClientEndpoints
{
    public const string ServiceWorkerPath = "/halls/hall-sw.js";

    public static void MapHallClient(this IEndpointRouteBuilder app) =>
        app.MapMethods(ServiceWorkerPath, ["GET", "HEAD"], ServiceWorkerAsync);

    private static async Task ServiceWorkerAsync(HttpContext http, FrontendAssets frontend, IWebHostEnvironment environment)
    {
        var built = frontend.Url("hall-sw.js");
        var root = environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot");
        var file = built is null ? null : Path.Combine(root, built.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));
        if (file is null || !File.Exists(file))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("没有构建前端（hall-sw.js）。\nThe front end is not built (hall-sw.js).\n", http.RequestAborted);
            return;
        }
        // Checked on every registration update: a new build is a new worker.
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.ContentType = "text/javascript; charset=utf-8";
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await http.Response.SendFileAsync(file, http.RequestAborted);
    }
}
