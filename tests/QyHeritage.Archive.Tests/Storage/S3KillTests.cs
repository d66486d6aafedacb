using System.Diagnostics;
using System.Runtime.CompilerServices;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;
using QyHeritage.Archive.Tests.Ocfl;

namespace QyHeritage.Archive.Tests.Storage;

/// <summary>
/// The kill-and-recover test on S3: a real process commits versions to a bucket on s3rver and is
/// killed (SIGKILL) at different moments; every time, the object is at its last published version or
/// complete at the next, recovery leaves nothing of the interrupted version visible, and the object
/// is valid; then the ingest goes on.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class S3KillTests(S3rverFixture s3)
{
    private const string Id = KillChild.Id;

    [Fact]
    public Task A_killed_commit_to_s3_leaves_the_last_version_intact_and_nothing_half_visible() =>
        KillAndRecoverAsync(s3.NewBucketOptions(), o => s3.NewStore(options: o));

    /// <summary>Commits killed at several moments, then recovery, against the bucket of <paramref name="options"/>.</summary>
    internal static async Task KillAndRecoverAsync(S3Options options, Func<S3Options, S3BlobStore> newStore)
    {
        using var store = newStore(options);
        foreach (var delayMs in new[] { 100, 350, 30, 700 })
        {
            var before = (await new OcflRepository(store).GetHeadAsync(Id))?.Version ?? 0;
            var lastReported = await RunChildAndKillAsync(options, delayMs);

            var head = await KillChild.AssertIntactAfterKillAsync(store, before, lastReported);

            var repo = new OcflRepository(store);
            await repo.RecoverAsync(Id);
            var leftovers = new List<string>();
            await foreach (var b in store.ListAsync($"ocfl/{Id}/v{head + 1}/")) leftovers.Add(b.Key.Value);
            Assert.Empty(leftovers);
            if (head > 0) await OcflTestData.AssertValidAsync(store, repo, Id);
        }

        await KillChild.AssertResumesAsync(store);
    }

    private static Task<int> RunChildAndKillAsync(S3Options options, int delayMs) =>
        KilledChild.RunAndKillAsync(S3KillChild.EnvVar, $"{options.Endpoint}|{options.Bucket}|{options.AccessKey}|{options.SecretKey}", delayMs);
}

/// <summary>The same kill-and-recover test against Ceph RGW, a real S3 server (skipped, loudly, where it cannot start).</summary>
[Collection(CephRgwCollection.Name)]
public sealed class CephRgwKillTests(CephRgwFixture rgw)
{
    [SkippableFact]
    public Task A_killed_commit_to_ceph_rgw_leaves_the_last_version_intact_and_nothing_half_visible() =>
        S3KillTests.KillAndRecoverAsync(rgw.NewBucketOptions(), o => rgw.NewStore(options: o));
}

/// <summary>The child side of <see cref="S3KillTests"/>: with <see cref="EnvVar"/> set to "endpoint|bucket|access key|secret", commits version after version until killed.</summary>
internal static class S3KillChild
{
    public const string EnvVar = "QY_S3_KILL_CHILD";

#pragma warning disable CA2255 // A test-only hook; it does nothing unless the variable is set.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RunIfChild()
    {
        var target = Environment.GetEnvironmentVariable(EnvVar);
        if (string.IsNullOrEmpty(target)) return;
        var parts = target.Split('|');
        var options = new S3Options { Endpoint = parts[0], Bucket = parts[1], AccessKey = parts[2], SecretKey = parts[3], UseTls = false };
        using var store = new S3BlobStore(options, Path.Combine(Path.GetTempPath(), "qy-tests", "s3-kill-spool"));
        var repo = new OcflRepository(store);
        for (var i = 0; i < 500; i++)
        {
            var next = (repo.GetHeadAsync(KillChild.Id).GetAwaiter().GetResult()?.Version ?? 0) + 1;
            repo.CommitAsync(KillChild.Id, KillChild.StateOf(next), OcflTestData.Info($"v{next}")).GetAwaiter().GetResult();
            Console.Out.WriteLine($"committed {next}");
            Console.Out.Flush();
        }
        Environment.Exit(0);
    }
}
