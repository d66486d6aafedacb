using System.Runtime.CompilerServices;

namespace QyHeritage.Archive.Storage;

/// <summary>
/// Blobs as files under one root folder. Writes go to a temporary file in the store's own
/// <c>.qytmp/</c> folder (same file system, so the rename is atomic), are flushed to disk, then
/// renamed over the target: a crash never leaves a partial blob, and never leaves a stray file
/// inside an OCFL object where another validator would flag it. Old temporaries are swept on open.
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    /// <summary>The folder of in-flight writes; listing skips it.</summary>
    internal const string TempFolder = ".qytmp";

    /// <summary>Temporaries older than this are left over from a killed process (a live write takes seconds).</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    private readonly string _root;

    public FileSystemBlobStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(_root, TempFolder));
        SweepStaleTemporaries();
    }

    public string Root => _root;

    private string PathOf(BlobKey key)
    {
        var full = Path.GetFullPath(Path.Combine(_root, key.Value));
        // BlobKey already rules out escapes; this is the second lock on the same door.
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidBlobKeyException(key.Value, "the key resolves outside the store root");
        return full;
    }

    public Task<bool> ExistsAsync(BlobKey key, CancellationToken ct = default) => Task.FromResult(File.Exists(PathOf(key)));

    public Task<BlobInfo?> StatAsync(BlobKey key, CancellationToken ct = default)
    {
        var fi = new FileInfo(PathOf(key));
        return Task.FromResult(fi.Exists ? new BlobInfo(key, fi.Length, fi.LastWriteTimeUtc) : null);
    }

    public Task<Stream> OpenReadAsync(BlobKey key, CancellationToken ct = default)
    {
        try
        {
            Stream s = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult(s);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException(key);
        }
    }

    public Task WriteAsync(BlobKey key, Stream content, CancellationToken ct = default) => WriteCoreAsync(key, content, overwrite: true, ct);

    /// <summary>Create-only: the temporary is moved into place without replacing (link + unlink on Linux), which fails when the key exists.</summary>
    public async Task<bool> WriteIfAbsentAsync(BlobKey key, Stream content, CancellationToken ct = default)
    {
        if (File.Exists(PathOf(key))) return false;
        return await WriteCoreAsync(key, content, overwrite: false, ct);
    }

    private async Task<bool> WriteCoreAsync(BlobKey key, Stream content, bool overwrite, CancellationToken ct)
    {
        var target = PathOf(key);
        var dir = Path.GetDirectoryName(target)!;
        if (File.Exists(dir))
            throw new IOException($"Cannot write '{key}': '{Path.GetRelativePath(_root, dir)}' is a blob, not a folder.");
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(_root, TempFolder, $"{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(fs, ct);
                await fs.FlushAsync(ct);
                fs.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temp, target, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(target))
            {
                TryDelete(temp);
                return false;
            }
            return true;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public Task DeleteAsync(BlobKey key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        TryDelete(path);
        // Empty folders are an artefact of this store, not data: prune them up to the root.
        var dir = Path.GetDirectoryName(path);
        while (dir is not null && dir.Length > _root.Length && Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
        {
            try { Directory.Delete(dir); } catch (IOException) { break; }
            dir = Path.GetDirectoryName(dir);
        }
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // Start from the deepest folder the prefix names, then filter by the full prefix.
        var slash = prefix.LastIndexOf('/');
        var start = slash < 0 ? _root : Path.Combine(_root, prefix[..slash]);
        if (prefix.Contains("..") || prefix.Contains('\\') || prefix.Contains('\0'))
            throw new InvalidBlobKeyException(prefix, "the prefix is not a valid key prefix");
        if (!Directory.Exists(start)) yield break;
        var keys = new List<string>();
        var tempFolder = Path.Combine(_root, TempFolder) + Path.DirectorySeparatorChar;
        foreach (var file in Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories))
        {
            if (file.StartsWith(tempFolder, StringComparison.Ordinal)) continue;
            var rel = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (rel.StartsWith(prefix, StringComparison.Ordinal)) keys.Add(rel);
        }
        keys.Sort(StringComparer.Ordinal);
        foreach (var rel in keys)
        {
            ct.ThrowIfCancellationRequested();
            if (!BlobKey.TryParse(rel, out var key, out _)) continue;
            var fi = new FileInfo(Path.Combine(_root, rel));
            if (fi.Exists) yield return new BlobInfo(key, fi.Length, fi.LastWriteTimeUtc);
        }
        await Task.CompletedTask;
    }

    public string? TryGetLocalPath(BlobKey key)
    {
        var p = PathOf(key);
        return File.Exists(p) ? p : null;
    }

    private void SweepStaleTemporaries()
    {
        // Another process (an ingest beside the server) may be writing now: only old files are leftovers.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_root, TempFolder)))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > StaleAfter) TryDelete(file);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
