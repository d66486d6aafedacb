using Microsoft.Data.Sqlite;
using QyHeritage.Archive.Catalog;
using QyHeritage.Archive.Domain;

namespace QyHeritage.Archive.Tests.Catalog;

public class CatalogDbTests
{
    private readonly string _path = Path.Combine(TestPaths.NewTempFolder("catalog"), "catalog.db");

    private static Item Sample(string id, CollectionKind kind, int pages) => new()
    {
        Id = id,
        Collection = kind,
        TitleZh = "清遠縣志 " + id,
        TitleEn = "Qingyuan gazetteer",
        Date = new ItemDate("光緒十五年", "1889", 1889, 1889, false),
        Script = Script.Traditional,
        Layout = TextLayout.VerticalRightToLeft,
        Pages = Enumerable.Range(1, pages).Select(o => new Page { Order = o, Label = o.ToString(), Width = 100, Height = 200, Master = $"master/p{o:D3}.jpg" }).ToList(),
    };

    [Fact]
    public void Upserted_items_list_back_with_their_pages()
    {
        var db = new CatalogDb(_path);
        db.Upsert(Sample("QY-B", CollectionKind.RareBook, 2), 1);
        db.Upsert(Sample("QY-A", CollectionKind.Newspaper, 1), 3);
        db.Upsert(Sample("QY-B", CollectionKind.RareBook, 3), 2); // a new version replaces the rows
        var all = db.ListItems();
        Assert.Equal(["QY-A", "QY-B"], all.Select(e => e.Item.Id).OrderBy(x => x));
        var b = db.FindItem("QY-B")!;
        Assert.Equal(3, b.Item.Pages.Count);
        Assert.Equal(2, b.OcflVersion);
        Assert.Equal(1889, b.Item.Date.StartYear);
        Assert.Equal(["QY-B"], db.ListItems(CollectionKind.RareBook).Select(e => e.Item.Id));
        Assert.Null(db.FindItem("QY-C"));
    }

    [Fact]
    public void Migrations_are_recorded_and_reopening_keeps_the_data()
    {
        new CatalogDb(_path).Upsert(Sample("QY-A", CollectionKind.RareBook, 1), 1);
        var again = new CatalogDb(_path);
        Assert.Equal(1, again.CountItems());
        using var c = new SqliteConnection($"Data Source={_path}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA user_version";
        Assert.Equal(CatalogDb.SchemaVersion, Convert.ToInt32(cmd.ExecuteScalar()));
    }

    [Fact]
    public void A_catalog_from_a_newer_program_is_refused_with_advice()
    {
        new CatalogDb(_path);
        using (var c = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 99";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidOperationException>(() => new CatalogDb(_path));
        Assert.Contains("qy rebuild", e.Message);
    }

    [Fact]
    public async Task A_reader_and_a_writer_in_parallel_do_not_collide()
    {
        var writer = new CatalogDb(_path);
        var reader = new CatalogDb(_path);
        var write = Task.Run(() => { for (var i = 0; i < 200; i++) writer.Upsert(Sample($"QY-{i}", CollectionKind.RareBook, 2), 1); });
        var read = Task.Run(() => { while (!write.IsCompleted) Assert.All(reader.ListItems(), e => Assert.Equal(2, e.Item.Pages.Count)); });
        await Task.WhenAll(write, read);
        Assert.Equal(200, reader.CountItems());
    }
}
