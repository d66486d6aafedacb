using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Storage;

public class FileSystemBlobStoreTests
{
    private readonly string _root = TestPaths.NewTempFolder("blobstore");

    [Fact]
    public async Task Writes_reads_lists_and_deletes()
    {
        var store = new FileSystemBlobStore(_root);
        var a = BlobKey.Parse("x/a.txt");
        var b = BlobKey.Parse("x/y/b.txt");
        await store.WriteTextAsync(a, "甲");
        await store.WriteTextAsync(b, "乙乙");
        Assert.Equal("甲", await store.ReadTextAsync(a));
        Assert.Equal(6, (await store.StatAsync(b))!.Length);
        var listed = new List<string>();
        await foreach (var info in store.ListAsync("x/")) listed.Add(info.Key.Value);
        Assert.Equal(["x/a.txt", "x/y/b.txt"], listed);
        await store.DeleteAsync(b);
        Assert.False(await store.ExistsAsync(b));
        Assert.False(Directory.Exists(Path.Combine(_root, "x", "y")));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.OpenReadAsync(b));
    }

    [Fact]
    public async Task A_failed_write_leaves_the_old_bytes_and_no_temporary_file()
    {
        var store = new FileSystemBlobStore(_root);
        var key = BlobKey.Parse("item/metadata.json");
        await store.WriteTextAsync(key, "old");
        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync(key, new FailingStream(1000)));
        Assert.Equal("old", await store.ReadTextAsync(key));
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "item")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, ".qytmp")));
        var listed = new List<BlobInfo>();
        await foreach (var info in store.ListAsync("")) listed.Add(info);
        Assert.Single(listed);
    }

    [Fact]
    public async Task Listing_with_a_traversal_prefix_is_refused()
    {
        var store = new FileSystemBlobStore(_root);
        await Assert.ThrowsAsync<InvalidBlobKeyException>(async () =>
        {
            await foreach (var _ in store.ListAsync("../")) { }
        });
    }

    /// <summary>A stream that breaks after some bytes, as a dropped upload would.</summary>
    private sealed class FailingStream(int failAfter) : Stream
    {
        private int _read;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_read >= failAfter) throw new IOException("connection reset");
            var n = Math.Min(count, failAfter - _read);
            Array.Fill(buffer, (byte)'x', offset, n);
            _read += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
