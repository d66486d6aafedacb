using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using QyHeritage.Iiif.ImageApi;

namespace QyHeritage.Iiif.Metrics;

/// <summary>
/// Request metrics through OpenTelemetry, scraped by Prometheus at /metrics:
/// <list type="bullet">
/// <item><c>http_server_request_duration_seconds</c> (ASP.NET Core): rate and latency per route and status.</item>
/// <item><c>qy_iiif_image_responses_total{source}</c>: rendered, passthrough, cache, shared, so cache hit and passthrough ratios are one PromQL division.</item>
/// <item><c>qy_iiif_image_bytes_total{source}</c> and <c>qy_iiif_image_duration_seconds{source}</c>: bytes out, time to make each image.</item>
/// </list>
/// </summary>
public static class IiifMetrics
{
    public const string Path = "/metrics";

    public static IServiceCollection AddIiifMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(ImageStats.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    public static void MapIiifMetrics(this IEndpointRouteBuilder app) => app.MapPrometheusScrapingEndpoint(Path);
}
