using System.Security.Cryptography;

namespace QyHeritage.Archive.Storage;

/// <summary>
/// A read-only pass-through that hashes what the reader takes, so the bytes a consumer read can be checked against
/// a digest without a second read of a large master: the OCFL writer records the digest of what the blob store
/// consumed (<see cref="FinishDigest"/>); <see cref="DigestCheckingStream"/> refuses a corrupted blob at its end.
/// </summary>
public class HashingReadStream(Stream inner, HashAlgorithmName algorithm) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(algorithm);
    private string? _digest;

    /// <summary>Lowercase hex digest of everything read; once taken (or the end reached), reading on adds nothing to it.</summary>
    public string FinishDigest() => _digest ??= Convert.ToHexStringLower(_hash.GetHashAndReset());

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Called once, when a read finds the end of <paramref name="inner"/>, with the digest of every byte read.</summary>
    protected virtual void OnEnd(string digest) { }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        Account(buffer.Span[..n], buffer.Length);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Account(buffer[..n], buffer.Length);
        return n;
    }

    private void Account(ReadOnlySpan<byte> read, int asked)
    {
        if (read.Length > 0)
        {
            _hash.AppendData(read);
            BytesRead += read.Length;
            return;
        }
        // An empty buffer asked for nothing: that is no end of stream.
        if (asked == 0 || _digest is not null) return;
        OnEnd(FinishDigest());
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) { _hash.Dispose(); inner.Dispose(); }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        _hash.Dispose();
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
