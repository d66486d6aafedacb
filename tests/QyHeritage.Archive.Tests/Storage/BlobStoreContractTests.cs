using System.Security.Cryptography;
using System.Text;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Storage;

/// <summary>
/// The <see cref="IBlobStore"/> contract, the same tests for every implementation: each derived
/// class supplies a fresh, empty store (the file system, an S3 bucket on s3rver, one on Ceph RGW).
/// Skippable: the Ceph RGW run is skipped, loudly, where its binaries are missing.
/// </summary>
public abstract class BlobStoreContractTests
{
    /// <summary>A new empty store for one test.</summary>
    protected abstract IBlobStore NewStore();

    private static async Task<List<string>> ListAsync(IBlobStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (var info in store.ListAsync(prefix)) keys.Add(info.Key.Value);
        return keys;
    }

    [SkippableFact]
    public async Task Writes_reads_stats_lists_and_deletes()
    {
        var store = NewStore();
        var a = BlobKey.Parse("x/a.txt");
        var b = BlobKey.Parse("x/y/b.txt");
        await store.WriteTextAsync(a, "甲");
        await store.WriteTextAsync(b, "乙乙");
        Assert.Equal("甲", await store.ReadTextAsync(a));
        var stat = await store.StatAsync(b);
        Assert.NotNull(stat);
        Assert.Equal(6, stat.Length);
        Assert.InRange(stat.LastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.True(await store.ExistsAsync(a));
        Assert.Equal(["x/a.txt", "x/y/b.txt"], await ListAsync(store, "x/"));
        await store.DeleteAsync(b);
        Assert.False(await store.ExistsAsync(b));
        Assert.Null(await store.StatAsync(b));
        Assert.Equal(["x/a.txt"], await ListAsync(store, ""));
    }

    [SkippableFact]
    public async Task A_missing_blob_is_absent_everywhere_and_deleting_it_is_not_an_error()
    {
        var store = NewStore();
        var key = BlobKey.Parse("ocfl/QY-RB-404/inventory.json");
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.OpenReadAsync(key));
        Assert.Null(await store.StatAsync(key));
        Assert.False(await store.ExistsAsync(key));
        await store.DeleteAsync(key);
        Assert.Empty(await ListAsync(store, ""));
    }

    [SkippableFact]
    public async Task A_write_replaces_the_whole_blob()
    {
        var store = NewStore();
        var key = BlobKey.Parse("item/metadata.json");
        await store.WriteTextAsync(key, "a much longer first version");
        await store.WriteTextAsync(key, "short");
        Assert.Equal("short", await store.ReadTextAsync(key));
        Assert.Equal(5, (await store.StatAsync(key))!.Length);
    }

    [SkippableFact]
    public async Task A_failed_write_leaves_the_old_bytes_and_nothing_else_visible()
    {
        var store = NewStore();
        var key = BlobKey.Parse("item/metadata.json");
        await store.WriteTextAsync(key, "old");
        await Assert.ThrowsAnyAsync<IOException>(() => store.WriteAsync(key, new FailingStream(1000)));
        await Assert.ThrowsAnyAsync<IOException>(() => store.WriteAsync(BlobKey.Parse("item/new.tif"), new FailingStream(100_000)));
        Assert.Equal("old", await store.ReadTextAsync(key));
        Assert.Equal(["item/metadata.json"], await ListAsync(store, ""));
    }

    [SkippableFact]
    public async Task Listing_is_by_plain_key_prefix_in_ordinal_order()
    {
        var store = NewStore();
        foreach (var k in new[] { "ocfl/B/z", "ocfl/A/v1/content/master/p002.tif", "ocfl/A/inventory.json", "ocfl/AB/x", "ocfl-other/x", "derivatives/A/p001.tif" })
            await store.WriteTextAsync(BlobKey.Parse(k), k);
        Assert.Equal(["ocfl/A/inventory.json", "ocfl/A/v1/content/master/p002.tif"], await ListAsync(store, "ocfl/A/"));
        Assert.Equal(["ocfl/A/inventory.json", "ocfl/A/v1/content/master/p002.tif", "ocfl/AB/x"], await ListAsync(store, "ocfl/A"));
        Assert.Equal(["ocfl/A/inventory.json", "ocfl/A/v1/content/master/p002.tif", "ocfl/AB/x", "ocfl/B/z"], await ListAsync(store, "ocfl/"));
        Assert.Equal(6, (await ListAsync(store, "")).Count);
        Assert.Empty(await ListAsync(store, "nothing/"));
        var all = await ListAsync(store, "");
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
    }

