namespace QyHeritage.Web.Features.Layout;

/// <summary>
/// <c>GET /language/{zh|en}?back=/search?q=…</c>: remembers the reader's language for a year in a cookie
/// and returns to the page they were on. Only paths on this site are returned to.
/// </summary>
internal static class LanguageEndpoint
{
    public static string Path(UiLanguage to, string back) => $"/language/{to.Code}?back={Uri.EscapeDataString(back)}";

    public static void MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/language/{code}", (HttpContext http, string code, string? back) =>
        {
            if (UiLanguage.Parse(code) is not { } language)
                return Results.Problem(statusCode: 400, title: "未知语言 · Unknown language", detail: $"界面语言只有 zh 和 en · The interface languages are zh and en, not '{code}'.");
            http.Response.Cookies.Append(UiLanguage.CookieName, language.Code, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                Path = "/",
            });
            return Results.LocalRedirect(IsLocal(back) ? back! : "/");
        });
    }

    /// <summary>"/x" but not "//host" or "/\host", which browsers take for another site.</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
