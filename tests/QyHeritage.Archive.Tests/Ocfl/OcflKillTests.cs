using System.Diagnostics;
using System.Runtime.CompilerServices;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;
using static QyHeritage.Archive.Tests.Ocfl.OcflTestData;

namespace QyHeritage.Archive.Tests.Ocfl;

/// <summary>
/// A real process, killed (SIGKILL, no finally blocks, no flushing) while it commits versions in a
/// loop; the next process finds the last published version intact, recovers and goes on.
/// </summary>
public sealed class OcflKillTests : IDisposable
{
    private const string Id = KillChild.Id;
    private readonly string _folder = TestPaths.NewTempFolder("ocfl-kill");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_killed_ingest_leaves_the_last_version_intact_and_the_next_one_resumes()
    {
        var store = new FileSystemBlobStore(_folder);
        // Kill after different amounts of work so the kill lands in different steps of a commit.
        foreach (var delayMs in new[] { 150, 400, 50, 900, 275 })
        {
            var before = (await new OcflRepository(store).GetHeadAsync(Id))?.Version ?? 0;
            var lastReported = await RunChildAndKillAsync(delayMs);

            var head = await KillChild.AssertIntactAfterKillAsync(store, before, lastReported);

            // A write killed midway leaves its temporary file in the store's .qytmp/, outside every object.
            var repo = new OcflRepository(store);
            await repo.RecoverAsync(Id);
            if (head > 0) await AssertValidAsync(store, repo, Id);
        }

        // The ingest resumes: the next version commits and the whole object is valid.
        await KillChild.AssertResumesAsync(store);
    }

    private Task<int> RunChildAndKillAsync(int delayMs) =>
        KilledChild.RunAndKillAsync(KillChild.EnvVar, _folder, delayMs);
}

/// <summary>
/// The child side of <see cref="OcflKillTests"/>: when the test assembly is started as a program
/// with <see cref="EnvVar"/> set, it commits version after version to that store until killed.
/// A module initializer is the one hook that runs before the generated empty Main of a test project.
/// </summary>
internal static class KillChild
{
    /// <summary>
    /// After a kill, before recovery: the head is the last version the child reported, or the one
    /// after when the kill came between the commit point and the report, and every version reads
    /// back with its expected digests. Returns the head.
    /// </summary>
    internal static async Task<int> AssertIntactAfterKillAsync(IBlobStore store, int before, int lastReported)
    {
        var reader = new OcflRepository(store);
        var head = (await reader.GetHeadAsync(Id))?.Version ?? 0;
        Assert.InRange(head, Math.Max(before, lastReported), Math.Max(before, lastReported) + 1);
        for (var v = 1; v <= head; v++)
            Assert.Equal(await ExpectedDigestsAsync(v), (await reader.GetVersionAsync(Id, v))!.Files);
        return head;
    }

    /// <summary>The interrupted work resumes: the next version commits and the whole object is valid.</summary>
    internal static async Task AssertResumesAsync(IBlobStore store)
    {
        var final = new OcflRepository(store);
        var next = ((await final.GetHeadAsync(Id))?.Version ?? 0) + 1;
        Assert.True((await final.CommitAsync(Id, StateOf(next), OcflTestData.Info($"v{next}"))).Changed);
        await OcflTestData.AssertValidAsync(store, final, Id);
        Assert.True(next > 1, "the child should have committed at least once in all those runs");
    }

    /// <summary>The digests version <paramref name="version"/> of the test object must have.</summary>
    internal static async Task<SortedDictionary<string, string>> ExpectedDigestsAsync(int version)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in StateOf(version))
        {
            await using var s = await c.Open(CancellationToken.None);
            map[c.LogicalPath] = await OcflDigest.ComputeAsync(s, OcflDigest.Sha512, CancellationToken.None);
        }
        return map;
    }

    public const string EnvVar = "QY_OCFL_KILL_CHILD";

    /// <summary>The object every kill child commits to.</summary>
    public const string Id = "QY-RB-042";

#pragma warning disable CA2255 // A test-only hook; it does nothing unless the variable is set.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RunIfChild()
    {
        var folder = Environment.GetEnvironmentVariable(EnvVar);
        if (string.IsNullOrEmpty(folder)) return;
        var repo = new OcflRepository(new FileSystemBlobStore(folder));
        for (var i = 0; i < 500; i++)
        {
            var next = (repo.GetHeadAsync(Id).GetAwaiter().GetResult()?.Version ?? 0) + 1;
            repo.CommitAsync(Id, StateOf(next), OcflTestData.Info($"v{next}")).GetAwaiter().GetResult();
            Console.Out.WriteLine($"committed {next}");
            Console.Out.Flush();
        }
        Environment.Exit(0);
    }

    /// <summary>Version <paramref name="v"/>'s state: a metadata file and pages of a few hundred KiB, some carried over from earlier versions.</summary>
    public static List<OcflContent> StateOf(int v)
    {
        var list = new List<OcflContent> { OcflContent.FromBytes("metadata.json", System.Text.Encoding.UTF8.GetBytes($"{{\"rev\":{v}}}")) };
        for (var page = 1; page <= 6; page++)
        {
            // Pages change every other version, so commits mix new content and dedup.
            var seed = page * 1000 + (v + page) / 2;
            list.Add(OcflContent.FromBytes($"master/p{page:000}.tif", Bytes(seed, 100_000 + page * 20_000)));
        }
        return list;
    }

    private static byte[] Bytes(int seed, int size)
    {
        var rng = new Random(seed);
        var b = new byte[size];
        rng.NextBytes(b);
        return b;
    }
}
