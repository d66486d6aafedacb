using System.Diagnostics;
using System.Text;
using QyHeritage.Archive.Fixity;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;
using QyHeritage.Archive.Tests.Storage;

namespace QyHeritage.Archive.Tests.Fixity;

/// <summary>The audit on each store: a clean archive passes; a flipped byte, a deleted file and an added file are each named with item and page.</summary>
public abstract class FixityAuditorTests
{
    protected abstract IBlobStore NewStore();

    private static OcflVersionInfo Info => new("ingest", "Ingest robot", "mailto:archive@qylib.example", new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Two items of two pages each, as the ingest lays them out.</summary>
    private static async Task<IBlobStore> ArchiveAsync(IBlobStore store)
    {
        var repo = new OcflRepository(store);
        foreach (var id in new[] { "QY-RB-001", "QY-RB-002" })
        {
            var state = new List<OcflContent>
            {
                OcflContent.FromBytes("metadata.json", Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"title\":\"清远县志\"}}")),
                OcflContent.FromBytes("master/p001.tif", Enumerable.Repeat((byte)1, 40_000).Append((byte)id[^1]).ToArray()),
                OcflContent.FromBytes("master/p002.tif", Enumerable.Repeat((byte)2, 40_000).Append((byte)id[^1]).ToArray()),
                OcflContent.FromBytes("ocr/p001.hocr", Encoding.UTF8.GetBytes("<html>清遠</html>" + id)),
            };
            await repo.CommitAsync(id, state, Info);
        }
        return store;
    }

    private static BlobKey Key(string s) => BlobKey.Parse(s);

    [Fact]
    public async Task A_sound_archive_passes_and_every_byte_is_read()
    {
        var store = await ArchiveAsync(NewStore());
        var progress = new List<AuditProgress>();
        var report = await new FixityAuditor(store).RunAsync(new AuditOptions(), new SyncProgress(progress));
        Assert.True(report.Ok, AuditReportFormat.ToSummary(report));
        Assert.Equal(["QY-RB-001", "QY-RB-002"], report.Objects.Select(o => o.Item));
        Assert.True(report.BytesVerified > 160_000);
        Assert.Equal(2, progress[^1].ObjectsDone);
        Assert.Equal(2, progress[^1].ObjectsTotal);
        Assert.Contains("Audit passed: 2 objects", AuditReportFormat.ToSummary(report));
    }

    [Fact]
    public async Task A_flipped_byte_a_deleted_file_and_an_added_file_are_named_with_item_and_page()
    {
        var store = await ArchiveAsync(NewStore());
        var corrupt = Key("ocfl/QY-RB-001/v1/content/master/p002.tif");
        var bytes = await store.ReadBytesAsync(corrupt);
        bytes[1234] ^= 0x01;
        await store.WriteBytesAsync(corrupt, bytes);
        await store.DeleteAsync(Key("ocfl/QY-RB-002/v1/content/master/p001.tif"));
        await store.WriteTextAsync(Key("ocfl/QY-RB-002/v1/content/master/p009.tif"), "not in any inventory");

        var report = await new FixityAuditor(store).RunAsync(new AuditOptions());

        Assert.False(report.Ok);
        var corrupted = Assert.Single(report.Findings, f => f.Kind == AuditFindingKind.Corrupted);
        Assert.Equal(("QY-RB-001", "p002", "v1/content/master/p002.tif", "master/p002.tif"), (corrupted.Item, corrupted.Page, corrupted.ContentPath, corrupted.LogicalPath));
        var missing = Assert.Single(report.Findings, f => f.Kind == AuditFindingKind.Missing);
        Assert.Equal(("QY-RB-002", "p001", "v1/content/master/p001.tif"), (missing.Item, missing.Page, missing.ContentPath));
        var extra = Assert.Single(report.Findings, f => f.Kind == AuditFindingKind.Extra);
        Assert.Equal(("QY-RB-002", "p009", "v1/content/master/p009.tif"), (extra.Item, extra.Page, extra.ContentPath));
        Assert.DoesNotContain(report.Findings, f => f.Kind == AuditFindingKind.Object);
        Assert.Equal([1, 2], report.Objects.Select(o => o.Errors));

        var json = AuditReportFormat.ToJson(report);
        Assert.Equal(new AuditReportSummary(false, 1, 1, 1, 0), AuditReportFormat.ReadCounts(json));
        Assert.Contains("\"item\": \"QY-RB-001\"", json);
        Assert.Contains("\"page\": \"p002\"", json);
        var summary = AuditReportFormat.ToSummary(report);
        Assert.Contains("corrupted QY-RB-001 p002 v1/content/master/p002.tif", summary);
        Assert.Contains("missing   QY-RB-002 p001 v1/content/master/p001.tif", summary);
        Assert.Contains("extra     QY-RB-002 p009 v1/content/master/p009.tif", summary);
    }

    [Fact]
    public async Task A_broken_inventory_is_an_object_error_and_only_the_named_items_are_audited()
    {
        var store = await ArchiveAsync(NewStore());
        await store.WriteTextAsync(Key("ocfl/QY-RB-002/inventory.json"), "{ not json");
        var report = await new FixityAuditor(store).RunAsync(new AuditOptions { Items = ["QY-RB-002", "QY-RB-404"] });
        Assert.Equal(["QY-RB-002"], report.Objects.Select(o => o.Item));
        Assert.Contains(report.Findings, f => f is { Kind: AuditFindingKind.Object, Item: "QY-RB-002" });
        Assert.Contains(report.Findings, f => f is { Kind: AuditFindingKind.Object, Item: "QY-RB-404" });
    }

    [Fact]
    public async Task The_rate_limit_holds_reading_back()
    {
        var store = await ArchiveAsync(NewStore());
        var sw = Stopwatch.StartNew();
        var report = await new FixityAuditor(store).RunAsync(new AuditOptions { RateLimitMBps = 0.5 });
        // About 170 kB at 0.5 MB/s: at least a quarter of a second.
        Assert.True(report.Ok);
        Assert.True(sw.Elapsed >= TimeSpan.FromSeconds(report.BytesVerified / 0.5e6 * 0.9), $"{sw.Elapsed} for {report.BytesVerified} bytes");
    }

    private sealed class SyncProgress(List<AuditProgress> seen) : IProgress<AuditProgress>
    {
        public void Report(AuditProgress value) { lock (seen) seen.Add(value); }
    }
}

public sealed class FileSystemFixityAuditorTests : FixityAuditorTests
{
    protected override IBlobStore NewStore() => new FileSystemBlobStore(TestPaths.NewTempFolder("audit"));
}

[Collection(S3rverCollection.Name)]
public sealed class S3FixityAuditorTests(S3rverFixture s3) : FixityAuditorTests, IDisposable
{
    private readonly S3StoreLeases _stores = new(s3);

    protected override IBlobStore NewStore() => _stores.New();

    public void Dispose() => _stores.Dispose();
}
