using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using QyHeritage.Archive;
using QyHeritage.Archive.Fixity;
using QyHeritage.Archive.Imaging;
using QyHeritage.Iiif.Caching;

namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// Damaged pyramids are refused, never served, and rebuilt from the master. A pyramid's bytes are
/// checked against the digest recorded beside it (<see cref="StoredPyramids"/>) when this process
/// first opens that version and again once the last check is older than
/// <see cref="IiifOptions.FixityInterval"/>; between checks a request costs one dictionary look-up.
/// A mismatch starts one background rebuild per pyramid; requests meanwhile get
/// <see cref="PyramidDamagedException"/>. A rebuilt pyramid is a new version (length and time), so
/// the layout and response caches, which are keyed by version, never answer from the damaged one.
/// </summary>
public sealed class PyramidFixity(ArchiveServices archive, IiifOptions options, ILogger log)
{
    private readonly ConcurrentDictionary<string, (string Version, DateTime CheckedUtc)> _intact = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Version, DateTime SeenUtc)> _beyondRepair = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _rebuilds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _unrecorded = new(StringComparer.Ordinal);
    private readonly SingleFlight<string> _checks = new();
    private readonly PyramidRepair _repair = new(archive);

    /// <summary>How long a pyramid whose master is damaged too is refused before a rebuild is tried again (after a restore).</summary>
    private static readonly TimeSpan RetryRepairAfter = TimeSpan.FromMinutes(5);

    private const int MaxRemembered = 100_000;

    /// <summary>Rebuilds running now (for tests).</summary>
    public Task? RebuildOf(ImageIdentifier id) => _rebuilds.TryGetValue(id.PyramidKey.Value, out var t) ? t : null;

    /// <summary>Returns when the pyramid at <paramref name="path"/> (this <paramref name="version"/>) may be served.</summary>
    /// <exception cref="PyramidDamagedException">It is damaged (a rebuild may be running).</exception>
    public async Task EnsureIntactAsync(ImageIdentifier id, string path, string version, CancellationToken ct)
    {
        var key = id.PyramidKey.Value;
        var now = DateTime.UtcNow;
        if (_rebuilds.ContainsKey(key)) throw new PyramidDamagedException(id, rebuilding: true);
        if (_intact.TryGetValue(key, out var ok) && ok.Version == version && now - ok.CheckedUtc < options.FixityInterval) return;
        if (_beyondRepair.TryGetValue(key, out var lost) && lost.Version == version && now - lost.SeenUtc < RetryRepairAfter)
            throw new PyramidDamagedException(id, rebuilding: false);

        // Not the caller's token: requests for the same pyramid share the check.
        var damage = await _checks.RunAsync(key + "|" + version, () => CheckAsync(id, path, CancellationToken.None)).WaitAsync(ct);
        if (damage == "")
        {
            if (_intact.Count > MaxRemembered) _intact.Clear(); // a bound, not an LRU: a forgotten pyramid is hashed again
            _intact[key] = (version, DateTime.UtcNow);
            return;
        }
        throw Damaged(id, version, damage);
    }

    /// <summary>Logs the damage, starts a rebuild unless one runs, and gives the exception to refuse the request with.</summary>
    public PyramidDamagedException Damaged(ImageIdentifier id, string version, string damage)
    {
        var key = id.PyramidKey.Value;
        _intact.TryRemove(key, out _);
        if (_beyondRepair.TryGetValue(key, out var lost) && lost.Version == version && DateTime.UtcNow - lost.SeenUtc < RetryRepairAfter)
            return new PyramidDamagedException(id, rebuilding: false);
        // Started only once it is in the map (so that it cannot remove itself first), and only if it won the race.
        var gate = new TaskCompletionSource();
        var mine = gate.Task.ContinueWith(_ => RebuildAsync(id, version), TaskScheduler.Default).Unwrap();
        var rebuild = _rebuilds.GetOrAdd(key, mine);
        if (ReferenceEquals(rebuild, mine))
        {
            PyramidFixityLog.PyramidDamaged(log, id.ItemId, id.PageName, damage); // once per rebuild, not per waiting request
            gate.SetResult();
        }
        return new PyramidDamagedException(id, rebuilding: !rebuild.IsCompleted);
    }

    /// <summary>"" when intact or nothing is recorded to check against, else the damage.</summary>
    private async Task<string> CheckAsync(ImageIdentifier id, string path, CancellationToken ct)
    {
        PyramidRecord? record;
        try { record = await StoredPyramids.ReadRecordAsync(archive.Store, id.ItemId, id.PageName, ct); }
        catch (InvalidDataException e) { return e.Message; }
        if (record?.PyramidSha512 is not { } expected)
        {
            if (_unrecorded.Count > MaxRemembered) _unrecorded.Clear();
            if (_unrecorded.TryAdd(id.PyramidKey.Value, true)) PyramidFixityLog.PyramidUnrecorded(log, id.ToString());
            return "";
        }
        return StoredPyramids.Mismatch(id.ItemId, id.PageName, expected, await StoredPyramids.Sha512HexAsync(path, ct));
    }

    private async Task RebuildAsync(ImageIdentifier id, string version)
    {
        var key = id.PyramidKey.Value;
        try
        {
            var outcome = await _repair.RebuildAsync(id.ItemId, id.PageName);
            switch (outcome)
            {
                case PyramidRepairOutcome.Rebuilt or PyramidRepairOutcome.AlreadyIntact:
                    _beyondRepair.TryRemove(key, out _);
                    PyramidFixityLog.PyramidRebuilt(log, id.ItemId, id.PageName, outcome.ToString());
                    break;
                default:
                    _beyondRepair[key] = (version, DateTime.UtcNow);
                    PyramidFixityLog.PyramidBeyondRepair(log, id.ItemId, id.PageName, outcome == PyramidRepairOutcome.MasterDamaged
                        ? "its master does not match its inventory digest either"
                        : "its item has no master for the page");
                    break;
            }
        }
        catch (Exception e)
        {
            // A failed rebuild (disk full, store down) is tried again by the next request that sees the damage.
            PyramidFixityLog.PyramidRebuildFailed(log, id.ItemId, id.PageName, e);
        }
        finally
        {
            _intact.TryRemove(key, out _);
            _rebuilds.TryRemove(key, out _);
        }
    }
}

