using Microsoft.AspNetCore.Http.HttpResults;
using QyHeritage.Archive.Storage;
using QyHeritage.Iiif;
using QyHeritage.Iiif.Http;

namespace QyHeritage.Web.Hosting;

/// <summary>The endpoints of a IIIF-only node (<see cref="NodeRole.Iiif"/>): the IIIF APIs and a health check that
/// reports the blob store as a full node's does (everything this node serves comes from it).</summary>
internal static class IiifOnlyNode
{
    public static void MapIiifOnlyNode(this WebApplication app)
    {
        app.MapGet("/health", Ok<IiifNodeHealthResponse> (BlobStoreHealth storeHealth) =>
        {
            var store = storeHealth.Current;
            return TypedResults.Ok(new IiifNodeHealthResponse(HealthEndpoint.NodeStatus(store), "iiif", StorageHealth.Of(store)));
        });
        app.MapIiif();
        // Collections list the catalog, which this node does not have: the load balancer sends them to a full node.
        // (After MapIiif's CORS middleware, before the endpoints run.)
        app.Use((http, next) => http.Request.Path.StartsWithSegments(IiifRoutes.PresentationPrefix + "/collection")
            ? Results.Text("此节点只提供 IIIF 图像与清单，藏品集合请求请发往完整节点。\nThis IIIF-only node serves images and manifests; ask a full node for collections.\n",
                "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(http)
            : next(http));
    }
}
