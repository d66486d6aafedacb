namespace QyHeritage.Archive.Storage;

/// <summary>
/// The body of a GET that survives a dropped connection: when reading fails part way (a reset, a
/// timeout, an early end), it asks again from the byte it got to (an HTTP Range request with
/// If-Match on the ETag, so a changed object is refused rather than spliced; MinIO honours If-Match,
/// s3rver ignores it) with backoff, a bounded number of times, then gives up with a clear error.
/// </summary>
internal sealed class S3ResumingStream(
    Stream first,
    long start,
    long length,
    Func<long, CancellationToken, Task<Stream>> reopenFrom,
    int maxAttempts,
    TimeSpan baseDelay,
    BlobKey key) : Stream
{
    private Stream _current = first;
    private long _read;
    private int _failures;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (buffer.Length == 0 || _read >= length) return 0;
        while (true)
        {
            try
            {
                var n = await _current.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - _read)], ct);
                if (n == 0) throw new IOException($"The connection closed after {_read} of {length} bytes of '{key}'.");
                _read += n;
                return n;
            }
            catch (Exception e) when (S3Retry.IsTransient(e, ct))
            {
                if (++_failures >= maxAttempts)
                    throw new BlobStoreUnavailableException("read", key.Value, _failures, e);
                await _current.DisposeAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(baseDelay.TotalMilliseconds * Math.Pow(2, _failures - 1)), ct);
                try { _current = await reopenFrom(start + _read, ct); }
                catch (Exception again) when (S3Retry.IsTransient(again, ct)) { _current = new FailedStream(again); }
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _current.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Stands for a reopen that failed, so the next read counts it as one more failure and tries again.</summary>
    private sealed class FailedStream(Exception e) : Stream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => ValueTask.FromException<int>(e);
        public override int Read(byte[] buffer, int offset, int count) => throw e;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
