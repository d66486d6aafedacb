using System.Text;

namespace QyHeritage.Web.Hosting;

/// <summary>
/// The one writer of a refusal in both languages (Chinese first, then English), whatever its form: every form sets the
/// status, <c>Cache-Control: no-store</c> and writes no body to a HEAD request. Pages and APIs use
/// <see cref="Refusal"/> (a bilingual page, or <see cref="RefusalResponse"/> JSON to an API caller, as
/// <see cref="SecurityRefusals"/> writes them); routes whose answers are files (GLB, IIIF documents) use
/// <see cref="PlainText"/>; an API with its own problem record uses <see cref="Json{T}"/> with <see cref="Joined"/>.
/// </summary>
public static class BilingualAnswer
{
    /// <summary>"中文 English" on one line (the <c>error</c> field of every JSON refusal); Chinese alone when there is no English.</summary>
    public static string Joined(string zh, string en) => string.IsNullOrEmpty(en) ? zh : $"{zh} {en}";

    /// <summary>A bilingual page, or to an API caller <see cref="RefusalResponse"/> JSON.</summary>
    public static IResult Refusal(int status, string zh, string en) =>
        new Answer(status, http => SecurityRefusals.WriteAsync(http, status, zh, en));

    /// <summary>Two lines of plain text (Chinese, then English), for routes that answer with files rather than pages.</summary>
    public static IResult PlainText(int status, string zh, string en) =>
        new Answer(status, http =>
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            return http.Response.WriteAsync(string.IsNullOrEmpty(en) ? zh + "\n" : $"{zh}\n{en}\n", Encoding.UTF8, http.RequestAborted);
        });

    /// <summary>A JSON problem record (one that carries <see cref="Joined"/>, zh and en) with the status.</summary>
    public static IResult Json<T>(int status, T body) =>
        new Answer(status, http => http.Response.WriteAsJsonAsync(body, http.RequestAborted));

    private sealed class Answer(int status, Func<HttpContext, Task> write) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.CacheControl = "no-store";
            return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : write(httpContext);
        }
    }
}
