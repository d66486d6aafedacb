using System.Text;
using QyHeritage.Archive.Fixity;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;
using QyHeritage.Archive.Tests.Storage;

namespace QyHeritage.Archive.Tests.Fixity;

/// <summary>Bytes that rot in storage are refused when read, naming the item and page, never served as if sound.</summary>
[Collection(S3rverCollection.Name)]
public sealed class CorruptionOnReadTests(S3rverFixture s3) : IDisposable
{
    private const string Id = "QY-RB-001";
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
    }

    private static OcflVersionInfo Info => new("ingest", "Ingest robot", null, DateTimeOffset.UtcNow);

    private static async Task<OcflRepository> CommitAsync(IBlobStore store)
    {
        var repo = new OcflRepository(store);
        await repo.CommitAsync(Id, [
            OcflContent.FromBytes("metadata.json", Encoding.UTF8.GetBytes("{}")),
            OcflContent.FromBytes("master/p001.tif", Enumerable.Repeat((byte)1, 30_000).ToArray()),
            OcflContent.FromBytes("master/p002.tif", Enumerable.Repeat((byte)2, 30_000).ToArray()),
        ], Info);
        return repo;
    }

    private static void Rot(string file)
    {
        using var fs = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        fs.Position = 12_345;
        var b = fs.ReadByte();
        fs.Position = 12_345;
        fs.WriteByte((byte)(b ^ 0x10));
    }

    private static async Task DrainAsync(Stream s)
    {
        await using (s) await s.CopyToAsync(Stream.Null);
    }

    [Fact]
    public async Task A_rotted_master_on_the_file_system_is_refused_with_item_and_page()
    {
        var store = new FileSystemBlobStore(TestPaths.NewTempFolder("rot-fs"));
        var repo = await CommitAsync(store);
        Rot(Path.Combine(store.Root, "ocfl", Id, "v1", "content", "master", "p002.tif"));

        await DrainAsync(await repo.OpenVerifiedFileAsync(Id, "master/p001.tif"));
        var e = await Assert.ThrowsAsync<ContentCorruptedException>(async () => await DrainAsync(await repo.OpenVerifiedFileAsync(Id, "master/p002.tif")));
        Assert.Equal((Id, "p002"), (e.Item, e.Page));
        Assert.Contains("QY-RB-001 p002", e.Message);
    }

    [Fact]
    public async Task Bytes_rotted_on_the_s3_server_are_refused_on_read_never_cached_and_reported_by_the_audit()
    {
        var options = s3.NewBucketOptions();
        options.DerivativeCacheMB = 10;
        var store = new S3BlobStore(options, TestPaths.NewTempFolder("s3-spool"), cacheFolder: TestPaths.NewTempFolder("s3-cache"));
        _owned.Add(store);
        var repo = await CommitAsync(store);
        var pyramid = ArchiveKeys.Pyramid(Id, "p002");
        await store.WriteBytesAsync(pyramid, Enumerable.Repeat((byte)9, 20_000).ToArray());
        var master = BlobKey.Parse($"ocfl/{Id}/v1/content/master/p002.tif");
        Rot(s3.ObjectFile(options.Bucket, master));
        Rot(s3.ObjectFile(options.Bucket, pyramid));

        // Any full read through the store: the SHA-512 recorded at write time no longer matches.
        var e = await Assert.ThrowsAsync<BlobCorruptedException>(() => store.ReadBytesAsync(master));
        Assert.Contains($"ocfl/{Id}/v1/content/master/p002.tif", e.Message);
        await Assert.ThrowsAnyAsync<IOException>(async () => await DrainAsync(await repo.OpenVerifiedFileAsync(Id, "master/p002.tif")));
        await DrainAsync(await repo.OpenVerifiedFileAsync(Id, "master/p001.tif"));

        // The derivative is refused by the cache and nothing is left there for libvips to open.
        await Assert.ThrowsAsync<BlobCorruptedException>(() => store.DerivativeCache!.GetLocalPathAsync(pyramid));
        Assert.Equal(0, store.DerivativeCache!.Downloads);
        Assert.Null(store.TryGetLocalPath(pyramid));

        // The audit reports both as findings instead: the master against its inventory, the
        // derivative against the digest recorded when it was written.
        var report = await new FixityAuditor(store).RunAsync(new AuditOptions());
        Assert.Equal(1, report.DerivativesChecked);
        Assert.Equal(
            [(AuditFindingKind.Corrupted, Id, "p002", $"v1/content/master/p002.tif"), (AuditFindingKind.Corrupted, Id, "p002", pyramid.Value)],
            report.Findings.Select(f => (f.Kind, f.Item, f.Page, f.ContentPath!)));
        Assert.Contains("Rebuild it from the master", report.Findings[1].Message);
        Assert.DoesNotContain((await new FixityAuditor(store).RunAsync(new AuditOptions { Derivatives = false })).Findings, f => f.Code == "QY-DERIVATIVE");
    }
}
