using System.Text.Json;
using QyHeritage.Archive;
using QyHeritage.Archive.Storage;
using QyHeritage.Archive.Tests;
using QyHeritage.Archive.Tests.Storage;
using QyHeritage.Search.Api;
using QyHeritage.Search.Indexing;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Crash;

/// <summary>
/// Issue 5: the catalog and the search index are derived. Delete both, run <c>qy rebuild</c> and
/// <c>qy reindex</c>, and the site answers as before from storage alone.
/// </summary>
public class RebuildTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);

    private static readonly string[] Queries =
    [
        "廣東通志", "清遠", "香港", "北江", "广东", "title:北江", "title:廣東通志 title:英德", "creator:魯迅", "collection:rare-book",
        "year:1700-1800", "清远 collection:local-history",
    ];

    [Fact]
    public Task Catalog_and_index_deleted_and_rebuilt_from_storage_answer_as_before()
    {
        var data = TestPaths.NewTempFolder("rebuild");
        return DeleteRebuildAndCompareAsync(data, [], new ArchiveOptions { DataFolder = data, OcrEnabled = false }, wholeDataFolder: false);
    }

    internal static async Task DeleteRebuildAndCompareAsync(string data, string[] storeArgs, ArchiveOptions options, bool wholeDataFolder)
    {
        var subset = TestPaths.SampleSubset(IngestKillTests.Ids);
        var (code, output, err) = await QyProcess.RunAsync(RunLimit, ["ingest", subset, $"--Qy:DataFolder={data}", "--Qy:OcrEnabled=false", .. storeArgs]);
        Assert.True(code == 0, output + err);

        var before = await SnapshotAsync(data, storeArgs);
        Assert.Equal(IngestKillTests.Ids.Length, before.Items.Count);
        Assert.True(before.Searches.Values.Count(s => !s.Contains(" items=0 ", StringComparison.Ordinal)) >= Queries.Length - 2,
            "most of the queries should find something: " + string.Join("\n", before.Searches));

        if (wholeDataFolder)
        {
            // The blobs are in the bucket: nothing of the local data folder is kept (work files and caches too).
            Directory.Delete(data, recursive: true);
            Directory.CreateDirectory(data);
        }
        else
        {
            foreach (var f in Directory.GetFiles(data, "catalog.db*")) File.Delete(f);
            Directory.Delete(Path.Combine(data, "index"), recursive: true);
        }

        (code, output, err) = await QyProcess.RunAsync(RunLimit, ["rebuild", $"--Qy:DataFolder={data}", .. storeArgs]);
        Assert.True(code == 0, output + err);
        (code, output, err) = await QyProcess.RunAsync(RunLimit, ["reindex", $"--Qy:DataFolder={data}", .. storeArgs]);
        Assert.True(code == 0, output + err);

        // The rebuilt index holds every item at its head version before any host (and its catch-up) starts.
        var archive = new ArchiveServices(options);
        await IngestKillTests.AssertStorageAndCatalogAgreeAsync(archive, IngestKillTests.Ids, expectedVersion: 1);
        using (var index = new SearchIndex(SearchApi.IndexFolder(archive.Options)))
        {
            var indexed = new SearchIndexer(archive, index).IndexedVersions();
            Assert.Equal(IngestKillTests.Ids.Order(StringComparer.Ordinal), indexed.Keys.Order(StringComparer.Ordinal));
        }

        var after = await SnapshotAsync(data, storeArgs);
        Assert.Equal(before.List, after.List);
        foreach (var (id, json) in before.Items) Assert.Equal(json, after.Items[id]);
        foreach (var (q, json) in before.Searches) Assert.True(json == after.Searches[q], $"search '{q}' differs:\nbefore {json}\nafter  {after.Searches[q]}");
    }

    private sealed record Snapshot(string List, Dictionary<string, string> Items, Dictionary<string, string> Searches);

    private static async Task<Snapshot> SnapshotAsync(string data, string[] storeArgs)
    {
        await using var host = await RunningHost.StartAsync(data, ["--Qy:IngestSampleOnFirstStart=false", .. storeArgs]);
        var list = await host.Client.GetStringAsync("/api/items");
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var doc = JsonDocument.Parse(list))
            foreach (var item in doc.RootElement.GetProperty("items").EnumerateArray())
            {
                var id = item.GetProperty("id").GetString()!;
                items[id] = await host.Client.GetStringAsync($"/api/items/{Uri.EscapeDataString(id)}");
            }
        var searches = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in Queries)
        {
            var json = await host.Client.GetStringAsync($"/api/search?view=items&size=50&q={Uri.EscapeDataString(q)}");
            searches[q] = Comparable(json);
        }
        return new Snapshot(list, items, searches);
    }

    /// <summary>What a search answered, less what may change with the index's segments: timing and scores; hits by item id.</summary>
    private static string Comparable(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        var hits = r.GetProperty("itemHits").EnumerateArray()
            .Select(h => $"{h.GetProperty("itemId").GetString()} pages={string.Join(',', h.GetProperty("pages").EnumerateArray().Select(p => p.GetInt32()))} {h.GetProperty("title").GetString()} {h.GetProperty("snippet").GetRawText()}")
            .Order(StringComparer.Ordinal);
        return $"pages={r.GetProperty("totalPages").GetInt32()} items={r.GetProperty("totalItems").GetInt32()} facets={r.GetProperty("facets").GetRawText()}\n" + string.Join("\n", hits);
    }
}

/// <summary>The same with the blobs in a bucket on s3rver, and the whole local data folder deleted.</summary>
[Collection(S3rverCollection.Name)]
public class S3RebuildTests(S3rverFixture s3)
{
    [Fact]
    public Task The_whole_data_folder_deleted_and_rebuilt_from_the_bucket_answers_as_before()
    {
        var data = TestPaths.NewTempFolder("rebuild-s3");
        var bucket = s3.NewBucketOptions();
        string[] storeArgs =
        [
            "--Qy:Storage=S3", $"--Qy:S3:Endpoint={bucket.Endpoint}", $"--Qy:S3:Bucket={bucket.Bucket}",
            $"--Qy:S3:AccessKey={S3rverFixture.Credential}", $"--Qy:S3:SecretKey={S3rverFixture.Credential}", "--Qy:S3:UseTls=false",
        ];
        var options = new ArchiveOptions { DataFolder = data, OcrEnabled = false, Storage = StorageKind.S3, S3 = bucket };
        return RebuildTests.DeleteRebuildAndCompareAsync(data, storeArgs, options, wholeDataFolder: true);
    }
}
