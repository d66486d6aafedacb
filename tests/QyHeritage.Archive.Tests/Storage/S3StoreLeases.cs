using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Storage;

/// <summary>S3 stores made for one test class (each on a fresh bucket of the shared s3rver or Ceph RGW), disposed with it.</summary>
public sealed class S3StoreLeases(Func<S3BlobStore> newStore) : IDisposable
{
    public S3StoreLeases(S3rverFixture s3) : this(() => s3.NewStore()) { }

    private readonly List<S3BlobStore> _stores = [];

    public S3BlobStore New()
    {
        var store = newStore();
        lock (_stores) _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var s in _stores) s.Dispose();
    }
}
