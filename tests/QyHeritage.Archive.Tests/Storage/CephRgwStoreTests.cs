using System.Security.Cryptography;
using System.Text;
using Minio;
using Minio.DataModel.Args;
using Minio.DataModel.ObjectLock;
using QyHeritage.Archive.Fixity;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;
using static QyHeritage.Archive.Tests.Ocfl.OcflTestData;

namespace QyHeritage.Archive.Tests.Storage;

/// <summary>
/// What only a real S3 server shows (Ceph RGW on loopback; s3rver checks none of it): refused
/// credentials, create-only PUTs racing, the multipart ETag RGW leaves out, listings past 1000 keys,
/// and buckets with versioning or object lock on, as the library's retention policy wants.
/// </summary>
[Collection(CephRgwCollection.Name)]
public sealed class CephRgwStoreTests(CephRgwFixture rgw) : IDisposable
{
    private const string Id = "QY-RB-001";
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
    }

    private S3BlobStore Store(S3Options? options = null, Microsoft.Extensions.Logging.ILogger? log = null)
    {
        var store = new S3BlobStore(options ?? rgw.NewBucketOptions(), TestPaths.NewTempFolder("rgw-spool"), log);
        _owned.Add(store);
        return store;
    }

    private IMinioClient Client()
    {
        var client = new MinioClient().WithEndpoint(rgw.Endpoint).WithCredentials(CephRgwFixture.AccessKey, CephRgwFixture.SecretKey).WithSSL(false).Build();
        _owned.Add(client);
        return client;
    }

    [SkippableFact]
    public async Task A_wrong_secret_is_refused_at_once_naming_the_access_key_and_never_the_secret()
    {
        var options = rgw.NewBucketOptions();
        options.SecretKey = "not-the-secret-of-this-key";
        var store = Store(options);
        var e = await Assert.ThrowsAsync<S3AccessDeniedException>(() => store.WriteTextAsync(BlobKey.Parse("ocfl/x"), "x"));
        Assert.Equal(CephRgwFixture.AccessKey, e.AccessKey);
        Assert.Contains($"'{CephRgwFixture.AccessKey}'", e.Message);
        Assert.True(e.Message.Contains("SignatureDoesNotMatch", StringComparison.Ordinal), e.Message + " | " + e.InnerException);
        Assert.DoesNotContain(options.SecretKey, e.ToString());

        options = rgw.NewBucketOptions();
        options.AccessKey = "QYNOSUCHKEY";
        e = await Assert.ThrowsAsync<S3AccessDeniedException>(() => Store(options).StatAsync(BlobKey.Parse("ocfl/x")));
        Assert.Contains("'QYNOSUCHKEY'", e.Message);
        Assert.Contains("InvalidAccessKeyId", e.Message);
    }

    [SkippableFact]
    public async Task Of_writers_racing_to_create_one_key_exactly_one_wins_and_its_bytes_stay()
    {
        var store = Store();
        var key = BlobKey.Parse($"ocfl/{Id}/v2/inventory.json");
        await store.WriteTextAsync(BlobKey.Parse("warm-up"), "bucket exists now");
        for (var round = 0; round < 3; round++)
        {
            var k = BlobKey.Parse($"{key.Value}.{round}");
            var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                Task.Run(() => store.WriteIfAbsentAsync(k, new MemoryStream(Encoding.UTF8.GetBytes($"writer {i}"))))));
            Assert.Single(results, r => r);
            Assert.Equal($"writer {Array.IndexOf(results, true)}", await store.ReadTextAsync(k));
        }
    }

    [SkippableFact]
    public async Task Of_two_nodes_committing_the_same_ocfl_version_one_wins_and_the_other_writes_nothing()
    {
        var options = rgw.NewBucketOptions();
        // Two stores and two repositories: two nodes sharing one bucket, with no lock between them;
        // each waits at its claim for the other, so both commit on the same head, as a real race does.
        var rendezvous = new ClaimRendezvous(2);
        var a = new OcflRepository(new ClaimRendezvousStore(Store(options), rendezvous));
        var b = new OcflRepository(new ClaimRendezvousStore(Store(options), rendezvous));
        await a.CommitAsync(Id, State(("metadata.json", "{}")), Info("v1"));
        rendezvous.Armed = true;
        for (var round = 0; round < 3; round++)
        {
            var head = (await a.GetHeadAsync(Id))!.Version;
            var stateA = State(("metadata.json", $"{{\"by\":\"A{round}\"}}"), ("master/p001.tif", $"A{round} page"));
            var stateB = State(("metadata.json", $"{{\"by\":\"B{round}\"}}"), ("text/p001.txt", $"B{round} text"));
            var tasks = new[] { Task.Run(() => a.CommitAsync(Id, stateA, Info("A"))), Task.Run(() => b.CommitAsync(Id, stateB, Info("B"))) };
            try { await Task.WhenAll(tasks); } catch (OcflConcurrentCommitException) { }
            var won = tasks.Where(t => t.IsCompletedSuccessfully).ToList();
            var lost = tasks.Where(t => t.IsFaulted).ToList();
            Assert.True(won.Count == 1 && lost.Count == 1, $"round {round}: {won.Count} commits won, {lost.Count} lost");
            var error = Assert.IsType<OcflConcurrentCommitException>(lost[0].Exception!.InnerException);
            Assert.Contains($"v{head + 1}", error.Message);
            Assert.Equal(head + 1, won[0].Result.Version);

            // The head is the winner's state, whole; the loser left no byte in the object.
            var winnerIsA = won[0] == tasks[0];
            var store = Store(options);
            Assert.Equal(winnerIsA ? $"{{\"by\":\"A{round}\"}}" : $"{{\"by\":\"B{round}\"}}", await ReadTextAsync(a, Id, "metadata.json"));
            var keys = await KeysAsync(store, a.ObjectRoot(Id));
            Assert.DoesNotContain(keys, k => k.Contains(winnerIsA ? "text/p001.txt" : "master/p001.tif", StringComparison.Ordinal) && k.StartsWith($"v{head + 1}/", StringComparison.Ordinal));
            await AssertValidAsync(store, a, Id);
        }
    }

    [SkippableFact]
    public async Task A_multipart_upload_whose_answer_has_no_etag_is_verified_by_the_etag_of_its_head()
    {
        var log = new EventLog(3202);
        var store = Store(log: log);
        var bytes = new byte[33 * 1024 * 1024];
        new Random(7).NextBytes(bytes);
        var key = BlobKey.Parse($"derivatives/{Id}/p001.tif");
        await store.WriteBytesAsync(key, bytes);
        // RGW's completion answer has no ETag (the SDK reports ""); its HEAD has the md5-of-md5s of 3 parts of 16 MiB.
        Assert.Equal($"S3 stored {key} (34603008 bytes, ETag of 3 part(s), verified by ETag)", Assert.Single(log.Lines));
        Assert.Equal(SHA512.HashData(bytes), SHA512.HashData(await store.ReadBytesAsync(key)));
    }

    [SkippableFact]
    public async Task Listing_crosses_pages_of_1000_keys_in_byte_order()
    {
        var store = Store();
        // Keys whose order is not their order of writing; CJK after ASCII as in UTF-8 bytes.
        var keys = Enumerable.Range(0, 1234)
            .Select(i => i % 3 == 0 ? $"ocfl/{Id}/v1/content/text/頁{i:D4}.txt" : $"ocfl/{Id}/v1/content/master/p{(i * 7919) % 10000:D4}.tif")
            .Distinct().ToList();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(keys.Select(async k =>
        {
            await gate.WaitAsync();
            try { await store.WriteTextAsync(BlobKey.Parse(k), "x"); }
            finally { gate.Release(); }
        }));
        var listed = new List<string>();
        await foreach (var b in store.ListAsync($"ocfl/{Id}/")) listed.Add(b.Key.Value);
        Assert.True(listed.Count > 1000);
        Assert.Equal(keys.Order(StringComparer.Ordinal), listed);
        Assert.Equal(keys.OrderBy(k => k, Comparer<string>.Create((x, y) => Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)))), listed);
    }

    [SkippableFact]
    public async Task A_bucket_with_versioning_on_serves_writes_overwrites_and_deletes_as_any_other()
    {
        var options = rgw.NewBucketOptions();
        var client = Client();
        await client.MakeBucketAsync(new MakeBucketArgs().WithBucket(options.Bucket));
        await client.SetVersioningAsync(new SetVersioningArgs().WithBucket(options.Bucket).WithVersioningEnabled());
        await AssertMutableAndOcflWorkAsync(Store(options));
    }

    [SkippableFact]
    public async Task A_bucket_with_object_lock_and_default_retention_serves_writes_overwrites_and_deletes()
    {
        var options = rgw.NewBucketOptions();
        var client = Client();
        await client.MakeBucketAsync(new MakeBucketArgs().WithBucket(options.Bucket).WithObjectLock());
        await client.SetObjectLockConfigurationAsync(new SetObjectLockConfigurationArgs().WithBucket(options.Bucket)
            .WithLockConfiguration(new ObjectLockConfiguration(ObjectRetentionMode.GOVERNANCE, 1)));
        var store = Store(options);
        await AssertMutableAndOcflWorkAsync(store);

        // What retention is for: an overwritten or deleted key keeps its old versions, which cannot be removed.
        var versions = new List<Minio.DataModel.Item>();
        await foreach (var v in client.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(options.Bucket).WithPrefix("work/").WithVersions(true).WithRecursive(true)))
            versions.Add(v);
        Assert.NotEmpty(versions);
    }

    /// <summary>Mutable keys (inventory heads, drafts) overwritten, temporary keys deleted, OCFL commits and recovery: all as on a plain bucket.</summary>
    private static async Task AssertMutableAndOcflWorkAsync(S3BlobStore store)
    {
        var draft = BlobKey.Parse("work/drafts/QY-RB-001.json");
        await store.WriteTextAsync(draft, "{\"title\":\"清远县志\"}");
        await store.WriteTextAsync(draft, "{}");
        Assert.Equal("{}", await store.ReadTextAsync(draft));
        Assert.Equal(2, (await store.StatAsync(draft))!.Length);
        var temp = BlobKey.Parse("work/tmp/upload-1.part");
        await store.WriteTextAsync(temp, "half");
        await store.DeleteAsync(temp);
        Assert.False(await store.ExistsAsync(temp));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.OpenReadAsync(temp));
        var listed = new List<string>();
        await foreach (var b in store.ListAsync("work/")) listed.Add(b.Key.Value);
        Assert.Equal([draft.Value], listed);

        var repo = new OcflRepository(store);
        await repo.CommitAsync(Id, State(("metadata.json", "{\"v\":1}")), Info("v1"));
        await store.WriteTextAsync(BlobKey.Parse($"ocfl/{Id}/v2/content/master/p001.tif"), "a commit that died");
        await repo.CommitAsync(Id, State(("metadata.json", "{\"v\":2}")), Info("v2"));
        Assert.Equal("{\"v\":2}", await ReadTextAsync(repo, Id, "metadata.json"));
        Assert.DoesNotContain($"v2/content/master/p001.tif", await KeysAsync(store, repo.ObjectRoot(Id)));
        await AssertValidAsync(store, repo, Id);
        Assert.True((await new FixityAuditor(store).RunAsync(new AuditOptions())).Ok);
    }

    [SkippableFact]
    public async Task The_audit_passes_on_sound_objects_and_finds_bytes_replaced_behind_the_stores_back()
    {
        var options = rgw.NewBucketOptions();
        var store = Store(options);
        var repo = new OcflRepository(store);
        await repo.CommitAsync(Id, State(("metadata.json", "{}"), ("master/p001.tif", "清遠縣志 page one")), Info("v1"));
        await repo.CommitAsync("QY-RB-002", State(("metadata.json", "{}")), Info("v1"));
        var report = await new FixityAuditor(store).RunAsync(new AuditOptions());
        Assert.True(report.Ok, string.Join("\n", report.Findings));
        Assert.Equal(2, report.Objects.Count);

        // Another tool (or a bad disk under RGW) changes a preservation copy: same length, other bytes.
        var bytes = Encoding.UTF8.GetBytes("清遠縣志 page 0ne");
        await Client().PutObjectAsync(new PutObjectArgs().WithBucket(options.Bucket).WithObject($"ocfl/{Id}/v1/content/master/p001.tif")
            .WithStreamData(new MemoryStream(bytes)).WithObjectSize(bytes.Length));
        report = await new FixityAuditor(store).RunAsync(new AuditOptions());
        var finding = Assert.Single(report.Findings);
        Assert.Equal(Id, finding.Item);
        Assert.Contains("p001.tif", finding.ToString());
    }

    /// <summary>Keeps the formatted messages of one log event id.</summary>
    private sealed class EventLog(int eventId) : Microsoft.Extensions.Logging.ILogger
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel level) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel level, Microsoft.Extensions.Logging.EventId id, TState state, Exception? e, Func<TState, Exception?, string> format)
        {
            lock (Lines) if (id.Id == eventId) Lines.Add(format(state, e));
        }
    }
}
