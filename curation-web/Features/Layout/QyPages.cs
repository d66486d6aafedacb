using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace QyHeritage.Web.Features.Layout;

/// <summary>
/// The server-rendered pages: Razor components in static server rendering (no interactivity, no circuit),
/// one shared layout, and the front-end build's files under <c>/dist</c>.
/// </summary>
public static class QyPages
{
    public static IServiceCollection AddQyPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddSingleton<FrontendAssets>();
        // Chinese text as characters, not as &#x...; entities: a third of the bytes, and readable source.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }

    public static void MapQyPages(this WebApplication app)
    {
        var dist = Path.Combine(app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot"), "dist");
        if (Directory.Exists(dist))
        {
            var files = new PhysicalFileProvider(dist);
            app.UsePrecompressed(FrontendAssets.RequestPath, files);
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                RequestPath = FrontendAssets.RequestPath,
                ContentTypeProvider = new PrecompressedAssets.ContentTypes(),
                // Every built file's name carries a digest of its content: a changed file is a new URL.
                OnPrepareResponse = f => f.Context.Response.Headers[HeaderNames.CacheControl] = f.File.Name == "manifest.json"
                    ? "no-cache"
                    : "public, max-age=31536000, immutable",
            });
        }
        app.MapLanguageSwitch();
        app.MapRazorComponents<App>().Add(page =>
        {
            // Pages only read: GET (the default also takes POST for server-side forms, which these pages do not have;
            // forms post to their own endpoints, e.g. POST /admin/audit). HEAD is routed as GET by the security pipeline;
            // a page that took HEAD itself would let the catch-all 404 page swallow HEAD on every GET-only API route.
            page.Metadata.Add(new HttpMethodMetadata([HttpMethods.Get]));
            page.Metadata.Add(new RequireAntiforgeryTokenAttribute(required: false));
        });
    }
}