    [SkippableFact]
    public async Task Empty_blobs_and_chinese_keys_round_trip()
    {
        var store = NewStore();
        var empty = BlobKey.Parse("ocfl/QY-RB-001/v1/content/text/空.txt");
        var cjk = BlobKey.Parse("ocfl/QY-RB-001/v1/content/master/廣東 通志 (卷一).jpg");
        await store.WriteBytesAsync(empty, Array.Empty<byte>());
        await store.WriteTextAsync(cjk, "清遠縣志");
        Assert.Empty(await store.ReadBytesAsync(empty));
        Assert.Equal(0, (await store.StatAsync(empty))!.Length);
        Assert.Equal("清遠縣志", await store.ReadTextAsync(cjk));
        Assert.Equal([cjk.Value, empty.Value], await ListAsync(store, "ocfl/QY-RB-001/v1/content/"));
    }

    [SkippableFact]
    public async Task A_large_blob_round_trips_byte_for_byte()
    {
        // Over 16 MiB: on S3 it is spooled to a file and the SDK sends it in two parts.
        var store = NewStore();
        var bytes = new byte[17 * 1024 * 1024 + 12345];
        new Random(5).NextBytes(bytes);
        var key = BlobKey.Parse("ocfl/QY-RB-001/v1/content/master/p001.tif");
        await store.WriteAsync(key, new MemoryStream(bytes));
        Assert.Equal(bytes.Length, (await store.StatAsync(key))!.Length);
        await using var s = await store.OpenReadAsync(key);
        Assert.Equal(SHA512.HashData(bytes), await SHA512.HashDataAsync(s));
    }

    [SkippableFact]
    public async Task Listing_with_a_traversal_prefix_is_refused()
    {
        var store = NewStore();
        await Assert.ThrowsAsync<InvalidBlobKeyException>(async () =>
        {
            await foreach (var _ in store.ListAsync("../")) { }
        });
    }

    [SkippableFact]
    public async Task A_create_only_write_keeps_what_is_there()
    {
        var store = NewStore();
        var key = BlobKey.Parse("ocfl/QY-RB-001/v2/inventory.json");
        Assert.True(await store.WriteIfAbsentAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("first"))));
        Assert.False(await store.WriteIfAbsentAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("second"))));
        Assert.Equal("first", await store.ReadTextAsync(key));
        Assert.Equal([key.Value], await ListAsync(store, ""));
    }

    [SkippableFact]
    public async Task Concurrent_writes_of_different_keys_all_land()
    {
        var store = NewStore();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => store.WriteTextAsync(BlobKey.Parse($"p/{i:D2}"), new string('页', i + 1))));
        var keys = await ListAsync(store, "p/");
        Assert.Equal(16, keys.Count);
        Assert.Equal(new string('页', 10), await store.ReadTextAsync(BlobKey.Parse("p/09")));
    }

    /// <summary>A stream that breaks after some bytes, as a dropped upload would.</summary>
    internal sealed class FailingStream(int failAfter) : Stream
    {
        private int _read;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_read >= failAfter) throw new IOException("connection reset");
            var n = Math.Min(count, failAfter - _read);
            Array.Fill(buffer, (byte)'x', offset, n);
            _read += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>The contract on the file-system store.</summary>
public sealed class FileSystemBlobStoreContractTests : BlobStoreContractTests
{
    protected override IBlobStore NewStore() => new FileSystemBlobStore(TestPaths.NewTempFolder("blobstore"));
}

/// <summary>The contract on the S3 store against Ceph's RADOS Gateway on loopback: a real S3 server.</summary>
[Collection(CephRgwCollection.Name)]
public sealed class CephRgwBlobStoreContractTests(CephRgwFixture rgw) : BlobStoreContractTests, IDisposable
{
    private readonly S3StoreLeases _stores = new(() => rgw.NewStore());

    protected override IBlobStore NewStore() => _stores.New();

    public void Dispose() => _stores.Dispose();
}

/// <summary>The contract on the S3 store against a real s3rver on loopback.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3BlobStoreContractTests(S3rverFixture s3) : BlobStoreContractTests, IDisposable
{
    private readonly S3StoreLeases _stores = new(s3);

    protected override IBlobStore NewStore() => _stores.New();

    public void Dispose() => _stores.Dispose();
}
