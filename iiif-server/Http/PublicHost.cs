using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QyHeritage.Iiif.ImageApi;

namespace QyHeritage.Iiif.Http;

/// <summary>
/// Which host a request may put into the documents it gets back. Without Qy:PublicBaseUrl, ids are
/// made from the request's Host, which any client can forge; so a host that is not one of
/// <see cref="IiifOptions.AllowedHosts"/> (loopback names unless configured) gets a bilingual 400,
/// for every route of the host (this also keeps DNS-rebinding pages off the admin routes), and
/// every /iiif response varies by Host so that no shared cache hands one host's ids to another.
/// Forwarded headers (X-Forwarded-For/Proto/Host) are read only from <see cref="IiifOptions.ForwardedProxies"/>;
/// with none configured they are never read (ASP.NET's own default would trust loopback).
/// </summary>
public static class PublicHost
{
    private const string Mounted = "QyHeritage.Iiif.PublicHost";

    /// <summary>Mounts forwarded headers (when proxies are configured) and the host check; once per app, before anything that reads the host.</summary>
    public static WebApplication UsePublicHost(this WebApplication app)
    {
        var properties = ((IApplicationBuilder)app).Properties;
        if (!properties.TryAdd(Mounted, true)) return app;
        var options = app.Services.GetRequiredService<IiifOptions>();
        if (options.ForwardedProxies.Count > 0) app.UseForwardedHeaders(ForwardedFrom(options.ForwardedProxies));
        if (options.HasPublicBaseUrl) return app; // ids never come from the request
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PublicHost));
        var vary = options.ForwardedProxies.Count > 0 ? new[] { "Host", "X-Forwarded-Host", "X-Forwarded-Proto" } : ["Host"];
        app.Use((http, next) =>
        {
            if (!PublicUrls.IsAllowedHost(http.Request.Host, options)) return RefuseAsync(http, log);
            if (http.Request.Path.StartsWithSegments("/iiif")) http.Response.OnStarting(() => AddVary(http.Response, vary));
            return next();
        });
        return app;
    }

    /// <summary>
    /// ASP.NET's options with its loopback defaults removed: only the configured addresses
    /// ("10.0.0.5") and networks ("10.0.0.0/8") are trusted, one hop deep.
    /// </summary>
    public static ForwardedHeadersOptions ForwardedFrom(IEnumerable<string> proxies)
    {
        var o = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        };
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        foreach (var p in proxies)
        {
            if (p.Contains('/', StringComparison.Ordinal)) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(p));
            else o.KnownProxies.Add(IPAddress.Parse(p));
        }
        return o;
    }

    private static Task AddVary(HttpResponse response, string[] names)
    {
        var present = response.Headers.Vary.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        var missing = names.Where(n => !present.Contains(n, StringComparer.OrdinalIgnoreCase));
        response.Headers.Vary = string.Join(", ", present.Concat(missing));
        return Task.CompletedTask;
    }

    private static Task RefuseAsync(HttpContext http, ILogger log)
    {
        var host = RegionParameter.Printable(http.Request.Host.Value ?? "");
        return ImageEndpoints.ErrorAsync(http, log, StatusCodes.Status400BadRequest,
            $"host: 主机名 '{host}' 不在允许之列（设置 Qy:PublicBaseUrl，或把它加入 Qy:AllowedHosts）· host '{host}' is not allowed (set Qy:PublicBaseUrl, or add it to Qy:AllowedHosts)");
    }
}
