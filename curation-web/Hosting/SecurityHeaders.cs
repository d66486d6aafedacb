using System.Security.Cryptography;

namespace QyHeritage.Web.Hosting;

/// <summary>
/// Security headers on every response: <c>X-Content-Type-Options: nosniff</c> and a <c>Referrer-Policy</c> on all;
/// on HTML a Content-Security-Policy whose scripts are this site's files or inline ones carrying this
/// response's nonce (<see cref="CspNonce"/>), never 'unsafe-inline', and <c>frame-ancestors 'none'</c>.
/// Images, IIIF JSON and the rest get no frame rule: other sites' viewers embed them.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "qy.csp-nonce";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>This response's script nonce (made on first use): <c>&lt;script nonce="…"&gt;</c> runs, any other inline script does not.</summary>
    public static string CspNonce(this HttpContext http)
    {
        if (http.Items[NonceKey] is string nonce) return nonce;
        nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        return nonce;
    }

    public static string ContentSecurityPolicy(string? nonce) =>
        "default-src 'self'; " +
        $"script-src 'self'{(nonce is null ? "" : $" 'nonce-{nonce}'")}; " +
        // Inline styles stay allowed (the pages' <style> blocks, hit boxes placed by style attributes); scripts never.
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    internal static Task AddAsync(HttpContext http, Func<Task> next)
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = ReferrerPolicy;
            if (http.Request.IsHttps) h.StrictTransportSecurity = "max-age=31536000";
            if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                h.ContentSecurityPolicy = ContentSecurityPolicy(http.Items[NonceKey] as string);
                h.XFrameOptions = "DENY";
            }
            return Task.CompletedTask;
        });
        return next();
    }
}