/// <summary>A pyramid whose bytes are not the ones recorded: refused, naming the item and page.</summary>
public sealed class PyramidDamagedException(ImageIdentifier id, bool rebuilding) : IOException(rebuilding
    ? $"image {id} (item {id.ItemId}, page {id.PageName}) is damaged in storage and is being rebuilt from its master; try again shortly"
    : $"image {id} (item {id.ItemId}, page {id.PageName}) is damaged in storage and cannot be served until it is restored from a replica or backup")
{
    public ImageIdentifier Id { get; } = id;

    /// <summary>Whether a rebuild is running, so that asking again soon may succeed.</summary>
    public bool Rebuilding { get; } = rebuilding;
}

/// <summary>Log events of <see cref="PyramidFixity"/>: a warning per damage found, an error when only a backup can help.</summary>
internal static partial class PyramidFixityLog
{
    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "IIIF: pyramid of {ItemId} {Page} is damaged, refused and being rebuilt from its master: {Damage}")]
    public static partial void PyramidDamaged(ILogger logger, string itemId, string page, string damage);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "IIIF: pyramid of {ItemId} {Page} repaired ({Outcome})")]
    public static partial void PyramidRebuilt(ILogger logger, string itemId, string page, string outcome);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Error, Message = "IIIF: pyramid of {ItemId} {Page} is damaged and cannot be rebuilt: {Reason}. Restore the item from a replica or backup.")]
    public static partial void PyramidBeyondRepair(ILogger logger, string itemId, string page, string reason);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Error, Message = "IIIF: rebuilding the pyramid of {ItemId} {Page} failed")]
    public static partial void PyramidRebuildFailed(ILogger logger, string itemId, string page, Exception error);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Debug, Message = "IIIF: pyramid of {Identifier} has no recorded digest (older data): served unchecked")]
    public static partial void PyramidUnrecorded(ILogger logger, string identifier);
}
