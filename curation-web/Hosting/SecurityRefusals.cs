using Microsoft.AspNetCore.Http.HttpResults;
using QyHeritage.Web.Features.Accounts;

namespace QyHeritage.Web.Hosting;

/// <summary>A refused request's answer, 简体中文 first then English: JSON for APIs, a page for everything else.</summary>
public static class SecurityRefusals
{
    /// <summary>APIs answer with statuses, never redirects: /api/… and requests that ask for JSON only.</summary>
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") ||
        (request.Headers.Accept.ToString() is var accept && accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>Declares the API's 401 and 403 answers (<see cref="RefusalResponse"/>) for the OpenAPI document.</summary>
    public static TBuilder ProducesRefusals<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(RefusalResponse), ["application/json"]),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(RefusalResponse), ["application/json"]));

    public static Task WriteAsync(HttpContext http, int status, string zh, string en)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        if (IsApi(http.Request)) return http.Response.WriteAsJsonAsync(new RefusalResponse($"{zh} {en}", zh, en));
        return new RazorComponentResult<RefusalPage>(new Dictionary<string, object?>
        {
            [nameof(RefusalPage.Status)] = status,
            [nameof(RefusalPage.Zh)] = zh,
            [nameof(RefusalPage.En)] = en,
        })
        { StatusCode = status }.ExecuteAsync(http);
    }
}

/// <summary>The JSON body of a refused API request.</summary>
public sealed record RefusalResponse(string Error, string ErrorZh, string ErrorEn);
