using Microsoft.AspNetCore.Builder;
using NetVips;
using QyHeritage.Archive;
using QyHeritage.Archive.Imaging;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Storage;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Iiif.Tests;

/// <summary>
/// Once for all IIIF tests: a few sample items ingested without OCR (real pyramids, real OCFL
/// objects), one synthetic page with known colours, and the real host on a loopback port.
/// </summary>
public sealed class IiifHostFixture : IAsyncLifetime
{
    public static readonly string[] SampleItems = ["QY-RB-001", "QY-RD-002", "QY-NP-001", "QY-LH-003"];

    /// <summary>The synthetic page: 1200×900, quadrants red (top left), green (top right), blue (bottom left), white (bottom right).</summary>
    public const string Synthetic = "TEST-SYN-001~p001";
    public const int SynWidth = 1200, SynHeight = 900;

    /// <summary>Server limits in the tests, small enough to test without huge images.</summary>
    public const int MaxWidth = 3000, MaxHeight = 4000, MaxArea = 9_000_000;

    private WebApplication? _app;

    public string DataFolder { get; } = TestPaths.NewTempFolder("iiif");

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public ArchiveServices Archive { get; private set; } = null!;

    public IngestReport Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Archive = new ArchiveServices(new ArchiveOptions { DataFolder = DataFolder, OcrEnabled = false });
        Report = await new IngestRunner(Archive).RunAsync(TestPaths.SampleSubset(SampleItems));
        await StoreSyntheticPyramidAsync(Archive);

        _app = WebHost.Build([
            "--urls=http://127.0.0.1:0", $"--Qy:DataFolder={DataFolder}", "--Qy:IngestSampleOnFirstStart=false",
            $"--Qy:Iiif:MaxWidth={MaxWidth}", $"--Qy:Iiif:MaxHeight={MaxHeight}", $"--Qy:Iiif:MaxArea={MaxArea}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string BaseUrl => Client.BaseAddress!.ToString().TrimEnd('/');

    /// <summary>The stored pyramid file of a page.</summary>
    public string PyramidPath(string itemId, string page) => Archive.Store.TryGetLocalPath(ArchiveKeys.Pyramid(itemId, page))!;

    /// <summary>Writes the synthetic page's pyramid (<see cref="Synthetic"/>) into a store.</summary>
    internal static async Task StoreSyntheticPyramidAsync(ArchiveServices archive)
    {
        var folder = TestPaths.NewTempFolder("synthetic");
        var master = Path.Combine(folder, "quadrants.png");
        int hw = SynWidth / 2, hh = SynHeight / 2;
        using (var red = Image.Black(hw, hh, bands: 3).NewFromImage(255, 0, 0))
        using (var green = Image.Black(hw, hh, bands: 3).NewFromImage(0, 255, 0))
        using (var blue = Image.Black(hw, hh, bands: 3).NewFromImage(0, 0, 255))
        using (var white = Image.Black(hw, hh, bands: 3).NewFromImage(255, 255, 255))
        using (var all = Image.Arrayjoin([red, green, blue, white], across: 2))
        using (var srgb = all.Copy(interpretation: Enums.Interpretation.Srgb))
        {
            srgb.Pngsave(master);
        }
        var pyramid = Path.Combine(folder, "p001.tif");
        new PyramidBuilder(new ImagingOptions()).Build(master, pyramid);
        await using var s = File.OpenRead(pyramid);
        await archive.Store.WriteAsync(ArchiveKeys.Pyramid("TEST-SYN-001", "p001"), s);
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

[CollectionDefinition(Name)]
public sealed class IiifCollection : ICollectionFixture<IiifHostFixture>
{
    public const string Name = "iiif host";
}
