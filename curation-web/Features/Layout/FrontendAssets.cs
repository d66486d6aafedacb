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
    private readonly IReadOnlyDictionary<string, string[]> _imports = new Dictionary<string, string[]>();

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
            return;
        }
        // imports.json came with the manifest (build.mjs); an older build without it only loses the preloads.
        try
        {
            using var stream = File.OpenRead(Path.Combine(Path.GetDirectoryName(path)!, "imports.json"));
            _imports = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream) ?? [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            log.LogDebug("No imports.json beside {Path} ({Reason}): pages link no module preloads.", path, e.Message);
        }
    }

    /// <summary>The URL of a built file by its logical name, or null when the build has none.</summary>
    public string? Url(string logicalName) => _files.TryGetValue(logicalName, out var file) ? $"{RequestPath}/{file}" : null;

    /// <summary>
    /// The URLs of the chunks a built module imports statically (transitively), and with <paramref name="withModule"/>
    /// the module itself: for <c>&lt;link rel="modulepreload"&gt;</c>, so a school line fetches them beside the page
    /// rather than one round trip after the module (or, for a module imported dynamically, before the script asks).
    /// </summary>
    public IEnumerable<string> ModulePreloads(string logicalName, bool withModule)
    {
        if (withModule && Url(logicalName) is { } self) yield return self;
        if (!_imports.TryGetValue(logicalName, out var chunks)) yield break;
        foreach (var chunk in chunks) yield return $"{RequestPath}/{chunk}";
    }
}
