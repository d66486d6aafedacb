using System.Text.Json;

namespace QyHeritage.Web.Features.Layout;

/// <summary>
/// The front-end build's manifest (<c>wwwroot/dist/manifest.json</c>, written by curation-web/client/build.mjs):
/// logical names (<c>app.js</c>) to fingerprinted files. Read once; without a build the pages still work, unstyled
/// and without script, and a warning says how to build.
/// </summary>
public sealed class FrontendAssets
{
    public const string RequestPath = "/dist";
    private readonly IReadOnlyDictionary<string, string> _files;

    public FrontendAssets(IWebHostEnvironment environment, ILogger<FrontendAssets> log)
    {
        var path = Path.Combine(environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot"), "dist", "manifest.json");
        try
        {
            using var stream = File.OpenRead(path);
            _files = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            log.LogWarning("No front-end build at {Path} ({Reason}); pages are served without their styles and scripts. Run ./qy run or npm ci && npm run build -w curation-web/client.", path, e.Message);
            _files = new Dictionary<string, string>();
        }
    }

    /// <summary>The URL of a built file by its logical name, or null when the build has none.</summary>
    public string? Url(string logicalName) => _files.TryGetValue(logicalName, out var file) ? $"{RequestPath}/{file}" : null;
}
