using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace QyHeritage.Iiif.Caching;

/// <summary>
/// A bounded on-disk cache of computed image responses, least recently used out first. Entries are
/// files under the cache folder named by the SHA-256 of their key (which includes the pyramid's
/// version, so a rebuilt pyramid never serves stale pixels); writes go to a temporary name and are
/// renamed into place, so a reader sees a whole entry or none. The index of sizes and last uses is
/// in memory, rebuilt from the folder at first use. It is a cache: every failure is a miss.
/// </summary>
public sealed class ResponseCache
{
    private readonly string _folder;
    private readonly long _limitBytes;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, Entry> _index = new(StringComparer.Ordinal);
    private readonly Lock _evictLock = new();
    private readonly Lazy<bool> _loaded;
    private long _totalBytes;
    private long _clock;

    public ResponseCache(string folder, long limitBytes, ILogger log)
    {
        _folder = Path.GetFullPath(folder);
        _limitBytes = limitBytes;
        _log = log;
        _loaded = new Lazy<bool>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Bytes held now.</summary>
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public int Count => _index.Count;

    public long LimitBytes => _limitBytes;

    public byte[]? TryGet(string key)
    {
        _ = _loaded.Value;
        var name = Name(key);
        if (!_index.TryGetValue(name, out var entry)) return null;
        try
        {
            var bytes = File.ReadAllBytes(PathOf(name));
            entry.LastUse = Interlocked.Increment(ref _clock);
            return bytes;
        }
        catch (IOException)
        {
            Forget(name);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            Forget(name);
            return null;
        }
    }

    /// <summary>
    /// The entry opened for reading, to stream it rather than hold it in memory: many clients
    /// fetching large cached images then cost file handles, not memory. An entry evicted while
    /// streaming stays readable through the open handle.
    /// </summary>
    public FileStream? TryOpen(string key)
    {
        _ = _loaded.Value;
        var name = Name(key);
        if (!_index.TryGetValue(name, out var entry)) return null;
        try
        {
            var stream = new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
            entry.LastUse = Interlocked.Increment(ref _clock);
            return stream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Forget(name);
            return null;
        }
    }

    public void Put(string key, byte[] bytes)
    {
        _ = _loaded.Value;
        if (bytes.Length > _limitBytes / 4) return; // one entry must never push out most of the cache
        var name = Name(key);
        var path = PathOf(name);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CacheLog.WriteFailed(_log, path, e.Message);
            TryDelete(temp);
            return;
        }
        var entry = new Entry(bytes.Length) { LastUse = Interlocked.Increment(ref _clock) };
        if (_index.TryAdd(name, entry)) Interlocked.Add(ref _totalBytes, bytes.Length);
        if (TotalBytes > _limitBytes) Evict();
    }

    /// <summary>Removes least recently used entries until the cache is at 90 % of its limit, leaving room to grow.</summary>
    private void Evict()
    {
        lock (_evictLock)
        {
            if (TotalBytes <= _limitBytes) return;
            var target = _limitBytes * 9 / 10;
            foreach (var (name, entry) in _index.ToArray().OrderBy(kv => kv.Value.LastUse))
            {
                if (TotalBytes <= target) break;
                TryDelete(PathOf(name));
                if (_index.TryRemove(name, out var removed)) Interlocked.Add(ref _totalBytes, -removed.Size);
            }
        }
    }

    private bool Load()
    {
        if (!Directory.Exists(_folder)) return true;
        // Oldest first, so the last-use order after a restart follows the files' times.
        var files = new DirectoryInfo(_folder).EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.LastWriteTimeUtc).ToList();
        foreach (var f in files)
        {
            if (f.Name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                TryDelete(f.FullName); // left by a crash mid-write
                continue;
            }
            if (_index.TryAdd(f.Name, new Entry(f.Length) { LastUse = Interlocked.Increment(ref _clock) }))
                Interlocked.Add(ref _totalBytes, f.Length);
        }
        if (TotalBytes > _limitBytes) Evict();
        return true;
    }

    private void Forget(string name)
    {
        if (_index.TryRemove(name, out var removed)) Interlocked.Add(ref _totalBytes, -removed.Size);
    }

    private static string Name(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    // Two-character fan-out keeps folders small enough for any file system.
    private string PathOf(string name) => Path.Combine(_folder, name[..2], name);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class Entry(long size)
    {
        public long Size { get; } = size;

        public long LastUse;
    }
}

internal static partial class CacheLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "IIIF response cache: cannot write {Path}: {Reason}")]
    public static partial void WriteFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "IIIF: memory returned after a large render: working set {BeforeMB} MB -> {AfterMB} MB (malloc_trim: {Trimmed})")]
    public static partial void MemoryReturned(ILogger logger, long beforeMB, long afterMB, bool trimmed);
}
