using QyHeritage.Archive.Catalog;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Ocfl;

namespace QyHeritage.Archive.Tests.Exhibitions;

/// <summary>A small valid exhibition and the catalogued items it shows.</summary>
internal static class ExhibitionSamples
{
    public static Exhibition Rivers(string label = "溱水过湞陽") => new(
        "rivers",
        new Bilingual("北江历史", "History of the North River"),
        new Bilingual("从溱水到北江", "From the Zhen to the North River"),
        new Bilingual("北江是珠江的第二大支流。", "The North River is the second largest branch of the Pearl River."),
        ExhibitionHalls.BeijiangGallery,
        "zhen-gorge",
        [
            new ExhibitionSection("upper", new Bilingual("上游", "Upper reaches"), null,
            [
                new Exhibit("zhen-gorge", "QY-RB-008", 1, new PixelRegion(100, 300, 800, 1200), new Bilingual(label, "The Zhen through Zhenyang"),
                    new Bilingual("《水经注》记溱水。", "The Commentary on the Water Classic."),
                    [new TourQuestion(QuestionKind.Single, new Bilingual("溱水今称什么？", "What is the Zhen called today?"),
                        [new Bilingual("北江", "North River"), new Bilingual("连江", "Lian River")], [0])]),
                new Exhibit("kuang", "QY-RB-009", 2, null, new Bilingual("洭水", "The Kuang river")),
            ]),
        ]);

    public static Item Item(string id, int pages) => new()
    {
        Id = id,
        Collection = CollectionKind.RareBook,
        TitleZh = "水經注 " + id,
        TitleEn = "Commentary on the Water Classic",
        Creator = "酈道元 撰",
        Source = "Kanripo KR2k0058",
        Rights = "CC BY-SA 4.0",
        Script = Script.Traditional,
        Layout = TextLayout.VerticalRightToLeft,
        Pages = Enumerable.Range(1, pages).Select(o => new Page
        {
            Order = o, Label = $"{o}a", Width = 2400, Height = 3400, Master = $"master/p{o:D3}.jpg", Derivative = $"derivatives/{id}/p{o:D3}.tif",
        }).ToList(),
    };

    /// <summary>Stores an item as ingest would (its metadata.json as an OCFL version) and catalogues it.</summary>
    public static async Task<int> IngestAsync(ArchiveServices archive, Item item, string message = "ingest")
    {
        var result = await archive.Ocfl.CommitAsync(item.Id, [OcflContent.FromBytes(ItemMetadata.LogicalPath, ItemMetadata.ToUtf8(item))],
            new OcflVersionInfo(message, "ingest", null, DateTimeOffset.UtcNow));
        archive.Catalog.Upsert(item, result.Version);
        return result.Version;
    }

    public static ArchiveServices NewArchive() => new(new ArchiveOptions { DataFolder = TestPaths.NewTempFolder("exhibitions") });
}
