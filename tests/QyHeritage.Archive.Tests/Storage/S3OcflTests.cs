using System.Text;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Storage;

/// <summary>OCFL objects on the S3 store: commit, read, validate and recover against a real s3rver.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3OcflTests(S3rverFixture s3) : IDisposable
{
    private const string Id = "QY-RB-001";
    private readonly S3BlobStore _store = s3.NewStore();

    public void Dispose() => _store.Dispose();

    private static OcflVersionInfo Info(string message) =>
        new(message, "Ingest robot", "mailto:archive@qylib.example", new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(8)));

    private static List<OcflContent> State(params (string Path, string Text)[] files) =>
        files.Select(f => OcflContent.FromBytes(f.Path, Encoding.UTF8.GetBytes(f.Text))).ToList();

    private static async Task<string> ReadAsync(OcflRepository repo, string path, int? version = null)
    {
        await using var s = await repo.OpenFileAsync(Id, path, version);
        return await new StreamReader(s, Encoding.UTF8).ReadToEndAsync();
    }

    [Fact]
    public async Task Versions_are_committed_read_and_valid_on_s3()
    {
        var repo = new OcflRepository(_store);
        var big = new string('卷', 6 * 1024 * 1024); // 18 MiB of UTF-8: a multipart upload
        Assert.Equal(new OcflCommitResult(true, 1, 2), await repo.CommitAsync(Id, State(("metadata.json", "{\"title\":\"清远县志\"}"), ("master/p001.tif", big)), Info("ingest")));
        Assert.Equal(new OcflCommitResult(true, 2, 1), await repo.CommitAsync(Id, State(("metadata.json", "{\"title\":\"清遠縣志\"}"), ("master/p001.tif", big)), Info("retitle")));

        Assert.Equal("{\"title\":\"清遠縣志\"}", await ReadAsync(repo, "metadata.json"));
        Assert.Equal("{\"title\":\"清远县志\"}", await ReadAsync(repo, "metadata.json", version: 1));
        Assert.Equal(big, await ReadAsync(repo, "master/p001.tif"));
        var result = await new OcflValidator().ValidateObjectAsync(_store, repo.ObjectRoot(Id));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.All(result.Warnings, w => Assert.Equal("W005", w.Code));
        var ids = new List<string>();
        await foreach (var id in repo.ListObjectIdsAsync()) ids.Add(id);
        Assert.Equal([Id], ids);
    }

    [Fact]
    public async Task What_an_interrupted_commit_left_on_s3_is_removed_by_the_next_one()
    {
        var repo = new OcflRepository(_store);
        await repo.CommitAsync(Id, State(("metadata.json", "{}")), Info("ingest"));
        // A commit of v2 that died after its content, before the inventory.
        await _store.WriteTextAsync(BlobKey.Parse($"ocfl/{Id}/v2/content/master/p001.tif"), "half an ingest");
        Assert.True(await repo.RecoverAsync(Id));
        Assert.False(await _store.ExistsAsync(BlobKey.Parse($"ocfl/{Id}/v2/content/master/p001.tif")));
        Assert.Equal(1, (await repo.GetHeadAsync(Id))!.Version);
        Assert.True((await new OcflValidator().ValidateObjectAsync(_store, repo.ObjectRoot(Id))).IsValid);
    }
}
