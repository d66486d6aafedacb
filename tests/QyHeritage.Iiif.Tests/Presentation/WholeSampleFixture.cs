using Microsoft.AspNetCore.Builder;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Iiif.Tests.Presentation;

/// <summary>
/// The whole sample collection ingested without OCR and served by the real host on loopback: every
/// manifest and collection the app serves, for the round-trip and structure tests.
/// </summary>
public sealed class WholeSampleFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string DataFolder { get; } = TestPaths.NewTempFolder("iiif-whole");

    public HttpClient Client { get; private set; } = null!;

    public IReadOnlyList<string> ItemIds { get; private set; } = [];

    /// <summary>The running host's services (its archive, to publish exhibitions into).</summary>
    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = DataFolder, OcrEnabled = false });
        var report = await new IngestRunner(archive).RunAsync(TestPaths.SampleCollection);
        Assert.Empty(report.Problems);
        ItemIds = archive.Catalog.ListItems().Select(e => e.Item.Id).Order(StringComparer.Ordinal).ToList();
        _app = WebHost.Build([
            "--urls=http://127.0.0.1:0", $"--Qy:DataFolder={DataFolder}", "--Qy:IngestSampleOnFirstStart=false",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
