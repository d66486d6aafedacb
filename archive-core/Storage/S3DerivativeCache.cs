using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace QyHeritage.Archive.Storage;

/// <summary>
/// A bounded local disk cache of blobs for libraries that need a file (libvips opens pyramids by
/// path), in front of a store that has none (S3). Each blob is downloaded once and kept until the
/// least recently used entries must go to stay under the size limit. A cached file carries the
/// blob's length and modification time (as its own), so a pyramid rebuilt on another node is
/// noticed by one cheap stat, at most every <see cref="RevalidateAfter"/>, and fetched again.
/// (S3 gives times in whole seconds: a rebuild of the same length within the same second would go
/// unnoticed; pyramids are rebuilt only when their master changes, far less often than that.)
/// Concurrent requests for the same blob share one download. Survives restarts: files found in
/// the folder at start are reused after the same check.
/// </summary>
public sealed class S3DerivativeCache
{
    private readonly IBlobStore _store;
    private readonly string _folder;
    private readonly long _maxBytes;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _downloads = new(StringComparer.Ordinal);
    private readonly object _evictGate = new();
    private long _bytes;
    private long _clock;
    private int _downloadCount;

    public S3DerivativeCache(IBlobStore store, string folder, long maxBytes, ILogger? logger = null)
    {
        _store = store;
        _folder = Path.GetFullPath(folder);
        _maxBytes = maxBytes;
        _log = logger ?? NullLogger.Instance;
        Directory.CreateDirectory(_folder);
        foreach (var f in Directory.EnumerateFiles(_folder))
        {
            if (f.EndsWith(".part", StringComparison.Ordinal)) { TryDelete(f); continue; }
            _bytes += new FileInfo(f).Length;
        }
    }

    /// <summary>How long a validated entry is trusted before the store is asked again.</summary>
    public TimeSpan RevalidateAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes of cached files now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Downloads so far (a hit costs none): what the tests count.</summary>
    public int Downloads => Volatile.Read(ref _downloadCount);

    /// <summary>A local file with the blob's current bytes, downloading it on the first request only.</summary>
    /// <exception cref="BlobNotFoundException">No such blob.</exception>
    public async Task<string> GetLocalPathAsync(BlobKey key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        if (_entries.TryGetValue(key.Value, out var e) && DateTime.UtcNow - e.ValidatedUtc < RevalidateAfter && File.Exists(path))
        {
            e.LastUse = Interlocked.Increment(ref _clock);
            return path;
        }
        var info = await _store.StatAsync(key, ct) ?? throw new BlobNotFoundException(key);
        return await GetLocalPathAsync(key, info, ct);
    }

