using System.Text;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;
using static QyHeritage.Archive.Tests.Ocfl.OcflTestData;

namespace QyHeritage.Archive.Tests.Ocfl;

/// <summary>
/// A crash at every write of a commit: the previous version keeps reading with the same bytes,
/// recovery (explicit, or by the next commit) leaves an object our validator accepts, and running
/// the commit again completes it.
/// </summary>
public sealed class OcflCrashTests : IDisposable
{
    private const string Id = "QY-RB-007";
    private readonly string _folder = TestPaths.NewTempFolder("ocfl-crash");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly (string Path, string Text)[] V1 =
    [
        ("metadata.json", "{\"title\":\"清远县志 卷一\"}"),
        ("master/p001.tif", "page 1 scan"),
        ("master/p002.tif", "page 2 scan"),
        ("ocr/p001.hocr", "光緒十五年"),
    ];

    /// <summary>Changes a file, deletes one, adds one, and adds a second path for bytes already stored.</summary>
    private static readonly (string Path, string Text)[] V2 =
    [
        ("metadata.json", "{\"title\":\"清远县志 卷一\",\"rev\":2}"),
        ("master/p001.tif", "page 1 scan"),
        ("ocr/p001.hocr", "光緒十五年（1889）"),
        ("ocr/p002.hocr", "民國二十年"),
        ("copies/p001.tif", "page 1 scan"),
    ];

    public static TheoryData<bool, bool> Cases() => new()
    {
        { false, true }, { false, false }, // first commit of a new object; explicit recovery / by the next commit
        { true, true }, { true, false },   // second commit on top of v1
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_crash_at_any_write_leaves_the_previous_version_and_recovers(bool hasPreviousVersion, bool explicitRecovery)
    {
        // A dry run counts the commit's writes and finds the root inventory write (the commit point).
        var dry = await PrepareAsync("dry", hasPreviousVersion);
        var counter = new CrashingBlobStore(dry);
        await new OcflRepository(counter).CommitAsync(Id, State(V2), Info("v2"));
        var total = counter.Written.Count;
        var commitPoint = counter.Written.IndexOf($"ocfl/{Id}/inventory.json");
        // Content and the version inventory come first; the root inventory and its sidecar are the last two writes.
        Assert.True(commitPoint == total - 2 && counter.Written[^1] == $"ocfl/{Id}/inventory.json.sha512", string.Join(", ", counter.Written));

        for (var n = 0; n <= total; n++)
        {
            var store = await PrepareAsync($"n{n}", hasPreviousVersion);
            var crashing = new CrashingBlobStore(store, allowedWrites: n);
            var crashed = false;
            try { await new OcflRepository(crashing).CommitAsync(Id, State(V2), Info("v2")); }
            catch (SimulatedCrashException) { crashed = true; }
            Assert.Equal(n < total, crashed);

            // Before any recovery, a fresh reader (a restarted process) sees the last published version.
            var reader = new OcflRepository(store);
            var published = n > commitPoint;
            var head = await reader.GetHeadAsync(Id);
            if (published) await AssertStateAsync(reader, version: null, V2, $"n={n}");
            else if (hasPreviousVersion) Assert.Equal(1, head?.Version);
            else Assert.Null(head);
            if (hasPreviousVersion) await AssertStateAsync(reader, version: 1, V1, $"n={n}");
            Assert.Equal(head is not null, (await reader.ListObjectIdsAsync().ToListAsync()).Contains(Id));

            // Recovery, then the ingest runs the same commit again.
            var repo = new OcflRepository(store);
            if (explicitRecovery)
            {
                await repo.RecoverAsync(Id);
                if (head is null) Assert.Empty(await KeysAsync(store, repo.ObjectRoot(Id)));
                else await AssertValidAsync(store, repo, Id);
            }
            var result = await repo.CommitAsync(Id, State(V2), Info("v2"));
            Assert.Equal(!published, result.Changed);
            var expectedVersion = hasPreviousVersion ? 2 : 1;
            Assert.Equal(expectedVersion, result.Version);
            await AssertStateAsync(repo, version: null, V2, $"n={n} after re-run");
            if (hasPreviousVersion) await AssertStateAsync(repo, version: 1, V1, $"n={n} after re-run");
            await AssertValidAsync(store, repo, Id);
            // Nothing of the interrupted attempt is left over.
            Assert.DoesNotContain(await KeysAsync(store, repo.ObjectRoot(Id)), k => k.StartsWith($"v{expectedVersion + 1}/"));
        }
    }

    [Fact]
    public async Task Recovery_refuses_to_delete_what_no_crash_of_ours_could_leave()
    {
        var store = new FileSystemBlobStore(Path.Combine(_folder, "foreign"));
        // No root inventory, but a v2: not a first commit that stopped early.
        await store.WriteTextAsync(BlobKey.Parse($"ocfl/{Id}/v2/content/a.txt"), "A");
        var repo = new OcflRepository(store);

        await Assert.ThrowsAsync<OcflCorruptObjectException>(() => repo.RecoverAsync(Id));
        Assert.True(await store.ExistsAsync(BlobKey.Parse($"ocfl/{Id}/v2/content/a.txt")));
    }

    [Fact]
    public async Task A_root_inventory_that_no_sidecar_vouches_for_is_refused()
    {
        var store = await PrepareAsync("sidecar", hasPreviousVersion: true);
        // A lagging root sidecar alone is what a crash leaves (and is repaired); both wrong is not.
        await store.WriteTextAsync(BlobKey.Parse($"ocfl/{Id}/inventory.json.sha512"), new string('0', 128) + " inventory.json\n");
        await store.WriteTextAsync(BlobKey.Parse($"ocfl/{Id}/v1/inventory.json.sha512"), new string('1', 128) + " inventory.json\n");
        var repo = new OcflRepository(store);

        await Assert.ThrowsAsync<OcflCorruptObjectException>(() => repo.CommitAsync(Id, State(V2), Info()));
        // Readers trust the root inventory alone, so the object still reads.
        await AssertStateAsync(repo, version: 1, V1, "sidecar");
    }

    private async Task<FileSystemBlobStore> PrepareAsync(string name, bool hasPreviousVersion)
    {
        var store = new FileSystemBlobStore(Path.Combine(_folder, name));
        if (hasPreviousVersion) await new OcflRepository(store).CommitAsync(Id, State(V1), Info("v1"));
        return store;
    }

    private static async Task AssertStateAsync(OcflRepository repo, int? version, (string Path, string Text)[] expected, string because)
    {
        var state = await repo.GetVersionAsync(Id, version);
        Assert.True(state is not null, because);
        Assert.Equal(expected.Select(e => e.Path).Order(StringComparer.Ordinal), state.Files.Keys);
        foreach (var (path, text) in expected)
        {
            await using var s = await repo.OpenFileAsync(Id, path, version);
            using var ms = new MemoryStream();
            await s.CopyToAsync(ms);
            Assert.True(Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(ms.ToArray()), $"{because}: {path} of {version?.ToString() ?? "head"}");
        }
    }
}
