using System.Security.Cryptography;
using QyHeritage.Archive.Ocfl;

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
        return new CheckingStream(inner, algorithm, digest, objectId, logicalPath);
    }

    private sealed class CheckingStream(Stream inner, HashAlgorithmName algorithm, string expected, string item, string logicalPath) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(algorithm);
        private bool _checked;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var n = await inner.ReadAsync(buffer, ct);
            Account(buffer.Span[..n], buffer.Length);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            Account(buffer[..n], buffer.Length);
            return n;
        }

        private void Account(ReadOnlySpan<byte> read, int asked)
        {
            if (read.Length > 0) { _hash.AppendData(read); return; }
            if (asked == 0 || _checked) return;
            _checked = true;
            var actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
            if (!actual.Equals(expected, StringComparison.OrdinalIgnoreCase))
                throw new ContentCorruptedException(item, FixityAuditor.PageOf(logicalPath), logicalPath, expected, actual);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) { _hash.Dispose(); inner.Dispose(); }
            base.Dispose(disposing);
        }
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
