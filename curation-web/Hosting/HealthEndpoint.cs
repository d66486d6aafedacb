using Microsoft.AspNetCore.Http.HttpResults;
using QyHeritage.Archive;
using QyHeritage.Archive.Storage;
using QyHeritage.Web.Features.FirstRun;

namespace QyHeritage.Web.Hosting;

/// <summary><c>GET /health</c> of a full node: for load balancers, monitoring and the home page's first-start progress.</summary>
internal static class HealthEndpoint
{
    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", Ok<HealthResponse> (ArchiveServices archive, FirstRunIngest firstRun, HostWarmup warmup, BlobStoreHealth storeHealth) =>
        {
            var store = storeHealth.Current;
            return TypedResults.Ok(new HealthResponse(NodeStatus(store), StorageHealth.Of(store), archive.Catalog.CountItems(), firstRun.Status, warmup.Status));
        });

    /// <summary>
    /// "degraded": the node serves, but the blob store (masters, tiles, new ingests) does not answer. Full and
    /// IIIF-only nodes say it the same way, so a balancer reads both alike.
    /// </summary>
    public static string NodeStatus(BlobStoreHealthReport store) => store.Status is "ok" or "unknown" ? "ok" : "degraded";
}

/// <summary>
/// A full node's health: "ok" or "degraded" (serving, but the blob store does not answer), the store's last check,
/// how many items the catalogue holds, the first-start ingest ("pending", "running 3/40 pages", "done", …) and the warm-up
/// of the host's first page ("pending", "running", "done", "skipped", "off", "failed": <see cref="HostWarmup"/>).
/// </summary>
public sealed record HealthResponse(string Status, StorageHealth Storage, int Items, string SampleIngest, string Warmup);

/// <summary>The blob store's last check: "ok", "unknown" (not checked yet) or what failed, with a hint.</summary>
public sealed record StorageHealth(string Status, string? Detail, DateTimeOffset? CheckedAt)
{
    public static StorageHealth Of(BlobStoreHealthReport store) => new(store.Status, store.Detail, store.CheckedAt);
}

/// <summary>A IIIF-only node's health: no catalogue or ingest to report, but the blob store it serves tiles from.</summary>
public sealed record IiifNodeHealthResponse(string Status, string Role, StorageHealth Storage);
