using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace QyHeritage.Iiif.Http;

/// <summary>
/// Validators and revalidation (RFC 9110 §13): a strong ETag and Last-Modified on every document and
/// image; If-None-Match wins over If-Modified-Since, as the RFC says.
/// </summary>
public static class Conditional
{
    /// <summary>A strong ETag made from the parts that decide the bytes.</summary>
    public static string ETag(params string[] parts) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..24] + "\"";

    public static void SetValidators(HttpResponse response, string etag, DateTimeOffset? lastModified)
    {
        response.Headers.ETag = etag;
        if (lastModified is { } t) response.Headers.LastModified = Truncate(t).ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the client's copy is current, so a 304 without a body is the answer.</summary>
    public static bool IsNotModified(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            foreach (var value in ifNoneMatch)
            {
                if (value is null) continue;
                foreach (var candidate in value.Split(','))
                {
                    var t = candidate.Trim();
                    if (t == "*") return true;
                    // Weak comparison (RFC 9110 §13.1.2): W/"x" matches "x".
                    if (t.StartsWith("W/", StringComparison.Ordinal)) t = t[2..];
                    if (t == etag) return true;
                }
            }
            return false;
        }
        var ims = request.Headers.IfModifiedSince.ToString();
        return ims.Length > 0 && lastModified is { } modified
            && HeaderUtilities.TryParseDate(ims, out var since)
            && Truncate(modified) <= since;
    }

    // HTTP dates have whole seconds.
    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
