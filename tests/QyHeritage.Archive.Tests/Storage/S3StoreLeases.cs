using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Storage;

/// <summary>S3 stores made for one test class (each on a fresh bucket of the shared s3rver), disposed with it.</summary>
public sealed class S3StoreLeases(S3rverFixture s3) : IDisposable
{
    private readonly List<S3BlobStore> _stores = [];

    public S3BlobStore New()
    {
        var store = s3.NewStore();
        lock (_stores) _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var s in _stores) s.Dispose();
    }
}
