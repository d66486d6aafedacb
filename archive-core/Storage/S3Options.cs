namespace QyHeritage.Archive.Storage;

/// <summary>Which blob store the archive keeps its objects in.</summary>
public enum StorageKind
{
    /// <summary>A folder under the data folder (the embedded default).</summary>
    FileSystem,

    /// <summary>An S3 bucket: MinIO in production, s3rver in tests.</summary>
    S3,
}

/// <summary>
/// Where and how to reach the S3 bucket, bound from "Qy:S3" (e.g. Qy__S3__Endpoint=127.0.0.1:9000).
/// Credentials left empty here are taken from the environment: QY_S3_ACCESS_KEY / QY_S3_SECRET_KEY,
/// then AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, then MINIO_ROOT_USER / MINIO_ROOT_PASSWORD.
/// </summary>
public sealed class S3Options
{
    /// <summary>host:port of the server, without scheme (e.g. "minio.internal:9000").</summary>
    public string Endpoint { get; set; } = "";

    public string Bucket { get; set; } = "qyheritage";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    /// <summary>Use https. Off only on loopback or a private network.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>
    /// Address the bucket in the path (http://host/bucket/key) rather than the host name; MinIO wants
    /// path style. The SDK itself uses path style for every endpoint that is not AWS; this setting
    /// governs the requests the store signs itself (listing).
    /// </summary>
    public bool PathStyle { get; set; } = true;

    public string Region { get; set; } = "us-east-1";

    /// <summary>Create the bucket when it does not exist (first start against an empty MinIO).</summary>
    public bool CreateBucket { get; set; } = true;

    /// <summary>Tries per operation before a transient failure (connection, 5xx, timeout) becomes an error.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>First wait between tries; doubles each time, with jitter.</summary>
    public int RetryBaseDelayMs { get; set; } = 200;

    /// <summary>Seconds one HTTP request may take before it counts as a (transient) failure.</summary>
    public int RequestTimeoutSeconds { get; set; } = 300;

    /// <summary>
    /// Key prefixes (comma-separated) whose writes are read back and their SHA-512 compared with what
    /// was sent, on top of the ETag check every write gets. Default: the OCFL preservation copies.
    /// </summary>
    public string ReadBackPrefixes { get; set; } = "ocfl/";

    /// <summary>Blobs up to this size are spooled in memory before upload; larger ones to a temporary file.</summary>
    public int MemorySpoolBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest size of the local disk cache of derivatives (pyramids) in MB; 0 turns the cache off.</summary>
    public long DerivativeCacheMB { get; set; } = 2048;

    /// <summary>Fills empty credentials from the environment, and says what is still missing.</summary>
    public S3Options Resolved()
    {
        var access = First(AccessKey, "QY_S3_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "MINIO_ROOT_USER");
        var secret = First(SecretKey, "QY_S3_SECRET_KEY", "AWS_SECRET_ACCESS_KEY", "MINIO_ROOT_PASSWORD");
        var copy = (S3Options)MemberwiseClone();
        copy.AccessKey = access;
        copy.SecretKey = secret;
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(copy.Endpoint)) missing.Add("Qy:S3:Endpoint");
        if (string.IsNullOrWhiteSpace(copy.Bucket)) missing.Add("Qy:S3:Bucket");
        if (string.IsNullOrEmpty(access)) missing.Add("Qy:S3:AccessKey (or QY_S3_ACCESS_KEY)");
        if (string.IsNullOrEmpty(secret)) missing.Add("Qy:S3:SecretKey (or QY_S3_SECRET_KEY)");
        if (missing.Count > 0)
            throw new InvalidOperationException($"Storage is S3 but {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set.");
        if (copy.Endpoint.Contains("://", StringComparison.Ordinal))
            throw new InvalidOperationException($"Qy:S3:Endpoint is host:port without a scheme (got '{copy.Endpoint}'); set Qy:S3:UseTls for https.");
        if (copy.MaxAttempts < 1) copy.MaxAttempts = 1;
        return copy;
    }

    internal IReadOnlyList<string> ReadBackPrefixList =>
        ReadBackPrefixes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string First(string configured, params string[] variables)
    {
        if (!string.IsNullOrEmpty(configured)) return configured;
        foreach (var v in variables)
            if (Environment.GetEnvironmentVariable(v) is { Length: > 0 } value) return value;
        return "";
    }
}
