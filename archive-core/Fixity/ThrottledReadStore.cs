using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Fixity;

/// <summary>
/// A read-only view of a store for the audit: every byte read passes one shared rate limit (so an
/// audit beside live traffic takes a bounded share of the disk or network) and is counted for the
/// progress bar. Writes and deletes are refused: an audit never changes what it checks.
/// </summary>
internal sealed class ThrottledReadStore(IBlobStore inner, double megabytesPerSecond) : IBlobStore
{
    private readonly object _gate = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private long _bytes;

    /// <summary>Bytes read through this view so far.</summary>
    public long BytesRead => Interlocked.Read(ref _bytes);

    public Task<bool> ExistsAsync(BlobKey key, CancellationToken ct = default) => inner.ExistsAsync(key, ct);

    public Task<BlobInfo?> StatAsync(BlobKey key, CancellationToken ct = default) => inner.StatAsync(key, ct);

    /// <summary>
    /// The audit computes every digest itself and reports a mismatch as a finding, so it reads S3
    /// objects without the store's own end-of-read check (which would throw instead).
    /// </summary>
    public async Task<Stream> OpenReadAsync(BlobKey key, CancellationToken ct = default) =>
        new MeteredStream(inner is S3BlobStore s3 ? await s3.OpenReadUncheckedAsync(key, ct) : await inner.OpenReadAsync(key, ct), this);

    /// <summary>A read with the store's own check against its recorded digest (S3), for derivatives, which no inventory covers.</summary>
    public async Task<Stream> OpenCheckedReadAsync(BlobKey key, CancellationToken ct = default) =>
        new MeteredStream(await inner.OpenReadAsync(key, ct), this);

    public Task WriteAsync(BlobKey key, Stream content, CancellationToken ct = default) =>
        throw new InvalidOperationException("The audit does not write.");

    public Task DeleteAsync(BlobKey key, CancellationToken ct = default) =>
        throw new InvalidOperationException("The audit does not delete.");

    public IAsyncEnumerable<BlobInfo> ListAsync(string prefix, CancellationToken ct = default) => inner.ListAsync(prefix, ct);

    public string? TryGetLocalPath(BlobKey key) => inner.TryGetLocalPath(key);

    /// <summary>Counts <paramref name="n"/> bytes and waits as long as reading is ahead of the rate.</summary>
    private async ValueTask ConsumedAsync(int n, CancellationToken ct)
    {
        var total = Interlocked.Add(ref _bytes, n);
        if (megabytesPerSecond <= 0) return;
        TimeSpan ahead;
        lock (_gate) ahead = TimeSpan.FromSeconds(total / (megabytesPerSecond * 1e6)) - _clock.Elapsed;
        if (ahead > TimeSpan.FromMilliseconds(5)) await Task.Delay(ahead, ct);
    }

    private sealed class MeteredStream(Stream inner, ThrottledReadStore owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var n = await inner.ReadAsync(buffer, ct);
            await owner.ConsumedAsync(n, ct);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, default).GetAwaiter().GetResult();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
