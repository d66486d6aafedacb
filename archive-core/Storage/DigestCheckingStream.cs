using System.Security.Cryptography;

namespace QyHeritage.Archive.Storage;

/// <summary>
/// Hashes what the reader takes and, at the end of the stream, refuses bytes whose digest is not
/// the expected one by throwing the exception <paramref name="refuse"/> makes from the actual digest:
/// a corrupted file is never read to its end as if it were sound. A reader that stops early gets no verdict.
/// </summary>
public sealed class DigestCheckingStream(Stream inner, HashAlgorithmName algorithm, string expected, Func<string, Exception> refuse) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(algorithm);
    private bool _checked;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var n = await inner.ReadAsync(buffer, ct);
        Account(buffer.Span[..n], buffer.Length);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

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
        if (!actual.Equals(expected, StringComparison.OrdinalIgnoreCase)) throw refuse(actual);
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

/// <summary>A blob's bytes are not the bytes that were written: refused, never served.</summary>
public sealed class BlobCorruptedException(BlobKey key, string expectedSha512, string actualSha512)
    : IOException($"Refusing corrupted blob '{key}': its SHA-512 is {actualSha512[..16]}…, not {expectedSha512[..Math.Min(16, expectedSha512.Length)]}… as recorded when it was written.")
{
    public BlobKey Key { get; } = key;
}
