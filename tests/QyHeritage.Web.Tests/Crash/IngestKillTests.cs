using Xunit.Abstractions;
using QyHeritage.Archive.Tests;
using System.Text.Json;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Storage;
using QyHeritage.Archive.Tests.Storage;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Search.Api;
using QyHeritage.Search.Indexing;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Crash;

/// <summary>
/// Issue 5, crash safety: <c>qy ingest</c> as a real child process, SIGKILLed during content upload,
/// between content and inventory, after the commit point before the catalog knows it, and after the catalog
/// before the search index does, restarted each time; then storage, catalog and search index must agree.
/// The process stops itself at each of those steps (<see cref="CrashRehearsal"/>) so that the kill lands
/// there on a busy machine as on an idle one.
/// </summary>
public class IngestKillTests(ITestOutputHelper output)
{
    internal static readonly string[] Ids = ["QY-RB-001", "QY-RB-002", "QY-LH-003", "QY-NP-001", "QY-RD-002", "QY-LH-004"];

    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);

    [Fact]
    public Task Ingest_killed_at_several_moments_recovers_on_restart_and_storage_catalog_and_index_agree() =>
        KillAndRecoverAsync(() =>
        {
            var data = TestPaths.NewTempFolder("kill-ingest");
            return new Target(data, [], new ArchiveOptions { DataFolder = data, OcrEnabled = false });
        });

    /// <summary>Where the ingest writes: its data folder, and the extra qy arguments and options of its store.</summary>
    internal sealed record Target(string Data, string[] StoreArgs, ArchiveOptions Options);

    /// <summary>What the kills of one scenario reached: kills before the end in each phase, and the states they left.</summary>
    private sealed record Coverage(int FirstKills, int SecondKills, IReadOnlySet<string> Seen)
    {
        /// <summary>
        /// The kills landed where the issue asks: inside a commit (content of an unpublished version left behind) and
        /// after a commit point before the catalog caught up, in enough runs.
        /// </summary>
        public bool Enough => FirstKills >= 3 && SecondKills >= 2 && Seen.Contains("unpublished content") && Seen.Contains("catalog behind storage");

        public override string ToString() => $"{FirstKills} and {SecondKills} runs killed before they finished; the kills left: {string.Join(", ", Seen)}";
    }

    /// <summary>The scenario on a fresh target; every run's correctness is asserted, then that the kills covered what matters.</summary>
    internal async Task KillAndRecoverAsync(Func<Target> newTarget)
    {
        var coverage = await KillAndRecoverOnceAsync(newTarget());
        output.WriteLine(coverage.ToString());
        Assert.True(coverage.Enough, $"the kills did not cover the moments that matter: {coverage}");
    }

    private async Task<Coverage> KillAndRecoverOnceAsync(Target target)
    {
        var data = target.Data;
        var subset = TestPaths.SampleSubset(Ids);
        // One page at a time, so that the commits of the items are spread over the run rather than bunched at its end.
        string[] ingest = ["ingest", subset, $"--Qy:DataFolder={data}", "--Qy:OcrEnabled=false", "--Qy:IngestParallelism=1", .. target.StoreArgs];

        // First version: kill while content goes up, between content and inventory, just after a commit point, and just after the catalog.
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var kills = 0;
        foreach (var when in KillMoments(version: 1))
        {
            if (await QyProcess.RunUntilHaltedAsync(when, RunLimit, ingest)) kills++;
            await AssertHeadsAreWholeAsync(target, allowed: [null, 1], version: 1, seen);
        }
        var firstKills = kills;
        var (code, stdout, err) = await QyProcess.RunAsync(RunLimit, ingest);
        Assert.True(code == 0, stdout + err);
        await AssertStorageCatalogAndIndexAgreeAsync(target, expectedVersion: 1);

        // A second version of every object (a changed description): kills now fall between version 1 and 2.
        var csv = Path.Combine(subset, "items.csv");
        var lines = File.ReadAllLines(csv);
        File.WriteAllLines(csv, [lines[0], .. lines.Skip(1).Select(l => l.EndsWith('"') ? l[..^1] + " (revised)\"" : l + " (revised)")]);
        kills = 0;
        foreach (var when in KillMoments(version: 2))
        {
            if (await QyProcess.RunUntilHaltedAsync(when, RunLimit, ingest)) kills++;
            await AssertHeadsAreWholeAsync(target, allowed: [1, 2], version: 2, seen);
        }
        (code, stdout, err) = await QyProcess.RunAsync(RunLimit, ingest);
        Assert.True(code == 0, stdout + err);
        await AssertStorageCatalogAndIndexAgreeAsync(target, expectedVersion: 2);

        return new Coverage(firstKills, kills, seen);
    }

    /// <summary>
    /// Where each run halts to be killed (<see cref="CrashRehearsal"/> step and pass), each a little further than the run
    /// before got: inside an upload (a version's content stored, its commit point not reached), just after a commit point,
    /// just after the catalog update. Version 1 stores several files an item; version 2 (a changed description) one.
    /// </summary>
    private static string[] KillMoments(int version) => version == 1
        ? [$"{CrashRehearsal.OcflContentStored}:2", $"{CrashRehearsal.OcflCommitted}:1", $"{CrashRehearsal.CatalogUpdated}:1",
           $"{CrashRehearsal.OcflContentStored}:1", $"{CrashRehearsal.OcflCommitted}:2", $"{CrashRehearsal.OcflContentStored}:3"]
        : [$"{CrashRehearsal.OcflContentStored}:1", $"{CrashRehearsal.OcflCommitted}:1", $"{CrashRehearsal.CatalogUpdated}:2",
           $"{CrashRehearsal.OcflContentStored}:2", $"{CrashRehearsal.OcflCommitted}:1"];

    /// <summary>After a kill: every head is a whole version (all its files readable); records what the kill left.</summary>
    private static async Task AssertHeadsAreWholeAsync(Target target, int?[] allowed, int version, ISet<string> seen)
    {
        var archive = new ArchiveServices(target.Options);
        foreach (var id in Ids)
        {
            var head = await archive.Ocfl.GetHeadAsync(id);
            Assert.True(allowed.Contains(head?.Version), $"{id}: head {head?.Version.ToString() ?? "none"} after a kill; expected one of {string.Join(", ", allowed.Select(a => a?.ToString() ?? "none"))}");
            if (head?.Version != version)
            {
                // The version inventory is a commit's first write (its claim on the version), so content under vN/content is what a kill inside the upload leaves.
                var left = new List<string>();
                await foreach (var blob in archive.Store.ListAsync($"{archive.Ocfl.ObjectRoot(id)}/v{version}/")) left.Add(blob.Key.Value);
                if (left.Count > 0) seen.Add(left.Any(k => k.Contains($"/v{version}/content/", StringComparison.Ordinal)) ? "unpublished content" : "version claimed, no content yet");
            }
            if (head is null) continue;
            if ((archive.Catalog.FindItem(id)?.OcflVersion ?? 0) < head.Version) seen.Add("catalog behind storage");
            foreach (var path in head.Files.Keys)
            {
                await using var s = await archive.Ocfl.OpenFileAsync(id, path);
                Assert.True(s.CanRead, $"{id} {path}");
            }
        }
    }

    internal static async Task AssertStorageCatalogAndIndexAgreeAsync(Target target, int expectedVersion)
    {
        var data = target.Data;
        var archive = new ArchiveServices(target.Options);
        await AssertStorageAndCatalogAgreeAsync(archive, Ids, expectedVersion);

        // The finished 'qy ingest' alone (no host and its periodic catch-up) leaves the index at the catalog's versions.
        using (var index = new SearchIndex(SearchApi.IndexFolder(archive.Options)))
        {
            var indexed = new SearchIndexer(archive, index).IndexedVersions();
            var catalog = archive.Catalog.ListItems().ToDictionary(e => e.Item.Id, e => e.OcflVersion);
            Assert.Equal(catalog.OrderBy(p => p.Key, StringComparer.Ordinal), indexed.OrderBy(p => p.Key, StringComparer.Ordinal));
        }

        await AssertSearchFindsEveryItemAsync(target, "after the ingest");
        var (code, output, err) = await QyProcess.RunAsync(RunLimit, ["reindex", $"--Qy:DataFolder={data}", .. target.StoreArgs]);
        Assert.True(code == 0, output + err);
        await AssertSearchFindsEveryItemAsync(target, "after qy reindex");
    }

    internal static async Task AssertStorageAndCatalogAgreeAsync(ArchiveServices archive, string[] ids, int expectedVersion)
    {
        var stored = new List<string>();
        await foreach (var id in archive.Ocfl.ListObjectIdsAsync()) stored.Add(id);
        Assert.Equal(ids.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));

        var validator = new OcflValidator();
        var heads = new Dictionary<string, int>();
        foreach (var id in stored)
        {
            var result = await validator.ValidateObjectAsync(archive.Store, archive.Ocfl.ObjectRoot(id));
            Assert.True(result.IsValid, $"{id}: {string.Join("; ", result.Errors)}");
            var head = await archive.Ocfl.GetHeadAsync(id);
            Assert.NotNull(head);
            Assert.Equal(expectedVersion, head.Version);
            heads[id] = head.Version;
        }

        // Nothing half-written is visible: no temporary keys, no blobs of an unpublished version.
        await foreach (var blob in archive.Store.ListAsync(""))
        {
            var key = blob.Key.ToString();
            Assert.False(key.StartsWith(".qytmp", StringComparison.Ordinal), key);
            Assert.DoesNotContain(".tmp", key, StringComparison.Ordinal);
            var parts = key.Split('/');
            if (parts.Length > 2 && parts[0] == archive.Ocfl.RootPrefix && heads.TryGetValue(parts[1], out var h)
                && parts[2].StartsWith('v') && int.TryParse(parts[2][1..], out var n))
                Assert.True(n <= h, $"{key} belongs to an unpublished version (head v{h})");
        }

        var catalog = archive.Catalog.ListItems().ToDictionary(e => e.Item.Id, e => e.OcflVersion);
        Assert.Equal(heads.OrderBy(p => p.Key, StringComparer.Ordinal), catalog.OrderBy(p => p.Key, StringComparer.Ordinal));
        foreach (var entry in archive.Catalog.ListItems())
        {
            var head = await archive.Ocfl.GetHeadAsync(entry.Item.Id);
            await using var s = await archive.Ocfl.OpenFileAsync(entry.Item.Id, QyHeritage.Archive.Domain.ItemMetadata.LogicalPath);
            using var reader = new StreamReader(s);
            var metadata = QyHeritage.Archive.Domain.ItemMetadata.Parse(System.Text.Encoding.UTF8.GetBytes(await reader.ReadToEndAsync()));
            Assert.Equal(metadata.TitleZh, entry.Item.TitleZh);
            Assert.Equal(metadata.Pages.Count, entry.Item.Pages.Count);
            Assert.Equal(head!.Version, entry.OcflVersion);
        }
    }

    /// <summary>Through a real host over the data folder: a search for each item's title finds it.</summary>
    private static async Task AssertSearchFindsEveryItemAsync(Target target, string when)
    {
        var (rows, _) = SampleCollectionReader.Read(TestPaths.SampleCollection);
        await using var host = await RunningHost.StartAsync(target.Data, ["--Qy:IngestSampleOnFirstStart=false", .. target.StoreArgs]);
        foreach (var row in rows.Where(r => Ids.Contains(r.Item.Id)))
        {
            var found = await SearchFindsAsync(host.Client, TitleQuery(row.Item.TitleZh), row.Item.Id, TimeSpan.FromSeconds(15));
            Assert.True(found, $"{when}: a search for the title '{row.Item.TitleZh}' does not find {row.Item.Id}");
        }
    }

    /// <summary>A plain query searches page text; every word of the title under the <c>title:</c> field.</summary>
    internal static string TitleQuery(string title) =>
        string.Join(' ', title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => "title:" + w));

    internal static async Task<bool> SearchFindsAsync(HttpClient client, string query, string itemId, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var json = await client.GetStringAsync($"/api/search?view=items&size=50&q={Uri.EscapeDataString(query)}");
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.GetProperty("itemHits").EnumerateArray().Any(h => h.GetProperty("itemId").GetString() == itemId)) return true;
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(250);
        }
    }
}

