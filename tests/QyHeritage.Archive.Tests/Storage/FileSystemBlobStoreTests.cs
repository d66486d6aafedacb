using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Storage;

public class FileSystemBlobStoreTests
{
    private readonly string _root = TestPaths.NewTempFolder("blobstore");

    [Fact]
    public async Task Deleting_the_last_blob_of_a_folder_prunes_the_empty_folders()
    {
        var store = new FileSystemBlobStore(_root);
        var b = BlobKey.Parse("x/y/b.txt");
        await store.WriteTextAsync(BlobKey.Parse("x/a.txt"), "甲");
        await store.WriteTextAsync(b, "乙乙");
        await store.DeleteAsync(b);
        Assert.False(Directory.Exists(Path.Combine(_root, "x", "y")));
        Assert.True(Directory.Exists(Path.Combine(_root, "x")));
    }

    [Fact]
    public async Task A_failed_write_leaves_no_temporary_file()
    {
        var store = new FileSystemBlobStore(_root);
        var key = BlobKey.Parse("item/metadata.json");
        await store.WriteTextAsync(key, "old");
        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync(key, new BlobStoreContractTests.FailingStream(1000)));
        Assert.Equal("old", await store.ReadTextAsync(key));
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "item")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, ".qytmp")));
        var listed = new List<BlobInfo>();
        await foreach (var info in store.ListAsync("")) listed.Add(info);
        Assert.Single(listed);
    }
}
