using Microsoft.AspNetCore.Builder;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Web.Tests.Hosting;

/// <summary>The real host on a free loopback port, over its own data folder; stopped on dispose.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningHost(WebApplication app, HttpClient client, string dataFolder)
    {
        _app = app;
        Client = client;
        DataFolder = dataFolder;
    }

    public HttpClient Client { get; }

    public string DataFolder { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<RunningHost> StartAsync(string dataFolder, params string[] extraArgs) => StartAsync(dataFolder, null, extraArgs);

    /// <summary>As above, with a hook on the builder (e.g. a logger provider that a test reads).</summary>
    public static async Task<RunningHost> StartAsync(string dataFolder, Action<WebApplicationBuilder>? configure, params string[] extraArgs)
    {
        // A hall's panoramas are rendered in the background on publish or on the hall page's first view (seconds each on
        // llvmpipe, beside the browser tests' SwiftShader on the same cores): only the halls' own tests want that, and
        // they turn the renderer back on (a later argument wins).
        var args = new[] { "--urls=http://127.0.0.1:0", $"--Qy:DataFolder={dataFolder}", "--Qy:Halls:Renderer=off" }.Concat(extraArgs).ToArray();
        var app = WebHost.Build(args, configure);
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        return new RunningHost(app, client, dataFolder);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
