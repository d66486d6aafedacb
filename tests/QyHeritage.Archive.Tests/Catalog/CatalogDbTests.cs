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

    /// <summary>An item whose pages have these OCR confidences; a page is flagged below 0.8, and <paramref name="transcribed"/> pages have a transcription.</summary>
    private static Item Measured(string id, CollectionKind kind, double[] confidences, params int[] transcribed) => Sample(id, kind, confidences.Length) with
    {
        Pages = confidences.Select((c, i) => new Page
        {
            Order = i + 1, Label = (i + 1).ToString(), Width = 100, Height = 200, Master = $"master/p{i + 1:D3}.jpg",
            Derivative = i == 0 ? $"{id}/p001.tif" : null,
            OcrConfidence = c, NeedsTranscription = QyHeritage.Archive.Ocr.OcrConfidence.NeedsTranscription(c),
            Transcription = transcribed.Contains(i + 1) ? $"text/p{i + 1:D3}.txt" : null,
        }).ToList(),
    };

    [Fact]
    public void The_curators_list_pages_weakest_first_by_collection_and_leaves_out_pages_with_a_transcription()
    {
        var db = new CatalogDb(_path);
        db.Upsert(Measured("QY-RB-1", CollectionKind.RareBook, [0.42, 0.95, 0.61, 0.30], 4), 1); // p4 is weak but transcribed
        db.Upsert(Measured("QY-NP-1", CollectionKind.Newspaper, [0.55, 0.79]), 1);
        db.Upsert(Measured("QY-LH-1", CollectionKind.LocalHistory, [0.9]), 1);

        var all = db.PagesNeedingTranscription(null, 0, 10);
        Assert.Equal(4, all.Total);
        Assert.Equal(["QY-RB-1 1 0.42", "QY-NP-1 1 0.55", "QY-RB-1 3 0.61", "QY-NP-1 2 0.79"], all.Pages.Select(p => $"{p.ItemId} {p.Order} {p.Confidence}"));
        Assert.Equal(new Dictionary<CollectionKind, int> { [CollectionKind.RareBook] = 2, [CollectionKind.Newspaper] = 2 }, all.ByCollection);
        var first = all.Pages[0];
        Assert.Equal((CollectionKind.RareBook, "清遠縣志 QY-RB-1", "Qingyuan gazetteer", Script.Traditional, "1", true, "p001"),
            (first.Collection, first.TitleZh, first.TitleEn, first.Script, first.Label, first.HasImage, first.PageName));
        Assert.False(all.Pages[2].HasImage);
        Assert.Equal(4, db.CountPagesNeedingTranscription());

        // Paged: the second page of two rows, and past the end an empty page that still counts them all.
        Assert.Equal(["QY-RB-1 3", "QY-NP-1 2"], db.PagesNeedingTranscription(null, 2, 2).Pages.Select(p => $"{p.ItemId} {p.Order}"));
        var past = db.PagesNeedingTranscription(null, 10, 2);
        Assert.Empty(past.Pages);
        Assert.Equal(4, past.Total);

        // One collection: its rows and its total; the counts of the others stay for the filter.
        var newspapers = db.PagesNeedingTranscription(CollectionKind.Newspaper, 0, 10);
        Assert.Equal(2, newspapers.Total);
        Assert.Equal(["QY-NP-1 1", "QY-NP-1 2"], newspapers.Pages.Select(p => $"{p.ItemId} {p.Order}"));
        Assert.Equal(2, newspapers.ByCollection[CollectionKind.RareBook]);
        Assert.Equal(0, db.PagesNeedingTranscription(CollectionKind.LocalHistory, 0, 10).Total);

        // A new version with the weakest page transcribed takes it off the list.
        db.Upsert(Measured("QY-RB-1", CollectionKind.RareBook, [0.42, 0.95, 0.61, 0.30], 1, 4), 2);
        Assert.Equal(["QY-NP-1 1", "QY-RB-1 3", "QY-NP-1 2"], db.PagesNeedingTranscription(null, 0, 10).Pages.Select(p => $"{p.ItemId} {p.Order}"));
        Assert.Equal(3, db.CountPagesNeedingTranscription());
    }

    [Fact]
    public void The_curators_list_is_read_through_its_index()
    {
        new CatalogDb(_path);
        using var c = new SqliteConnection($"Data Source={_path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN SELECT p.item_id FROM pages p JOIN items i ON i.id = p.item_id WHERE p.needs_transcription = 1 AND p.transcription IS NULL ORDER BY p.ocr_confidence, p.item_id, p.ord LIMIT 50";
        using var r = cmd.ExecuteReader();
        var plan = new List<string>();
        while (r.Read()) plan.Add(r.GetString(3));
        Assert.Contains(plan, step => step.Contains("pages_needing_transcription", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
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
