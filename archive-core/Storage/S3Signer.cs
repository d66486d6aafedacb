using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QyHeritage.Archive.Storage;

/// <summary>
/// AWS Signature Version 4 in its query-string form (a presigned URL), for the few requests the
/// Minio SDK cannot make correctly for us (listing; see <see cref="S3ObjectLister"/>). It follows
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html; the tests check it
/// against the worked example there and against the SDK's own presigned URLs.
/// </summary>
internal sealed class S3Signer(string accessKey, string secretKey, string region)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>
    /// A presigned URL for <paramref name="method"/> on <paramref name="path"/> ("/bucket/key", not
    /// yet encoded) with the given query parameters, valid for <paramref name="expires"/>.
    /// <paramref name="headers"/> are signed too, so the request must send them with exactly these
    /// values (a conditional PUT's If-None-Match, user metadata, which the server would otherwise not
    /// have to trust).
    /// </summary>
    public Uri Presign(string method, Uri baseUri, string path, IEnumerable<KeyValuePair<string, string>> query, DateTime utcNow, TimeSpan expires,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var date = utcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = date[..8];
        var scope = $"{day}/{region}/s3/aws4_request";
        var host = baseUri.IsDefaultPort ? baseUri.Host : $"{baseUri.Host}:{baseUri.Port}";
        var signed = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = host };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) signed[name.ToLowerInvariant()] = value.Trim();
        var signedHeaders = string.Join(';', signed.Keys);
        var parameters = new List<KeyValuePair<string, string>>(query)
        {
            new("X-Amz-Algorithm", Algorithm),
            new("X-Amz-Credential", $"{accessKey}/{scope}"),
            new("X-Amz-Date", date),
            new("X-Amz-Expires", ((int)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            new("X-Amz-SignedHeaders", signedHeaders),
        };
        var canonicalQuery = string.Join('&', parameters
            .Select(p => (Key: Encode(p.Key, keepSlash: false), Value: Encode(p.Value, keepSlash: false)))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
        var canonicalPath = Encode(path, keepSlash: true);
        var canonicalHeaders = string.Concat(signed.Select(h => $"{h.Key}:{h.Value}\n"));
        var canonicalRequest = $"{method}\n{canonicalPath}\n{canonicalQuery}\n{canonicalHeaders}\n{signedHeaders}\nUNSIGNED-PAYLOAD";
        var stringToSign = $"{Algorithm}\n{date}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), day), region), "s3"), "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));
        return new Uri($"{baseUri.Scheme}://{host}{canonicalPath}?{canonicalQuery}&X-Amz-Signature={signature}");
    }

    /// <summary>SigV4 URI encoding: every byte of the UTF-8 form except A–Z a–z 0–9 - _ . ~ (and '/' in paths) as %XX.</summary>
    internal static string Encode(string s, bool keepSlash)
    {
        var sb = new StringBuilder(s.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/')) sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
