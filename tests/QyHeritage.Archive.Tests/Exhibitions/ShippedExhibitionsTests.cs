using QyHeritage.Archive.Catalog;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Ingest;

namespace QyHeritage.Archive.Tests.Exhibitions;

/// <summary>The two exhibitions in assets/exhibitions against the real sample collection.</summary>
public class ShippedExhibitionsTests
{
    private static string Folder => Path.Combine(TestPaths.RepoRoot, "assets", "exhibitions");

    /// <summary>The sample's items as the catalog would hold them, with each page's real image size.</summary>
    private static Dictionary<string, CatalogEntry> SampleCatalog()
    {
        var (items, problems) = SampleCollectionReader.Read(TestPaths.SampleCollection);
        Assert.Empty(problems);
        return items.ToDictionary(s => s.Item.Id, s => new CatalogEntry(s.Item with
        {
            Pages = s.Pages.Select(p =>
            {
                using var image = NetVips.Image.NewFromFile(p.ImagePath!);
                return new Page { Order = p.Order, Label = p.Label, Width = image.Width, Height = image.Height, Derivative = "d" };
            }).ToList(),
        }, 1));
    }

    [Fact]
    public void Both_shipped_exhibitions_are_valid_and_every_region_lies_on_a_real_page()
    {
        var catalog = SampleCatalog();
        var files = Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["beijiang-history.json", "qingyuan-tea.json"], files.Select(Path.GetFileName));
        foreach (var file in files)
        {
            var e = ExhibitionJson.ParseValid(File.ReadAllBytes(file), file);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), e.Id);
            Assert.Empty(ExhibitionRules.CheckAgainstCatalog(e, id => catalog.GetValueOrDefault(id)));
            Assert.All(e.Exhibits, x => Assert.False(string.IsNullOrWhiteSpace(x.Label.En), $"{x.Id} has no English label"));
        }
        var rivers = ExhibitionJson.ParseValid(File.ReadAllBytes(files[0]), "rivers");
        Assert.Equal(ExhibitionHalls.BeijiangGallery, rivers.Hall);
        // The rivers the issue names are all there: 溱水, 洭水, 北江源流, 峽山 and the Wikipedia article.
        Assert.Superset(new HashSet<string> { "QY-RB-008", "QY-RB-009", "QY-RB-004", "QY-RB-006", "QY-RB-007", "QY-RB-010", "QY-LH-003" },
            rivers.Exhibits.Select(x => x.Item).ToHashSet());
        var tea = ExhibitionJson.ParseValid(File.ReadAllBytes(files[1]), "tea");
        Assert.Equal(ExhibitionHalls.TeaPavilion, tea.Hall);
        Assert.Superset(new HashSet<string> { "QY-LH-001", "QY-LH-002" }, tea.Exhibits.Select(x => x.Item).ToHashSet());
    }

    [Fact]
    public async Task Installing_publishes_once_and_leaves_a_curators_later_version_alone()
    {
        var archive = ExhibitionSamples.NewArchive();
        foreach (var (_, entry) in SampleCatalog()) archive.Catalog.Upsert(entry.Item, 1);
        var store = new ExhibitionStore(archive);

        var first = await ShippedExhibitions.InstallAsync(store, archive.Catalog, Folder);
        Assert.Empty(first.Problems);
        Assert.Equal(["beijiang-history", "qingyuan-tea"], first.Published);
        var tea = (await store.GetPublishedAsync("qingyuan-tea"))!;
        Assert.Equal(ShippedExhibitions.User, tea.Published!.By);
        Assert.All(tea.Exhibits, x => Assert.Equal(1, x.Source!.ItemVersion));

        await store.SaveVersionAsync(tea with { Title = new Bilingual("清远茶文化（修订）", "Tea culture of Qingyuan (revised)") }, "curator-li", "retitle");
        var again = await ShippedExhibitions.InstallAsync(store, archive.Catalog, Folder);
        Assert.Empty(again.Published);
        Assert.Equal("清远茶文化（修订）", (await store.GetAsync("qingyuan-tea"))!.Title.Zh);
    }

    [Fact]
    public async Task Without_the_items_catalogued_nothing_is_installed_and_the_reason_is_given()
    {
        var archive = ExhibitionSamples.NewArchive();
        var result = await ShippedExhibitions.InstallAsync(new ExhibitionStore(archive), archive.Catalog, Folder);
        Assert.Empty(result.Published);
        Assert.Equal(2, result.Problems.Count);
        Assert.Contains("QY-RB-008", result.Problems[0]);
        Assert.Empty(await archive.Ocfl.ListObjectIdsAsync().ToListAsync());
    }
}
