using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using QyHeritage.Archive;

namespace QyHeritage.Web.Hosting;

/// <summary>
/// Right after the host starts, it reads one item page as a browser would — the page, its scripts and styles, its page
/// image, the first page's info.json and a tile — over loopback, so that the first visitor does not pay for the JIT, the first Razor
/// render, the compressor and the first pyramid open (bench/school-line.sh: the host's first page after start took
/// 2.1 s to its first tile, a later cold browser 0.8 s). /health reports it as "warmup"; a failure only costs the
/// first visitor that time again, so it is logged at Debug and never stops the host.
/// </summary>
public sealed partial class HostWarmup(IServer server, ArchiveServices archive, ILogger<HostWarmup> log)
{
    private volatile string _status = "pending";

    /// <summary>"pending", "running", "done", "skipped" (no item yet, or no loopback address), "off" (Qy:WarmUpOnStart=false) or "failed".</summary>
    public string Status => _status;

    /// <summary>Starts the warm-up in the background (unless switched off); returns at once.</summary>
    public void Start(bool enabled, CancellationToken stopping)
    {
        if (enabled) _ = Task.Run(() => RunAsync(stopping), stopping);
        else _status = "off";
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var item = archive.Catalog.ListItems().Select(e => e.Item).FirstOrDefault(i => i.Pages.Count > 0);
        var address = LoopbackAddress(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        if (item is null || address is null)
        {
            _status = "skipped";
            return;
        }
        _status = "running";
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, UseCookies = false })
            {
                BaseAddress = address,
                Timeout = TimeSpan.FromSeconds(60),
            };
            var page = await http.GetStringAsync($"/items/{item.Id}", ct);
            foreach (var asset in AssetLinks().Matches(page).Select(m => m.Groups["url"].Value).Distinct())
                await ReadAsync(http, asset, ct);
            // The page image shown before the deep-zoom viewer (PageImage): the first "!w,h" render of a pyramid.
            if (PageImageLink().Match(page) is { Success: true } shown) await ReadAsync(http, WebUtility.HtmlDecode(shown.Groups["url"].Value), ct);
            var image = $"/iiif/3/{item.Id}~{item.Pages[0].Name}";
            await ReadAsync(http, $"{image}/info.json", ct);
            await ReadAsync(http, $"{image}/0,0,512,512/256,/0/default.jpg", ct);
            _status = "done";
            LogWarm(log, item.Id, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            _status = "failed";
            LogFailed(log, address, e.Message);
        }
    }

    private static async Task ReadAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        await response.Content.CopyToAsync(Stream.Null, ct);
    }

    /// <summary>The host's own first http address on loopback ("http://[::]:5080" and "http://+:80" become 127.0.0.1).</summary>
    public static Uri? LoopbackAddress(IEnumerable<string> addresses)
    {
        foreach (var a in addresses)
        {
            var wildcard = a.Replace("://+:", "://127.0.0.1:").Replace("://*:", "://127.0.0.1:").Replace("://[::]:", "://127.0.0.1:").Replace("://0.0.0.0:", "://127.0.0.1:");
            if (!Uri.TryCreate(wildcard, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp) continue;
            if (uri.IsLoopback || uri.Host == "localhost") return new Uri($"http://127.0.0.1:{uri.Port}/");
        }
        return null;
    }

    [GeneratedRegex("""(?:src|href)="(?<url>/dist/[^"?#]+)""")]
    private static partial Regex AssetLinks();

    [GeneratedRegex("""<img class="page-image" src="(?<url>/iiif/3/[^"]+)""")]
    private static partial Regex PageImageLink();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warmed up on {Item} in {Milliseconds:F0} ms")]
    private static partial void LogWarm(ILogger logger, string item, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm-up over {Address} failed ({Reason}); the first visitor waits for the JIT instead")]
    private static partial void LogFailed(ILogger logger, Uri address, string reason);
}
