using QyHeritage.Archive;
using QyHeritage.Archive.Storage;
using QyHeritage.Archive.Tests;
using QyHeritage.Archive.Tests.Storage;
using Xunit.Abstractions;

namespace QyHeritage.Web.Tests.Crash;

/// <summary>
/// The ingest kill-and-recover test with the blobs in a bucket on Ceph RGW, a real S3 server
/// (skipped, loudly, where it cannot start).
/// </summary>
[Collection(CephRgwCollection.Name)]
public sealed class CephRgwIngestKillTests(CephRgwFixture rgw, ITestOutputHelper output)
{
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
        return new IngestKillTests.Target(data, storeArgs, options);
    }
}
