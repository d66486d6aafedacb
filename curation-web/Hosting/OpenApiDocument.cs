using Microsoft.OpenApi;

namespace QyHeritage.Web.Hosting;

/// <summary>
/// <c>GET /openapi/v1.json</c>: the app's own JSON API (<c>/api/…</c> and <c>/health</c>), described from the endpoints'
/// typed results (Microsoft.AspNetCore.OpenApi). Public, like the reading API it describes: the admin routes in it are
/// closed by their roles, not by being unlisted. IIIF (<c>/iiif/…</c>) is left out on purpose: its documents follow
/// the IIIF Image, Presentation and Content Search specifications (JSON-LD with their own contexts), which describe
/// them better than a schema generated from our model would; the pages, thumbnails and /metrics are not JSON.
/// </summary>
internal static class OpenApiDocument
{
    public const string DocumentName = "v1";

    /// <summary>Whether a route belongs in the document: the JSON API only.</summary>
    public static bool Describes(string? relativePath) =>
        relativePath is { } p && (p.StartsWith("api/", StringComparison.Ordinal) || p == "health");

    public static IServiceCollection AddQyOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => Describes(d.RelativePath);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "QyHeritage 清远文献遗产平台",
                    Version = DocumentName,
                    Description = "The catalogue, full-text search and audit API of the Qingyuan City Library's special collections. " +
                        "Search snippets are plain text with highlight ranges counted in UTF-16 code units. IIIF APIs are described by the IIIF specifications.",
                };
                return Task.CompletedTask;
            });
        });

    public static void MapQyOpenApi(this WebApplication app) => app.MapOpenApi("/openapi/{documentName}.json");
}
