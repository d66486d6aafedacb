using System.Security.Cryptography;
using System.Text.Json;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Imaging;

/// <summary>
/// What is recorded beside a stored pyramid (<see cref="ArchiveKeys.PyramidSource"/>): the digest of
/// the master it was built from (to know when to rebuild) and the SHA-512 of the pyramid's own bytes
/// (to find rot). Both are read with the blob store alone, so any IIIF node can check a pyramid.
/// Records written before the pyramid digest existed have none.
/// </summary>
public sealed record PyramidRecord(string MasterSha512, string? PyramidSha512 = null);

/// <summary>Writes and checks pyramids with their records, the same way for ingest, IIIF repair and the audit.</summary>
public static class StoredPyramids
{
    /// <summary>The page's record, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">The record is there but unreadable (itself damaged).</exception>
    public static async Task<PyramidRecord?> ReadRecordAsync(IBlobStore store, string itemId, string pageName, CancellationToken ct = default)
    {
        var key = ArchiveKeys.PyramidSource(itemId, pageName);
        byte[] bytes;
        try { bytes = await store.ReadBytesAsync(key, ct); }
        catch (BlobNotFoundException) { return null; }
        try
        {
            return JsonSerializer.Deserialize<PyramidRecord>(bytes) ?? throw new InvalidDataException($"'{key}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{key}' is not a pyramid record: {e.Message}", e);
        }
    }

    /// <summary>
    /// Stores <paramref name="localPyramid"/> as the page's pyramid, then its record with both digests.
    /// The record goes last: a pyramid without a current record is rebuilt by the next ingest, and a
    /// reader between the two writes sees a mismatch that the repair re-checks before rebuilding.
    /// </summary>
    public static async Task WriteAsync(IBlobStore store, string itemId, string pageName, string localPyramid, string masterSha512, CancellationToken ct = default)
    {
        var digest = await Sha512HexAsync(localPyramid, ct);
        await using (var fs = File.OpenRead(localPyramid)) await store.WriteAsync(ArchiveKeys.Pyramid(itemId, pageName), fs, ct);
        await store.WriteBytesAsync(ArchiveKeys.PyramidSource(itemId, pageName),
            JsonSerializer.SerializeToUtf8Bytes(new PyramidRecord(masterSha512, digest)), ct);
    }

    /// <summary>
    /// Whether the stored pyramid's bytes have their recorded digest: null when no digest is recorded
    /// (older data) or the pyramid is gone, else the mismatch as text ("" when intact).
    /// A store that checks its own digest on read (S3) may throw <see cref="BlobCorruptedException"/>.
    /// </summary>
    public static async Task<string?> FindDamageAsync(IBlobStore store, string itemId, string pageName, CancellationToken ct = default)
    {
        PyramidRecord? record;
        try { record = await ReadRecordAsync(store, itemId, pageName, ct); }
        catch (InvalidDataException e) { return e.Message; }
        if (record?.PyramidSha512 is not { } expected) return null;
        string actual;
        try
        {
            await using var s = await store.OpenReadAsync(ArchiveKeys.Pyramid(itemId, pageName), ct);
            actual = await Sha512HexAsync(s, ct);
        }
        catch (BlobNotFoundException) { return null; }
        return Mismatch(itemId, pageName, expected, actual);
    }

    /// <summary>"" when <paramref name="actual"/> is the recorded digest, else a message naming the item and page.</summary>
    public static string Mismatch(string itemId, string pageName, string expected, string actual) =>
        string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase) ? ""
            : $"the pyramid of {itemId} {pageName} has SHA-512 {actual[..16]}…, not {expected[..Math.Min(16, expected.Length)]}… as recorded when it was written";

    public static async Task<string> Sha512HexAsync(string path, CancellationToken ct = default)
    {
        await using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        return await Sha512HexAsync(fs, ct);
    }

    public static async Task<string> Sha512HexAsync(Stream s, CancellationToken ct = default) =>
        Convert.ToHexStringLower(await SHA512.HashDataAsync(s, ct));
}
