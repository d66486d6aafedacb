namespace QyHeritage.Web.Features.Layout;

/// <summary>
/// Answers a page with 404 while still sending the page (bilingual, with a search box). The status is set as the
/// response starts, after rendering: a 404 set during static rendering makes the renderer drop the page's body.
/// </summary>
internal static class NotFoundStatus
{
    public static void Set(HttpContext http) => http.Response.OnStarting(() =>
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    });
}
