using QyHeritage.Archive;
using QyHeritage.Archive.Storage;
using QyHeritage.Archive.Tests;
using QyHeritage.Archive.Tests.Storage;
using Xunit.Abstractions;

namespace QyHeritage.Web.Tests.Crash;

/// <summary>
/// The ingest kill-and-recover test with the blobs in a bucket on Ceph RGW, a real S3 server
/// (skipped, loudly, where it cannot start). RGW keeps its objects in RAM, so the kill moments watch a
/// local mirror of the bucket's keys (<see cref="BucketMirror"/>) instead of the server's files.
/// </summary>
[Collection(CephRgwCollection.Name)]
public sealed class CephRgwIngestKillTests(CephRgwFixture rgw, ITestOutputHelper output) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
    }

    [SkippableFact]
    public Task Ingest_to_ceph_rgw_killed_at_several_moments_recovers_on_restart_and_storage_catalog_and_index_agree()
    {
        rgw.SkipIfUnavailable();
        return new IngestKillTests(output).KillAndRecoverAsync(NewTarget);
    }

    private IngestKillTests.Target NewTarget()
    {
        var data = TestPaths.NewTempFolder("kill-ingest-rgw");
        var s3Options = rgw.NewBucketOptions();
        var options = new ArchiveOptions { DataFolder = data, OcrEnabled = false, Storage = StorageKind.S3, S3 = s3Options };
        string[] storeArgs =
        [
            "--Qy:Storage=S3", $"--Qy:S3:Endpoint={s3Options.Endpoint}", $"--Qy:S3:Bucket={s3Options.Bucket}",
            $"--Qy:S3:AccessKey={s3Options.AccessKey}", $"--Qy:S3:SecretKey={s3Options.SecretKey}", "--Qy:S3:UseTls=false",
        ];
        var mirror = new BucketMirror(rgw.NewStore(options: s3Options), TestPaths.NewTempFolder("rgw-mirror"));
        _owned.Add(mirror);
        return new IngestKillTests.Target(data, storeArgs, options, Path.Combine(mirror.Folder, "ocfl"), "");
    }

    /// <summary>
    /// Mirrors the keys under ocfl/ into a local folder, polling the bucket: an empty file per key, and
    /// the bytes of each root inventory (the kill moments read its head). Lags the bucket by one poll.
    /// </summary>
    private sealed class BucketMirror : IDisposable
    {
        private readonly S3BlobStore _store;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private readonly Dictionary<string, (DateTimeOffset, long)> _inventories = new(StringComparer.Ordinal);

        public BucketMirror(S3BlobStore store, string folder)
        {
            _store = store;
            Folder = folder;
            _loop = Task.Run(() => PollAsync(_stop.Token));
        }

        public string Folder { get; }

        private async Task PollAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    var keys = new HashSet<string>(StringComparer.Ordinal);
                    await foreach (var blob in _store.ListAsync("ocfl/", ct))
                    {
                        var key = blob.Key.Value;
                        keys.Add(key);
                        var path = Path.Combine(Folder, key);
                        var parts = key.Split('/');
                        var rootInventory = parts.Length == 3 && parts[2] == "inventory.json";
                        if (rootInventory && (!_inventories.TryGetValue(key, out var seen) || seen != (blob.LastModified, blob.Length) || !File.Exists(path)))
                        {
                            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                            var bytes = await _store.ReadBytesAsync(blob.Key, ct);
                            var temp = path + ".part";
                            await File.WriteAllBytesAsync(temp, bytes, ct);
                            File.Move(temp, path, overwrite: true);
                            _inventories[key] = (blob.LastModified, blob.Length);
                        }
                        else if (!rootInventory && !File.Exists(path))
                        {
                            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                            await File.WriteAllBytesAsync(path, [], ct);
                        }
                    }
                    foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).ToList())
                    {
                        var key = Path.GetRelativePath(Folder, file).Replace(Path.DirectorySeparatorChar, '/');
                        if (!keys.Contains(key)) File.Delete(file);
                    }
                }
                catch (Exception e) when (e is IOException or HttpRequestException && !ct.IsCancellationRequested)
                {
                    // The bucket changes under the poll (a key deleted between list and read): try again.
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                try { await Task.Delay(20, ct); } catch (OperationCanceledException) { return; }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            try { _loop.Wait(TimeSpan.FromSeconds(10)); } catch (AggregateException) { }
            _stop.Dispose();
            _store.Dispose();
        }
    }
}
