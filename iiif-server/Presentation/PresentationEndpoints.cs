using Microsoft.AspNetCore.Routing;

namespace QyHeritage.Iiif.Presentation;

/// <summary>Presentation API 3.0 routes (filled in below).</summary>
public static class PresentationEndpoints
{
    public static void MapPresentationApi(this IEndpointRouteBuilder app)
    {
    }
}
