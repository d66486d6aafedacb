using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QyHeritage.Iiif.ContentSearch;
using QyHeritage.Iiif.Http;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.Metrics;
using QyHeritage.Iiif.Presentation;

namespace QyHeritage.Iiif;

/// <summary>
/// How a host mounts the IIIF endpoints: <c>builder.Services.AddIiif(builder.Configuration)</c>,
/// then <c>app.MapIiif()</c>. Needs an <see cref="Archive.ArchiveServices"/> singleton.
/// </summary>
public static class IiifHosting
{
    public static IServiceCollection AddIiif(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new IiifOptions();
        configuration.GetSection(IiifOptions.Section).Bind(options);
        options.PublicBaseUrl ??= configuration["Qy:PublicBaseUrl"];
        options.AllowedHosts = [.. IiifOptions.LoopbackHosts
            .Concat(options.AllowedHosts)
            .Concat(ConfigList(configuration, "Qy:AllowedHosts"))
            .Concat(ConfigList(configuration, "AllowedHosts").Where(h => h != "*")) // ASP.NET's own key; its "*" means "no filter", not "trust any host in ids"
            .Select(h => h.Trim()).Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
        options.ForwardedProxies = [.. options.ForwardedProxies.Concat(ConfigList(configuration, "Qy:ForwardedProxies")).Distinct(StringComparer.Ordinal)];
        services.AddSingleton(options);
        // Process-wide and first: libvips (ingest, images) must allocate under these settings from the start.
        Caching.NativeAllocator.Configure(options.MallocMmapThresholdKilobytes,
            options.MallocArenas switch { 0 => Environment.ProcessorCount, < 0 => 0, var n => n });
        services.AddSingleton<ImageStats>();
        services.AddSingleton<ImageService>();
        services.AddSingleton<ItemDocuments>();
        services.AddIiifMetrics();
        return services;
    }

    /// <summary>A list setting given as "a;b" (or "a,b") or as an array section (Key:0, Key:1).</summary>
    private static IEnumerable<string> ConfigList(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.Value is { } joined ? joined.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
        return values.Concat(section.GetChildren().Select(c => c.Value).OfType<string>());
    }

    /// <summary>Image API 3.0 at /iiif/3/, Presentation 3.0 at /iiif/presentation/, Content Search 2.0 at /iiif/search/ and /iiif/autocomplete/, CORS on every IIIF response, /metrics for Prometheus.</summary>
    public static WebApplication MapIiif(this WebApplication app)
    {
        app.UsePublicHost(); // a no-op where the host has mounted it already, first in its pipeline
        app.Use(AddCors);
        app.MapImageApi();
        app.MapPresentationApi();
        app.MapContentSearch();
        app.MapIiifMetrics();
        return app;
    }

    /// <summary>
    /// IIIF resources are public and meant for viewers on other sites: every response under /iiif,
    /// errors included, allows any origin (https://iiif.io/api/image/3.0/#71-cors); preflights are answered here.
    /// </summary>
    private static Task AddCors(HttpContext http, Func<Task> next)
    {
        if (!http.Request.Path.StartsWithSegments("/iiif")) return next();
        var h = http.Response.Headers;
        h.AccessControlAllowOrigin = "*";
        h.AccessControlExposeHeaders = "Link, ETag, Last-Modified, Content-Length, X-Qy-Image-Source";
        if (HttpMethods.IsOptions(http.Request.Method))
        {
            h.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
            h.AccessControlAllowHeaders = http.Request.Headers.AccessControlRequestHeaders.Count > 0
                ? http.Request.Headers.AccessControlRequestHeaders.ToString()
                : "Accept, If-None-Match, If-Modified-Since, Range";
            h.AccessControlMaxAge = "86400";
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }
        return next();
    }
}
