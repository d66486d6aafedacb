using System.Text;
using System.Text.Json;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;
using static QyHeritage.Archive.Tests.Ocfl.OcflTestData;

namespace QyHeritage.Archive.Tests.Ocfl;

/// <summary>Objects written by <see cref="OcflRepository"/>: versions, dedup, reads, and our own validator's verdict.</summary>
public sealed class OcflRepositoryTests : IDisposable
{
    private const string Id = "QY-RB-001";
    private readonly FileSystemBlobStore _store = new(TestPaths.NewTempFolder("ocfl-repo"));
    private readonly OcflRepository _repo;

    public OcflRepositoryTests() => _repo = new OcflRepository(_store);

    public void Dispose() => Directory.Delete(_store.Root, recursive: true);

    [Fact]
    public async Task First_commit_creates_a_valid_object_in_a_declared_storage_root()
    {
        var result = await _repo.CommitAsync(Id, State(("metadata.json", "{\"title\":\"清远县志\"}"), ("master/p001.tif", "page one")), Info());

        Assert.Equal(new OcflCommitResult(true, 1, 2), result);
        Assert.Equal("ocfl_1.1\n", await _store.ReadTextAsync(BlobKey.Parse("ocfl/0=ocfl_1.1")));
        using var layout = JsonDocument.Parse(await _store.ReadTextAsync(BlobKey.Parse("ocfl/ocfl_layout.json")));
        Assert.Equal(OcflRepository.LayoutExtension, layout.RootElement.GetProperty("extension").GetString());
        Assert.Equal("page one", await ReadTextAsync(_repo, Id, "master/p001.tif"));
        var head = await _repo.GetHeadAsync(Id);
        Assert.NotNull(head);
        Assert.Equal(1, head.Version);
        Assert.Equal(["master/p001.tif", "metadata.json"], head.Files.Keys);
        Assert.Equal(OcflDigest.Compute("sha512", "page one"u8), head.Files["master/p001.tif"]);
        Assert.Equal("ingest", head.Info.Message);
        Assert.Equal("mailto:archive@qylib.example", head.Info.UserAddress);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), head.Info.Created);
        await AssertValidAsync(_store, _repo, Id);
    }

    [Fact]
    public async Task Identical_bytes_under_two_logical_paths_are_stored_once()
    {
        var result = await _repo.CommitAsync(Id, State(("master/p001.tif", "same"), ("master/p002.tif", "same"), ("ocr/p001.hocr", "text")), Info());

        Assert.Equal(2, result.FilesWritten);
        var content = (await KeysAsync(_store, _repo.ObjectRoot(Id))).Where(k => k.StartsWith("v1/content/")).ToList();
        Assert.Equal(["v1/content/master/p001.tif", "v1/content/ocr/p001.hocr"], content);
        Assert.Equal("same", await ReadTextAsync(_repo, Id, "master/p002.tif"));
        await AssertValidAsync(_store, _repo, Id);
    }

    [Fact]
    public async Task Committing_the_same_state_again_makes_no_version()
    {
        await _repo.CommitAsync(Id, State(("a.txt", "A"), ("b.txt", "B")), Info());
        var keysBefore = await KeysAsync(_store, _repo.ObjectRoot(Id));

        // Same paths and bytes, given in another order and with another message.
        var again = await _repo.CommitAsync(Id, State(("b.txt", "B"), ("a.txt", "A")), Info("re-run of the ingest"));

        Assert.Equal(new OcflCommitResult(false, 1, 0), again);
        Assert.Equal(keysBefore, await KeysAsync(_store, _repo.ObjectRoot(Id)));
    }

    [Fact]
    public async Task A_changed_file_makes_v2_and_v1_stays_readable()
    {
        await _repo.CommitAsync(Id, State(("metadata.json", "{\"v\":1}"), ("master/p001.tif", "scan")), Info());

        var v2 = await _repo.CommitAsync(Id, State(("metadata.json", "{\"v\":2}"), ("master/p001.tif", "scan")), Info("fix metadata"));

        Assert.Equal(new OcflCommitResult(true, 2, 1), v2);
        Assert.Equal("{\"v\":2}", await ReadTextAsync(_repo, Id, "metadata.json"));
        Assert.Equal("{\"v\":1}", await ReadTextAsync(_repo, Id, "metadata.json", version: 1));
        Assert.Equal("scan", await ReadTextAsync(_repo, Id, "master/p001.tif", version: 2));
        // The unchanged master was not stored again.
        Assert.DoesNotContain("v2/content/master/p001.tif", await KeysAsync(_store, _repo.ObjectRoot(Id)));
        var v1State = await _repo.GetVersionAsync(Id, 1);
        Assert.Equal(1, v1State!.Version);
        Assert.Equal(2, v1State.HeadVersion);
        Assert.Equal("fix metadata", (await _repo.GetHeadAsync(Id))!.Info.Message);
        await AssertValidAsync(_store, _repo, Id);
    }

    [Fact]
    public async Task A_text_saved_with_a_byte_order_mark_is_read_without_it_and_stored_with_it()
    {
        // A transcription saved by a Windows editor starts with EF BB BF: the reading room and the index read the text
        // (ReadTextAsync), the archive keeps the file's bytes as they came.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("清遠縣志\n卷一")).ToArray();
        await _repo.CommitAsync(Id, [OcflContent.FromBytes("text/p001.txt", bytes)], Info());

        Assert.Equal("清遠縣志\n卷一", await _repo.ReadTextAsync(Id, "text/p001.txt"));
        Assert.Equal(bytes, await _repo.ReadFileAsync(Id, "text/p001.txt"));
        await Assert.ThrowsAsync<FileNotFoundException>(() => _repo.ReadTextAsync(Id, "text/p002.txt"));
    }

    [Fact]
    public async Task A_path_deleted_in_a_later_version_is_gone_from_the_head_only()
    {
        await _repo.CommitAsync(Id, State(("a.txt", "A"), ("b.txt", "B")), Info());
        await _repo.CommitAsync(Id, State(("a.txt", "A")), Info("remove b"));

        var head = await _repo.GetHeadAsync(Id);
        Assert.Equal(["a.txt"], head!.Files.Keys);
        await Assert.ThrowsAsync<FileNotFoundException>(() => _repo.OpenFileAsync(Id, "b.txt"));
        Assert.Equal("B", await ReadTextAsync(_repo, Id, "b.txt", version: 1));

        // Bringing the bytes back, under any path, stores nothing new: they are in v1 already.
        var v3 = await _repo.CommitAsync(Id, State(("a.txt", "A"), ("restored/b.txt", "B")), Info("restore"));
        Assert.Equal(new OcflCommitResult(true, 3, 0), v3);
        Assert.Equal("B", await ReadTextAsync(_repo, Id, "restored/b.txt"));
        await AssertValidAsync(_store, _repo, Id);
    }

    [Fact]
    public async Task Several_versions_and_objects_stay_valid_and_listed()
    {
        for (var i = 1; i <= 4; i++)
            await _repo.CommitAsync(Id, State(("metadata.json", $"rev {i}"), ("master/p001.tif", "scan"), ($"ocr/p00{i}.hocr", $"ocr {i}")), Info($"rev {i}"));
        await _repo.CommitAsync("QY-NP-1931-04", State(("ocr/第一版.hocr", "民國二十年")), Info("报纸"));

        Assert.Equal(4, (await _repo.GetHeadAsync(Id))!.Version);
        for (var i = 1; i <= 4; i++) Assert.Equal($"rev {i}", await ReadTextAsync(_repo, Id, "metadata.json", i));
        Assert.Equal("民國二十年", await ReadTextAsync(_repo, "QY-NP-1931-04", "ocr/第一版.hocr"));
        Assert.Equal(["QY-NP-1931-04", Id], await _repo.ListObjectIdsAsync().ToListAsync());
        await AssertValidAsync(_store, _repo, Id);
        await AssertValidAsync(_store, _repo, "QY-NP-1931-04");
        // Chinese stays readable in the inventory rather than \u-escaped.
        Assert.Contains("第一版", await _store.ReadTextAsync(BlobKey.Parse("ocfl/QY-NP-1931-04/inventory.json")));
    }

    [Fact]
    public async Task An_object_may_have_a_version_with_no_files()
    {
        var empty = await _repo.CommitAsync(Id, [], Info("catalogued, not yet scanned"));
        Assert.Equal(new OcflCommitResult(true, 1, 0), empty);
        Assert.Empty((await _repo.GetHeadAsync(Id))!.Files);
        await AssertValidAsync(_store, _repo, Id);

        Assert.Equal(2, (await _repo.CommitAsync(Id, State(("master/p001.tif", "scan")), Info("scanned"))).Version);
        await AssertValidAsync(_store, _repo, Id);
    }

    [Fact]
    public async Task A_missing_object_reads_as_absent()
    {
        Assert.Null(await _repo.GetHeadAsync("QY-RB-999"));
        await Assert.ThrowsAsync<FileNotFoundException>(() => _repo.OpenFileAsync("QY-RB-999", "metadata.json"));
        Assert.Empty(await _repo.ListObjectIdsAsync().ToListAsync());
    }

    [Fact]
    public async Task A_version_that_does_not_exist_is_not_found()
    {
        await _repo.CommitAsync(Id, State(("a.txt", "A")), Info());
        await Assert.ThrowsAsync<FileNotFoundException>(() => _repo.OpenFileAsync(Id, "a.txt", version: 2));
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("/master/p001.tif")]
    [InlineData("master//p001.tif")]
    [InlineData("master/./p001.tif")]
    [InlineData("master/")]
    [InlineData("")]
    [InlineData("master\\p001.tif")]
    public async Task Invalid_logical_paths_are_refused_before_anything_is_written(string path)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _repo.CommitAsync(Id, State((path, "x")), Info()));
        Assert.Empty(await _store.ListAsync("").ToListAsync());
    }

    [Fact]
    public async Task A_path_that_is_also_a_folder_of_another_is_refused()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _repo.CommitAsync(Id, State(("ocr", "x"), ("ocr/p001.hocr", "y")), Info()));
        Assert.Contains("E095", e.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => _repo.CommitAsync(Id, State(("a.txt", "x"), ("a.txt", "y")), Info()));
        Assert.Null(await _repo.GetHeadAsync(Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("QY/RB/001")]
    [InlineData("..")]
    [InlineData("extensions")]
    [InlineData("QY RB 001")]
    [InlineData("清远-001")]
    public async Task Ids_that_are_not_one_safe_key_segment_are_refused(string id)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _repo.CommitAsync(id, State(("a.txt", "A")), Info()));
        await Assert.ThrowsAsync<ArgumentException>(() => _repo.GetHeadAsync(id));
    }

    [Fact]
    public async Task A_user_address_that_is_not_a_uri_is_refused()
    {
        var info = Info() with { UserAddress = "Room 3, Qingyuan City Library" };
        await Assert.ThrowsAsync<ArgumentException>(() => _repo.CommitAsync(Id, State(("a.txt", "A")), info));
    }

    [Fact]
    public async Task A_source_that_changes_between_reads_publishes_nothing()
    {
        await _repo.CommitAsync(Id, State(("a.txt", "A")), Info());
        var reads = 0;
        var fickle = new OcflContent("b.txt", _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(++reads == 1 ? "first" : "second"))));

        await Assert.ThrowsAsync<IOException>(() => _repo.CommitAsync(Id, [OcflContent.FromBytes("a.txt", "A"u8.ToArray()), fickle], Info()));

        Assert.Equal(1, (await _repo.GetHeadAsync(Id))!.Version);
        Assert.DoesNotContain(await KeysAsync(_store, _repo.ObjectRoot(Id)), k => k.StartsWith("v2/"));
        await AssertValidAsync(_store, _repo, Id);
    }

    [Fact]
    public async Task Large_content_is_hashed_and_stored_from_a_non_seekable_stream()
    {
        const int size = 24 * 1024 * 1024 + 17;
        var expected = OcflDigest.Compute("sha512", Pattern(size));
        var big = new OcflContent("master/p001.tif", _ => Task.FromResult<Stream>(new GeneratedStream(size)));

        await _repo.CommitAsync(Id, [big], Info());

        Assert.Equal(expected, (await _repo.GetHeadAsync(Id))!.Files["master/p001.tif"]);
        await using var s = await _repo.OpenFileAsync(Id, "master/p001.tif");
        Assert.Equal(expected, await OcflDigest.ComputeAsync(s, "sha512", CancellationToken.None));
        await AssertValidAsync(_store, _repo, Id);
    }

    [Fact]
    public async Task A_corrupt_root_inventory_is_refused_not_overwritten()
    {
        await _repo.CommitAsync(Id, State(("a.txt", "A")), Info());
        var inventory = BlobKey.Parse($"ocfl/{Id}/inventory.json");
        await _store.WriteTextAsync(inventory, "{ not json");

        await Assert.ThrowsAsync<OcflCorruptObjectException>(() => _repo.GetHeadAsync(Id));
        await Assert.ThrowsAsync<OcflCorruptObjectException>(() => _repo.CommitAsync(Id, State(("a.txt", "B")), Info()));
        Assert.Equal("{ not json", await _store.ReadTextAsync(inventory));
    }

    [Fact]
    public void Timestamps_are_rfc3339_with_seconds_and_zone()
    {
        Assert.Equal("2026-11-25T00:00:00Z", OcflTimestamp.Format(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(8))));
        Assert.Equal("2026-11-25T00:00:00.5Z", OcflTimestamp.Format(new DateTimeOffset(2026, 11, 25, 0, 0, 0, 500, TimeSpan.Zero)));
        Assert.True(OcflTimestamp.TryParse("2021-03-31T08:22:37.241208990-05:00", out var t));
        Assert.Equal(new DateTimeOffset(2021, 3, 31, 13, 22, 37, TimeSpan.Zero).AddTicks(2412089), t.ToUniversalTime());
        Assert.False(OcflTimestamp.TryParse("2019-01-01T02:03:04", out _));
        Assert.False(OcflTimestamp.TryParse("2019-01-01T01:02Z", out _));
        Assert.False(OcflTimestamp.TryParse("2019-02-30T01:02:03Z", out _));
    }

    private static byte[] Pattern(int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++) bytes[i] = (byte)(i * 31 + (i >> 11));
        return bytes;
    }

    /// <summary>Deterministic bytes produced on the fly, without seeking or a known length up front.</summary>
    private sealed class GeneratedStream(int size) : Stream
    {
        private int _pos;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, size - _pos);
            for (var i = 0; i < n; i++, _pos++) buffer[offset + i] = (byte)(_pos * 31 + (_pos >> 11));
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _pos; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
