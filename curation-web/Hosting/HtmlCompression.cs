using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace QyHeritage.Web.Hosting;

/// <summary>
/// Brotli (else gzip) for the site's HTML pages, which are large (an exhibition's story page is ~170 kB) and compress
/// about tenfold. Only <c>text/html</c>: scripts and styles are sent precompressed by
/// <see cref="Features.Layout.PrecompressedAssets"/> (a response that already has a Content-Encoding is never touched),
/// JPEG tiles and GLBs do not shrink, and the IIIF and JSON answers keep their own caching.
/// <para>
/// BREACH: compressing a page that holds a secret (an anti-forgery token) next to text an attacker can put in it (a
/// search query) lets the attacker learn the secret from the compressed length. So a page that may not be cached
/// (<c>Cache-Control: no-store</c>) is sent uncompressed: ASP.NET Core's anti-forgery marks every response it puts a
/// token into so, and the signed-in pages (the workshop, the tour console) and refusals say no-store themselves. The
/// public pages that are compressed carry no secret. Over HTTPS too (behind a proxy that terminates TLS the host sees
/// HTTP anyway).
/// </para>
/// </summary>
public static class HtmlCompression
{
    public static IServiceCollection AddQyHtmlCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/html"];
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // A page is made per request: quick levels. Brotli's "optimal" is its quality 4 (its fastest, quality 1, came out
        // larger than gzip's fastest on the 60-exhibit story: 16.6 kB against 13.9 of 169 kB; bench/RESULTS.md).
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Replace(ServiceDescriptor.Singleton<IResponseCompressionProvider, NoSecretsCompressionProvider>());
        return services;
    }

    /// <summary>Compresses what the options allow, except a response marked no-store (see BREACH above).</summary>
    private sealed class NoSecretsCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            !context.Response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase)
            && base.ShouldCompressResponse(context);
    }
}
