using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace QyHeritage.Web.Features.Layout;

/// <summary>
/// Serves the front-end build's brotli or gzip copy of a script or style sheet (<c>x.js.br</c>, <c>x.js.gz</c>, written by
/// client/build.mjs) to a browser that accepts it, with the original's content type and <c>Vary: Accept-Encoding</c>.
/// The files are compressed once at build time at the highest levels; nothing is compressed per request.
/// </summary>
internal static class PrecompressedAssets
{
    private static readonly (string Coding, string Suffix)[] Codings = [("br", ".br"), ("gzip", ".gz")];

    /// <summary>Rewrites a request under <paramref name="requestPath"/> to its compressed copy where the browser accepts one.</summary>
    public static void UsePrecompressed(this IApplicationBuilder app, string requestPath, IFileProvider files) =>
        app.Use((http, next) =>
        {
            if (!http.Request.Path.StartsWithSegments(requestPath, out var rest)) return next(http);
            var name = rest.Value ?? "";
            // The compressed copies are reached through their original's name only (asked for directly, they would go out unlabelled).
            if (Codings.Any(c => name.EndsWith(c.Suffix, StringComparison.Ordinal)))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            if (!name.EndsWith(".js", StringComparison.Ordinal) && !name.EndsWith(".css", StringComparison.Ordinal)) return next(http);
            http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
            var accepted = http.Request.GetTypedHeaders().AcceptEncoding;
            foreach (var (coding, suffix) in Codings)
            {
                if (!accepted.Any(a => a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase) && a.Quality != 0)) continue;
                if (!files.GetFileInfo(name + suffix).Exists) continue;
                http.Request.Path = requestPath + name + suffix;
                http.Response.Headers.ContentEncoding = coding;
                break;
            }
            return next(http);
        });

    /// <summary>Content types by the name without <c>.br</c>/<c>.gz</c>: x.js.br is served as a script.</summary>
    public sealed class ContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _inner = new();

        public bool TryGetContentType(string subpath, out string contentType) =>
            _inner.TryGetContentType(Codings.FirstOrDefault(c => subpath.EndsWith(c.Suffix, StringComparison.Ordinal)) is { Suffix: { } s } ? subpath[..^s.Length] : subpath, out contentType!);
    }
}