/// <summary>The same kill-and-recover test with the blobs in a bucket on s3rver (127.0.0.1, a free port).</summary>
[Collection(S3rverCollection.Name)]
public class S3IngestKillTests(S3rverFixture s3, ITestOutputHelper output)
{
    [Fact]
    public Task Ingest_to_s3_killed_at_several_moments_recovers_on_restart_and_storage_catalog_and_index_agree() =>
        new IngestKillTests(output).KillAndRecoverAsync(() => NewTarget());

    private IngestKillTests.Target NewTarget()
    {
        var data = TestPaths.NewTempFolder("kill-ingest-s3");
        var s3Options = s3.NewBucketOptions();
        var options = new ArchiveOptions { DataFolder = data, OcrEnabled = false, Storage = StorageKind.S3, S3 = s3Options };
        string[] storeArgs =
        [
            "--Qy:Storage=S3", $"--Qy:S3:Endpoint={s3Options.Endpoint}", $"--Qy:S3:Bucket={s3Options.Bucket}",
            $"--Qy:S3:AccessKey={S3rverFixture.Credential}", $"--Qy:S3:SecretKey={S3rverFixture.Credential}", "--Qy:S3:UseTls=false",
        ];
        return new IngestKillTests.Target(data, storeArgs, options);
    }
}