    /// <summary>
    /// A local file with the bytes <paramref name="info"/> describes (the caller has just asked the store), whatever
    /// was validated before: a blob rewritten since is fetched now, not after <see cref="RevalidateAfter"/>.
    /// </summary>
    public async Task<string> GetLocalPathAsync(BlobKey key, BlobInfo info, CancellationToken ct = default)
    {
        var path = PathOf(key);
        var file = new FileInfo(path);
        if (file.Exists && file.Length == info.Length && file.LastWriteTimeUtc == info.LastModified.UtcDateTime)
        {
            Track(key, addedBytes: 0); // already counted: found at start or downloaded before
            return path;
        }
        // One download per key at a time; later callers await the same one.
        var download = _downloads.GetOrAdd(key.Value, _ => new Lazy<Task<string>>(() => DownloadAsync(key, info, path)));
        try { return await download.Value.WaitAsync(ct); }
        finally { _downloads.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key.Value, download)); }
    }

    /// <summary>The cached file when it is there and was validated recently; never downloads.</summary>
    public string? TryGetFresh(BlobKey key)
    {
        if (!_entries.TryGetValue(key.Value, out var e) || DateTime.UtcNow - e.ValidatedUtc >= RevalidateAfter) return null;
        var path = PathOf(key);
        if (!File.Exists(path)) return null;
        e.LastUse = Interlocked.Increment(ref _clock);
        return path;
    }

    /// <summary>Forgets a blob this process rewrote or deleted.</summary>
    public void Invalidate(BlobKey key)
    {
        _entries.TryRemove(key.Value, out _);
        Remove(PathOf(key));
    }

    private async Task<string> DownloadAsync(BlobKey key, BlobInfo info, string path)
    {
        var part = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            await using (var source = await _store.OpenReadAsync(key, CancellationToken.None))
            await using (var target = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                await source.CopyToAsync(target);
            var length = new FileInfo(part).Length;
            if (length != info.Length) throw new IOException($"Caching '{key}': got {length} bytes, the store said {info.Length}.");
            File.SetLastWriteTimeUtc(part, info.LastModified.UtcDateTime);
            var old = new FileInfo(path);
            var replaced = old.Exists ? old.Length : 0;
            File.Move(part, path, overwrite: true);
            Interlocked.Increment(ref _downloadCount);
            Track(key, length - replaced);
            S3CacheLog.Downloaded(_log, key.Value, length);
            return path;
        }
        finally
        {
            TryDelete(part);
        }
    }

    /// <summary>Marks an entry used and valid now, counts <paramref name="addedBytes"/> more on disk, and evicts beyond the limit.</summary>
    private void Track(BlobKey key, long addedBytes)
    {
        _entries[key.Value] = new Entry { LastUse = Interlocked.Increment(ref _clock), ValidatedUtc = DateTime.UtcNow };
        Interlocked.Add(ref _bytes, addedBytes);
        Evict(keep: key.Value);
    }

    /// <summary>Deletes least recently used files until the cache fits; files of earlier runs not used in this one go first.</summary>
    private void Evict(string keep)
    {
        if (Bytes <= _maxBytes) return;
        lock (_evictGate)
        {
            var known = _entries.Keys.Select(PathOfValue).ToHashSet(StringComparer.Ordinal);
            foreach (var f in Directory.EnumerateFiles(_folder).Where(f => !f.EndsWith(".part", StringComparison.Ordinal) && !known.Contains(f)).ToList())
            {
                if (Bytes <= _maxBytes) return;
                Remove(f);
            }
            foreach (var (k, e) in _entries.OrderBy(kv => kv.Value.LastUse).ToList())
            {
                if (Bytes <= _maxBytes) return;
                if (k == keep || !_entries.TryRemove(k, out _)) continue;
                S3CacheLog.Evicted(_log, k, Remove(PathOfValue(k)));
            }
        }
    }

    /// <summary>Deletes a cached file (a reader that has it open keeps its bytes) and uncounts it; returns its length.</summary>
    private long Remove(string path)
    {
        var f = new FileInfo(path);
        if (!f.Exists) return 0;
        var length = f.Length;
        try { f.Delete(); } catch (IOException) { return 0; } catch (UnauthorizedAccessException) { return 0; }
        Interlocked.Add(ref _bytes, -length);
        return length;
    }

    private string PathOf(BlobKey key) => PathOfValue(key.Value);

    /// <summary>A flat file name from the key's hash: keys may be long and deep; the extension helps tools guess the format.</summary>
    private string PathOfValue(string key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        var ext = Path.GetExtension(key);
        return Path.Combine(_folder, hash + (ext.Length is > 0 and <= 8 ? ext : ""));
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private sealed class Entry
    {
        public long LastUse { get; set; }
        public DateTime ValidatedUtc { get; set; }
    }
}

internal static partial class S3CacheLog
{
    [LoggerMessage(EventId = 3211, Level = LogLevel.Debug, Message = "Cache: downloaded {Key} ({Bytes} bytes)")]
    public static partial void Downloaded(ILogger logger, string key, long bytes);

    [LoggerMessage(EventId = 3212, Level = LogLevel.Debug, Message = "Cache: evicted {Key} ({Bytes} bytes)")]
    public static partial void Evicted(ILogger logger, string key, long bytes);
}
