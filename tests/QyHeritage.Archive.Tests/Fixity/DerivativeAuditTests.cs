using QyHeritage.Archive.Fixity;
using QyHeritage.Archive.Imaging;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Fixity;

/// <summary>The audit checks pyramids on the file-system store against the digest recorded beside them.</summary>
public sealed class DerivativeAuditTests
{
    private static async Task StorePyramidAsync(IBlobStore store, string item, string page, byte fill)
    {
        var local = Path.Combine(TestPaths.NewTempFolder("pyramid"), "p.tif");
        await File.WriteAllBytesAsync(local, Enumerable.Repeat(fill, 50_000).ToArray());
        await StoredPyramids.WriteAsync(store, item, page, local, new string('a', 128));
    }

    [Fact]
    public async Task A_rotted_pyramid_on_the_file_system_is_reported_with_item_and_page_and_older_ones_without_a_digest_pass()
    {
        var store = new FileSystemBlobStore(TestPaths.NewTempFolder("audit-derivatives"));
        await StorePyramidAsync(store, "QY-RB-001", "p001", 1);
        await StorePyramidAsync(store, "QY-RB-001", "p002", 2);
        // Older data: a pyramid whose record predates the pyramid digest, and one with no record at all.
        await store.WriteBytesAsync(ArchiveKeys.Pyramid("QY-RB-002", "p001"), new byte[30_000]);
        await store.WriteTextAsync(ArchiveKeys.PyramidSource("QY-RB-002", "p001"), $"{{\"MasterSha512\":\"{new string('b', 128)}\"}}");
        await store.WriteBytesAsync(ArchiveKeys.Pyramid("QY-RB-002", "p002"), new byte[30_000]);

        var sound = await new FixityAuditor(store).RunAsync(new AuditOptions());
        Assert.True(sound.Ok, AuditReportFormat.ToSummary(sound));
        Assert.Equal(4, sound.DerivativesChecked);

        Bitrot.Flip(store.TryGetLocalPath(ArchiveKeys.Pyramid("QY-RB-001", "p002"))!);
        Bitrot.Flip(store.TryGetLocalPath(ArchiveKeys.Pyramid("QY-RB-002", "p001"))!); // no digest recorded: cannot be told

        var report = await new FixityAuditor(store).RunAsync(new AuditOptions());
        var finding = Assert.Single(report.Findings);
        Assert.Equal((AuditFindingKind.Corrupted, "QY-RB-001", "p002", "derivatives/QY-RB-001/p002.tif"), (finding.Kind, finding.Item, finding.Page, finding.ContentPath));
        Assert.Contains("Rebuild it from the master", finding.Message);
        Assert.Empty((await new FixityAuditor(store).RunAsync(new AuditOptions { Derivatives = false })).Findings);
    }
}
