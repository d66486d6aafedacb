namespace QyHeritage.Archive.Storage;

/// <summary>What a store knows about one blob.</summary>
public sealed record BlobInfo(BlobKey Key, long Length, DateTimeOffset LastModified);

/// <summary>
/// Flat key → bytes storage: the file system (embedded default) or S3/MinIO.
/// Contract: a write is atomic (readers see the old bytes or all of the new ones, never a part);
/// reading a missing key throws <see cref="BlobNotFoundException"/>; listing is by key prefix.
/// </summary>
public interface IBlobStore
{
    Task<bool> ExistsAsync(BlobKey key, CancellationToken ct = default);

    /// <summary>Length and time of a blob, or null when there is none.</summary>
    Task<BlobInfo?> StatAsync(BlobKey key, CancellationToken ct = default);

    /// <summary>Opens a blob for reading; throws <see cref="BlobNotFoundException"/> when missing.</summary>
    Task<Stream> OpenReadAsync(BlobKey key, CancellationToken ct = default);

    /// <summary>Writes all of <paramref name="content"/> under <paramref name="key"/>, replacing atomically.</summary>
    Task WriteAsync(BlobKey key, Stream content, CancellationToken ct = default);

    /// <summary>
    /// Writes <paramref name="content"/> under <paramref name="key"/> only if no blob is there; false
    /// (and nothing changed) when one is. Of two writers racing for one key exactly one gets true on
    /// the file system and on S3 servers with conditional PUT (MinIO, Ceph RGW, AWS). This default,
    /// for stores without such a primitive, is a check then a write: it narrows the race, not closes it.
    /// </summary>
    async Task<bool> WriteIfAbsentAsync(BlobKey key, Stream content, CancellationToken ct = default)
    {
        if (await ExistsAsync(key, ct)) return false;
        await WriteAsync(key, content, ct);
        return true;
    }

    /// <summary>Removes a blob; removing a missing blob is not an error.</summary>
    Task DeleteAsync(BlobKey key, CancellationToken ct = default);

    /// <summary>Every blob whose key starts with <paramref name="prefix"/> ("" for all), in ordinal key order.</summary>
    IAsyncEnumerable<BlobInfo> ListAsync(string prefix, CancellationToken ct = default);

    /// <summary>
    /// A path on the local file system holding the blob's bytes, for libraries that need a file
    /// (libvips opens pyramids by path). Stores that are not local return null.
    /// </summary>
    string? TryGetLocalPath(BlobKey key);
}

/// <summary>The key names no blob.</summary>
public sealed class BlobNotFoundException(BlobKey key) : FileNotFoundException($"No blob at '{key}'.")
{
    public BlobKey Key { get; } = key;
}

/// <summary>Convenience reads and writes over any store.</summary>
public static class BlobStoreExtensions
{
    public static async Task WriteBytesAsync(this IBlobStore store, BlobKey key, ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        using var ms = new MemoryStream(bytes.ToArray(), writable: false);
        await store.WriteAsync(key, ms, ct);
    }

    public static Task WriteTextAsync(this IBlobStore store, BlobKey key, string text, CancellationToken ct = default) =>
        store.WriteBytesAsync(key, System.Text.Encoding.UTF8.GetBytes(text), ct);

    public static async Task<byte[]> ReadBytesAsync(this IBlobStore store, BlobKey key, CancellationToken ct = default)
    {
        await using var s = await store.OpenReadAsync(key, ct);
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, ct);
        return ms.ToArray();
    }

    public static async Task<string> ReadTextAsync(this IBlobStore store, BlobKey key, CancellationToken ct = default) =>
        System.Text.Encoding.UTF8.GetString(await store.ReadBytesAsync(key, ct));
}
