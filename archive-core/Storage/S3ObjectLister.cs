using System.Globalization;
using System.Xml.Linq;

namespace QyHeritage.Archive.Storage;

/// <summary>
/// ListObjectsV2 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html) made by
/// hand: a presigned GET on the bucket, and the XML answer read by element local names.
/// </summary>
/// <remarks>
/// Workaround: the Minio 7.0.0 SDK's ListObjectsEnumAsync matches the answer's XML namespace exactly,
/// and s3rver (our test server) answers in a non-standard namespace
/// (http://doc.s3.amazonaws.com/2006-03-01/ instead of http://s3.amazonaws.com/doc/2006-03-01/), so the
/// SDK silently lists nothing there. Reading elements by local name works with both s3rver and MinIO.
/// </remarks>
internal sealed class S3ObjectLister(HttpClient http, S3Signer signer, Uri bucketBase, string bucketPath)
{
    /// <summary>Keys per page; 1000 is the S3 maximum. Tests lower it to see several pages.</summary>
    internal int PageSize { get; set; } = 1000;

    /// <summary>One page of keys under <paramref name="prefix"/>, from <paramref name="token"/> (null for the first).</summary>
    public async Task<S3ListPage> ListPageAsync(string prefix, string? token, CancellationToken ct, int? maxKeys = null)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("list-type", "2"),
            new("max-keys", (maxKeys ?? PageSize).ToString(CultureInfo.InvariantCulture)),
        };
        if (prefix.Length > 0) query.Add(new("prefix", prefix));
        if (token is not null) query.Add(new("continuation-token", token));
        var url = signer.Presign("GET", bucketBase, bucketPath, query, DateTime.UtcNow, TimeSpan.FromMinutes(15));
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new S3RequestException((int)response.StatusCode, $"Listing '{prefix}' answered {(int)response.StatusCode}: {UserText.Shorten(body, 300)}");
        var root = XDocument.Parse(body).Root ?? throw new IOException("Listing answered an empty XML document.");
        var entries = new List<S3ListEntry>();
        foreach (var c in root.Elements().Where(e => e.Name.LocalName == "Contents"))
        {
            var key = Child(c, "Key") ?? throw new IOException("Listing answered an entry without a Key.");
            var size = long.Parse(Child(c, "Size") ?? "0", CultureInfo.InvariantCulture);
            var modified = DateTimeOffset.Parse(Child(c, "LastModified") ?? "1970-01-01T00:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            entries.Add(new S3ListEntry(key, size, modified));
        }
        var truncated = string.Equals(Child(root, "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase);
        var next = truncated ? Child(root, "NextContinuationToken") : null;
        if (truncated && next is null) throw new IOException($"Listing '{prefix}' was truncated without a continuation token.");
        return new S3ListPage(entries, next);
    }

    private static string? Child(XElement e, string localName) => e.Elements().FirstOrDefault(x => x.Name.LocalName == localName)?.Value;

}

internal sealed record S3ListEntry(string Key, long Size, DateTimeOffset LastModified);

/// <summary>A page of a listing; <see cref="NextToken"/> is null on the last page.</summary>
internal sealed record S3ListPage(IReadOnlyList<S3ListEntry> Entries, string? NextToken);

/// <summary>An S3 request the store made itself answered with an HTTP error.</summary>
public sealed class S3RequestException(int status, string message) : IOException(message)
{
    public int Status { get; } = status;
}
