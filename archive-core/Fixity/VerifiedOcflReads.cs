using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Fixity;

/// <summary>
/// Reads of OCFL files that refuse corrupted bytes: the stream checks the digest the inventory gives
/// and throws <see cref="ContentCorruptedException"/>, naming the item and page, at the end of a
/// file whose bytes do not match. For serving masters (IIIF full-size, downloads) on any store.
/// </summary>
public static class VerifiedOcflReads
{
    /// <summary>Opens <paramref name="logicalPath"/> of the head version, checked against its inventory digest.</summary>
    /// <exception cref="FileNotFoundException">No such object or file.</exception>
    public static async Task<Stream> OpenVerifiedFileAsync(this OcflRepository repo, string objectId, string logicalPath, CancellationToken ct = default)
    {
        var head = await repo.GetHeadAsync(objectId, ct) ?? throw new FileNotFoundException($"No OCFL object '{objectId}'.");
        if (!head.Files.TryGetValue(logicalPath, out var digest))
            throw new FileNotFoundException($"OCFL object '{objectId}' has no file '{logicalPath}'.");
        var algorithm = OcflDigest.HashFor(head.DigestAlgorithm) ?? throw new NotSupportedException($"Digest algorithm '{head.DigestAlgorithm}' is not supported.");
        // The same version the digest came from, even if a commit lands in between.
        var inner = await repo.OpenFileAsync(objectId, logicalPath, head.Version, ct);
        return new DigestCheckingStream(inner, algorithm, digest,
            actual => new ContentCorruptedException(objectId, FixityAuditor.PageOf(logicalPath), logicalPath, digest, actual));
    }
}

/// <summary>A stored file of an item does not have the digest its inventory gives: refused.</summary>
public sealed class ContentCorruptedException(string item, string? page, string logicalPath, string expected, string actual)
    : IOException($"Refusing corrupted file of {item}{(page is null ? "" : " " + page)}: '{logicalPath}' has digest {actual[..16]}…, not {expected[..Math.Min(16, expected.Length)]}… as its inventory says.")
{
    public string Item { get; } = item;
    public string? Page { get; } = page;
    public string LogicalPath { get; } = logicalPath;
}
