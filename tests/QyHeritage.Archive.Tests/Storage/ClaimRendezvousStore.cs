using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Storage;

/// <summary>
/// Makes two nodes' commits truly race: each node's create-only write of a version inventory
/// (<c>vN/inventory.json</c>, the claim) waits until the other node has reached its own claim, so
/// both have read the same head first. Without it a loaded machine may run one commit to the end
/// before the other starts, and both then rightly succeed, one version after the other.
/// Everything else goes straight to the real store.
/// </summary>
public sealed partial class ClaimRendezvousStore(IBlobStore inner, ClaimRendezvous rendezvous) : IBlobStore
{
    [GeneratedRegex(@"/v\d+/inventory\.json$")]
    private static partial Regex VersionInventory();

    public Task<bool> ExistsAsync(BlobKey key, CancellationToken ct = default) => inner.ExistsAsync(key, ct);

    public Task<BlobInfo?> StatAsync(BlobKey key, CancellationToken ct = default) => inner.StatAsync(key, ct);

    public Task<Stream> OpenReadAsync(BlobKey key, CancellationToken ct = default) => inner.OpenReadAsync(key, ct);

    public Task WriteAsync(BlobKey key, Stream content, CancellationToken ct = default) => inner.WriteAsync(key, content, ct);

    public async Task<bool> WriteIfAbsentAsync(BlobKey key, Stream content, CancellationToken ct = default)
    {
        if (VersionInventory().IsMatch(key.Value)) await rendezvous.ArriveAsync(ct);
        return await inner.WriteIfAbsentAsync(key, content, ct);
    }

    public Task DeleteAsync(BlobKey key, CancellationToken ct = default) => inner.DeleteAsync(key, ct);

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var b in inner.ListAsync(prefix, ct)) yield return b;
    }

    public string? TryGetLocalPath(BlobKey key) => inner.TryGetLocalPath(key);
}

/// <summary>A reusable meeting point for <c>parties</c> callers; it opens when the last arrives, then starts over.</summary>
public sealed class ClaimRendezvous(int parties)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    /// <summary>When false, callers pass straight through (the setup's own commits).</summary>
    public bool Armed { get; set; }

    public Task ArriveAsync(CancellationToken ct)
    {
        if (!Armed) return Task.CompletedTask;
        lock (_gate)
        {
            var open = _open;
            if (++_arrived == parties)
            {
                _arrived = 0;
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                open.SetResult();
            }
            return open.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
    }
}
