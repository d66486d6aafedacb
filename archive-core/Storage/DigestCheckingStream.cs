using System.Security.Cryptography;

namespace QyHeritage.Archive.Storage;

/// <summary>
/// Hashes what the reader takes and, at the end of the stream, refuses bytes whose digest is not
/// the expected one by throwing the exception <paramref name="refuse"/> makes from the actual digest:
/// a corrupted file is never read to its end as if it were sound. A reader that stops early gets no verdict.
/// </summary>
public sealed class DigestCheckingStream(Stream inner, HashAlgorithmName algorithm, string expected, Func<string, Exception> refuse)
    : HashingReadStream(inner, algorithm)
{
    protected override void OnEnd(string digest)
    {
        if (!digest.Equals(expected, StringComparison.OrdinalIgnoreCase)) throw refuse(digest);
    }
}

/// <summary>A blob's bytes are not the bytes that were written: refused, never served.</summary>
public sealed class BlobCorruptedException(BlobKey key, string expectedSha512, string actualSha512)
    : IOException($"Refusing corrupted blob '{key}': its SHA-512 is {actualSha512[..16]}…, not {expectedSha512[..Math.Min(16, expectedSha512.Length)]}… as recorded when it was written.")
{
    public BlobKey Key { get; } = key;
}
