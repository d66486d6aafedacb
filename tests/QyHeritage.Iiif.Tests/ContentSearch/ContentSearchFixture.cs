using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;
using QyHeritage.Search.Indexing;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Iiif.Tests.ContentSearch;

/// <summary>
/// One rare book (QY-RB-002, two pages) ingested WITH OCR, so its transcription is aligned to the
/// image (<c>text/pNNN.hocr</c>) and search hits have character boxes; the real host on loopback,
/// with one search result per response page so that two book pages already page.
/// </summary>
public sealed class ContentSearchFixture : IAsyncLifetime
{
    public const string ItemId = "QY-RB-002";

    private WebApplication? _app;

    public string DataFolder { get; } = TestPaths.NewTempFolder("iiif-search");

    public HttpClient Client { get; private set; } = null!;

    public ArchiveServices Archive { get; private set; } = null!;

    public string BaseUrl => Client.BaseAddress!.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        Archive = new ArchiveServices(new ArchiveOptions { DataFolder = DataFolder, OcrEnabled = true });
        var report = await new IngestRunner(Archive, recogniser: new QyHeritage.Recognition.PageRecogniser(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)).RunAsync(TestPaths.SampleSubset(ItemId));
        Assert.Empty(report.Problems);
        _app = WebHost.Build([
            "--urls=http://127.0.0.1:0", $"--Qy:DataFolder={DataFolder}", "--Qy:IngestSampleOnFirstStart=false",
            "--Qy:Iiif:SearchPageSize=1", "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        // The ingest above ran without the server's indexer: the start-up catch-up indexes the item.
        var indexer = _app.Services.GetRequiredService<SearchIndexer>();
        for (var i = 0; i < 300 && indexer.IndexedVersions().Count < 1; i++) await Task.Delay(100);
        Assert.NotEmpty(indexer.IndexedVersions());
        // The index reader reopens at most once a second.
        await Task.Delay(1100);
    }

    /// <summary>The transcription's character boxes of a page, as the ingest aligned them.</summary>
    public async Task<OcrPage> AlignedTextAsync(string page)
    {
        await using var s = await Archive.Ocfl.OpenFileAsync(ItemId, $"text/{page}.hocr");
        using var reader = new StreamReader(s);
        return Hocr.Parse(await reader.ReadToEndAsync());
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
