namespace QyHeritage.Archive.Storage;

/// <summary>A local file for a blob, from whichever store: the file itself, or the S3 store's derivative cache.</summary>
public static class S3LocalPathExtensions
{
    /// <summary>
    /// A path to the blob's bytes on the local disk without a copy per request: the file system
    /// store's own file, or the S3 store's cached copy (downloaded once). Null when neither applies;
    /// callers then copy the blob to a temporary file themselves.
    /// </summary>
    public static async Task<string?> GetLocalPathAsync(this IBlobStore store, BlobKey key, CancellationToken ct = default) =>
        store.TryGetLocalPath(key) ?? (store is S3BlobStore s3 ? await s3.GetCachedPathAsync(key, ct) : null);
}
