using System.Runtime.CompilerServices;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Ocfl;

/// <summary>The process "died" here: thrown by <see cref="CrashingBlobStore"/> instead of a write.</summary>
public sealed class SimulatedCrashException(string key) : Exception($"Simulated crash before writing '{key}'.");

/// <summary>
/// A store that lets the first <c>allowedWrites</c> writes through to the real store and then
/// throws instead of every later write or delete, as if the process had died there. Records the
/// keys it wrote, so a test can find where a commit's steps fall.
/// </summary>
public sealed class CrashingBlobStore(IBlobStore inner, int allowedWrites = int.MaxValue) : IBlobStore
{
    private int _writes;

    public List<string> Written { get; } = [];

    public bool Crashed { get; private set; }

    public Task<bool> ExistsAsync(BlobKey key, CancellationToken ct = default) => inner.ExistsAsync(key, ct);

    public Task<BlobInfo?> StatAsync(BlobKey key, CancellationToken ct = default) => inner.StatAsync(key, ct);

    public Task<Stream> OpenReadAsync(BlobKey key, CancellationToken ct = default) => inner.OpenReadAsync(key, ct);

    public async Task WriteAsync(BlobKey key, Stream content, CancellationToken ct = default)
    {
        if (Crashed || _writes >= allowedWrites) { Crashed = true; throw new SimulatedCrashException(key.Value); }
        _writes++;
        await inner.WriteAsync(key, content, ct);
        Written.Add(key.Value);
    }

    public Task DeleteAsync(BlobKey key, CancellationToken ct = default)
    {
        if (Crashed) throw new SimulatedCrashException(key.Value);
        return inner.DeleteAsync(key, ct);
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var b in inner.ListAsync(prefix, ct)) yield return b;
    }

    public string? TryGetLocalPath(BlobKey key) => inner.TryGetLocalPath(key);
}
