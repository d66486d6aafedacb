using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Iiif;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Immersive.Compiling;
using QyHeritage.Immersive.Templates;

namespace QyHeritage.Immersive.Tests;

/// <summary>
/// Once for the compiler tests: the items of the two shipped exhibitions ingested without OCR (real pyramids),
/// the exhibitions installed and published as on first start, the real Image API service in this process,
/// and the hall templates from <c>assets/halls</c>.
/// </summary>
public sealed class HallFixture : IAsyncLifetime
{
    public static readonly string[] Items =
        ["QY-RB-003", "QY-RB-004", "QY-RB-006", "QY-RB-007", "QY-RB-008", "QY-RB-009", "QY-RB-010", "QY-LH-001", "QY-LH-002", "QY-LH-003"];

    public string DataFolder { get; } = TestPaths.NewTempFolder("halls");

    public ArchiveServices Archive { get; private set; } = null!;

    public ImageService Images { get; private set; } = null!;

    public IReadOnlyDictionary<string, HallTemplate> Templates { get; private set; } = null!;

    public Exhibition Beijiang { get; private set; } = null!;

    public Exhibition Tea { get; private set; } = null!;

    public static string TemplatesFolder => Path.Combine(TestPaths.RepoRoot, "assets", "halls");

    public async Task InitializeAsync()
    {
        Archive = new ArchiveServices(new ArchiveOptions { DataFolder = DataFolder, OcrEnabled = false });
        await new IngestRunner(Archive).RunAsync(TestPaths.SampleSubset(Items));
        var store = new ExhibitionStore(Archive);
        var installed = await ShippedExhibitions.InstallAsync(store, Archive.Catalog, Path.Combine(TestPaths.RepoRoot, "assets", "exhibitions"));
        Assert.Empty(installed.Problems);
        Beijiang = (await store.GetPublishedAsync("beijiang-history"))!;
        Tea = (await store.GetPublishedAsync("qingyuan-tea"))!;
        Images = new ImageService(Archive, new IiifOptions(), new ImageStats(), NullLogger<ImageService>.Instance);
        Templates = HallTemplateJson.LoadFolder(TemplatesFolder);
    }

    public PictureSource Pictures => (item, page, region, w, h, ct) => Images.RegionJpegAsync(item, page, region, w, h, ct);

    public HallCompiler Compiler() => new(Templates, Pictures);

    /// <summary>
    /// An exhibition of <paramref name="count"/> exhibits in sections of up to six, cycling through the shipped
    /// exhibits (same pictures, new ids), published, in a template.
    /// </summary>
    public Exhibition Synthetic(int count, string hall = "beijiang-gallery", Func<Exhibit, int, Exhibit>? edit = null) =>
        SyntheticExhibitions.Make(Beijiang, Tea, count, hall, edit);

    public Task DisposeAsync()
    {
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class HallCollection : ICollectionFixture<HallFixture>
{
    public const string Name = "halls";
}
