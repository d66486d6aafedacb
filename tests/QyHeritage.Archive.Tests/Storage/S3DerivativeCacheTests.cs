using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Storage;

/// <summary>The local disk cache of pyramids in front of the S3 store: one download per blob, bounded, LRU, fresh.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3DerivativeCacheTests(S3rverFixture s3) : IDisposable
{
    private readonly S3BlobStore _store = s3.NewStore();
    private readonly string _folder = TestPaths.NewTempFolder("s3-cache");

    public void Dispose() => _store.Dispose();

    private static BlobKey Pyramid(int page) => ArchiveKeys.Pyramid("QY-RB-001", $"p{page:D3}");

    private async Task PutAsync(int page, int length, byte fill) => await _store.WriteBytesAsync(Pyramid(page), Enumerable.Repeat(fill, length).ToArray());

    [Fact]
    public async Task A_pyramid_is_downloaded_once_however_often_and_however_concurrently_it_is_asked_for()
    {
        await PutAsync(1, 50_000, 7);
        var cache = new S3DerivativeCache(_store, _folder, 10_000_000);
        var paths = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cache.GetLocalPathAsync(Pyramid(1))));
        Assert.Single(paths.Distinct());
        Assert.Equal(await _store.ReadBytesAsync(Pyramid(1)), await File.ReadAllBytesAsync(paths[0]));
        for (var i = 0; i < 5; i++) await cache.GetLocalPathAsync(Pyramid(1));
        Assert.Equal(1, cache.Downloads);
        Assert.Equal(paths[0], cache.TryGetFresh(Pyramid(1)));
        Assert.Null(cache.TryGetFresh(Pyramid(2)));
    }

    [Fact]
    public async Task The_cache_stays_under_its_size_and_drops_the_least_recently_used()
    {
        for (var p = 1; p <= 4; p++) await PutAsync(p, 100_000, (byte)p);
        var cache = new S3DerivativeCache(_store, _folder, 250_000);
        var first = await cache.GetLocalPathAsync(Pyramid(1));
        await cache.GetLocalPathAsync(Pyramid(2));
        await cache.GetLocalPathAsync(Pyramid(1)); // p001 is now more recent than p002
        await cache.GetLocalPathAsync(Pyramid(3)); // over the limit: p002 goes
        Assert.True(cache.Bytes <= 250_000, $"{cache.Bytes} bytes");
        Assert.True(File.Exists(first));
        Assert.Null(cache.TryGetFresh(Pyramid(2)));
        Assert.Equal(2, Directory.GetFiles(_folder).Length);
        await cache.GetLocalPathAsync(Pyramid(2));
        Assert.Equal(4, cache.Downloads);
    }

    [Fact]
    public async Task A_pyramid_rebuilt_elsewhere_is_fetched_again_and_a_restart_reuses_the_files()
    {
        await PutAsync(1, 10_000, 1);
        var cache = new S3DerivativeCache(_store, _folder, 10_000_000) { RevalidateAfter = TimeSpan.Zero };
        await cache.GetLocalPathAsync(Pyramid(1));
        // Another node rebuilds the pyramid (its own store object, so this cache is not told).
        using (var other = s3.NewStore(options: OptionsOf(_store))) await other.WriteBytesAsync(Pyramid(1), Enumerable.Repeat((byte)2, 12_000).ToArray());
        var path = await cache.GetLocalPathAsync(Pyramid(1));
        Assert.Equal(12_000, new FileInfo(path).Length);
        Assert.Equal(2, cache.Downloads);

        var restarted = new S3DerivativeCache(_store, _folder, 10_000_000);
        Assert.Equal(path, await restarted.GetLocalPathAsync(Pyramid(1)));
        Assert.Equal(0, restarted.Downloads);
        Assert.Equal(12_000, restarted.Bytes);
    }

    [Fact]
    public async Task The_store_serves_cached_paths_for_derivatives_only_and_forgets_what_it_rewrites()
    {
        var options = OptionsOf(_store);
        options.DerivativeCacheMB = 10;
        using var store = new S3BlobStore(options, TestPaths.NewTempFolder("s3-spool"), cacheFolder: _folder);
        await store.WriteBytesAsync(Pyramid(1), new byte[] { 1, 2, 3 });
        await store.WriteTextAsync(BlobKey.Parse("ocfl/QY-RB-001/inventory.json"), "{}");
        Assert.Null(store.TryGetLocalPath(Pyramid(1)));
        var path = await store.GetLocalPathAsync(Pyramid(1));
        Assert.NotNull(path);
        Assert.Equal(path, store.TryGetLocalPath(Pyramid(1)));
        Assert.Null(await store.GetLocalPathAsync(BlobKey.Parse("ocfl/QY-RB-001/inventory.json")));
        await store.WriteBytesAsync(Pyramid(1), new byte[] { 4, 5 });
        Assert.Null(store.TryGetLocalPath(Pyramid(1)));
        Assert.Equal(new byte[] { 4, 5 }, await File.ReadAllBytesAsync((await store.GetLocalPathAsync(Pyramid(1)))!));
    }

    private S3Options OptionsOf(S3BlobStore store)
    {
        var o = s3.NewBucketOptions();
        o.Bucket = store.Bucket;
        return o;
    }
}
