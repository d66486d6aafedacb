using QyHeritage.Archive.Storage;

namespace QyHeritage.Web.Hosting;

/// <summary>What every node's /health says of the blob store, full or IIIF-only: a balancer reads both the same way.</summary>
internal static class StorageHealthJson
{
    /// <summary>"degraded": the node serves, but the blob store (masters, tiles, new ingests) does not answer.</summary>
    public static string Status(BlobStoreHealthReport store) => store.Status is "ok" or "unknown" ? "ok" : "degraded";

    public static object Storage(BlobStoreHealthReport store) => new { status = store.Status, detail = store.Detail, checkedAt = store.CheckedAt };
}
