using Microsoft.Data.Sqlite;
using QyHeritage.Archive.Domain;

namespace QyHeritage.Archive.Catalog;

/// <summary>A catalogued item as listed: the item plus the OCFL version the row was made from.</summary>
public sealed record CatalogEntry(Item Item, int OcflVersion);

/// <summary>
/// The SQLite catalog: an index of items and pages for listing and lookup, derived from storage
/// (see <see cref="CatalogRebuilder"/>). WAL mode and a busy timeout let an ingest process write
/// while the web host reads, without lock errors. Each call opens its own connection (pooled).
/// </summary>
public sealed class CatalogDb
{
    private readonly string _connectionString;

    public CatalogDb(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Migrate();
    }

    /// <summary>The schema version this code writes, for tests and diagnostics.</summary>
    public static int SchemaVersion => CatalogMigrations.All.Count;

    /// <summary>An open connection to the catalog, for indexes kept beside the items (exhibitions).</summary>
    internal SqliteConnection Connect() => Open();

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        // busy_timeout makes a reader wait for a writer's commit instead of failing with SQLITE_BUSY.
        cmd.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";
        cmd.ExecuteNonQuery();
        return c;
    }

    private void Migrate()
    {
        using var c = Open();
        using (var wal = c.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }
        using var lockTx = c.BeginTransaction(System.Data.IsolationLevel.Serializable);
        var current = Convert.ToInt32(Scalar(c, lockTx, "PRAGMA user_version"));
        if (current > CatalogMigrations.All.Count)
            throw new InvalidOperationException(
                $"The catalog's schema version {current} is newer than this program knows ({CatalogMigrations.All.Count}). Upgrade QyHeritage or run 'qy rebuild'.");
        for (var v = current; v < CatalogMigrations.All.Count; v++)
        {
            Exec(c, lockTx, CatalogMigrations.All[v]);
            Exec(c, lockTx, $"PRAGMA user_version = {v + 1}");
        }
        lockTx.Commit();
    }

    /// <summary>Inserts or replaces an item and all of its pages, in one transaction.</summary>
    public void Upsert(Item item, int ocflVersion)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        UpsertIn(c, tx, item, ocflVersion);
        tx.Commit();
    }

    /// <summary>Replaces the whole content with <paramref name="entries"/> in one transaction (rebuild).</summary>
    public void ReplaceAll(IEnumerable<CatalogEntry> entries)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        Exec(c, tx, "DELETE FROM pages; DELETE FROM items;");
        foreach (var e in entries) UpsertIn(c, tx, e.Item, e.OcflVersion);
        tx.Commit();
    }

    private static void UpsertIn(SqliteConnection c, SqliteTransaction tx, Item item, int ocflVersion)
    {
        using (var del = c.CreateCommand())
        {
            del.Transaction = tx;
            del.CommandText = "DELETE FROM pages WHERE item_id = $id; DELETE FROM items WHERE id = $id;";
            del.Parameters.AddWithValue("$id", item.Id);
            del.ExecuteNonQuery();
        }
        using (var ins = c.CreateCommand())
        {
            ins.Transaction = tx;
            ins.CommandText = """
                INSERT INTO items (id, collection, title_zh, title_en, creator, date_as_written, date_edtf, year_start, year_end,
                    date_approximate, place, language_script, script, layout, rights, source, image_origin, description, ocfl_version)
                VALUES ($id, $collection, $title_zh, $title_en, $creator, $date_as_written, $date_edtf, $year_start, $year_end,
                    $date_approximate, $place, $language_script, $script, $layout, $rights, $source, $image_origin, $description, $ocfl_version)
                """;
            var p = ins.Parameters;
            p.AddWithValue("$id", item.Id);
            p.AddWithValue("$collection", item.Collection.Code());
            p.AddWithValue("$title_zh", item.TitleZh);
            p.AddWithValue("$title_en", item.TitleEn);
            p.AddWithValue("$creator", item.Creator);
            p.AddWithValue("$date_as_written", item.Date.AsWritten);
            p.AddWithValue("$date_edtf", (object?)item.Date.Edtf ?? DBNull.Value);
            p.AddWithValue("$year_start", (object?)item.Date.StartYear ?? DBNull.Value);
            p.AddWithValue("$year_end", (object?)item.Date.EndYear ?? DBNull.Value);
            p.AddWithValue("$date_approximate", item.Date.Approximate ? 1 : 0);
            p.AddWithValue("$place", item.Place);
            p.AddWithValue("$language_script", item.LanguageScript);
            p.AddWithValue("$script", item.Script.ToString());
            p.AddWithValue("$layout", item.Layout.ToString());
            p.AddWithValue("$rights", item.Rights);
            p.AddWithValue("$source", item.Source);
            p.AddWithValue("$image_origin", item.ImageOrigin);
            p.AddWithValue("$description", item.Description);
            p.AddWithValue("$ocfl_version", ocflVersion);
            ins.ExecuteNonQuery();
        }
        foreach (var page in item.Pages)
        {
            using var pg = c.CreateCommand();
            pg.Transaction = tx;
            pg.CommandText = """
                INSERT INTO pages (item_id, ord, label, width, height, master, derivative, ocr, transcription, text_boxes, ocr_confidence, needs_transcription)
                VALUES ($item, $ord, $label, $width, $height, $master, $derivative, $ocr, $transcription, $text_boxes, $ocr_confidence, $needs_transcription)
                """;
            var p = pg.Parameters;
            p.AddWithValue("$item", item.Id);
            p.AddWithValue("$ord", page.Order);
            p.AddWithValue("$label", page.Label);
            p.AddWithValue("$width", page.Width);
            p.AddWithValue("$height", page.Height);
            p.AddWithValue("$master", (object?)page.Master ?? DBNull.Value);
            p.AddWithValue("$derivative", (object?)page.Derivative ?? DBNull.Value);
            p.AddWithValue("$ocr", (object?)page.Ocr ?? DBNull.Value);
            p.AddWithValue("$transcription", (object?)page.Transcription ?? DBNull.Value);
            p.AddWithValue("$text_boxes", (object?)page.TextBoxes ?? DBNull.Value);
            p.AddWithValue("$ocr_confidence", (object?)page.OcrConfidence ?? DBNull.Value);
            p.AddWithValue("$needs_transcription", page.NeedsTranscription ? 1 : 0);
            pg.ExecuteNonQuery();
        }
    }

    /// <summary>Every item with its pages, by collection then id.</summary>
    public IReadOnlyList<CatalogEntry> ListItems(CollectionKind? collection = null)
    {
        using var c = Open();
        // One read transaction: pages and items come from the same snapshot even while an ingest writes.
        using var tx = c.BeginTransaction(deferred: true);
        var pages = ReadPages(c, tx, null);
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT * FROM items" + (collection is null ? "" : " WHERE collection = $c") + " ORDER BY collection, id";
        if (collection is { } k) cmd.Parameters.AddWithValue("$c", k.Code());
        return ReadItems(cmd, pages);
    }

    /// <summary>One item, or null when the catalog has no such id.</summary>
    public CatalogEntry? FindItem(string id)
    {
        using var c = Open();
        using var tx = c.BeginTransaction(deferred: true);
        var pages = ReadPages(c, tx, id);
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT * FROM items WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        return ReadItems(cmd, pages).SingleOrDefault();
    }

    /// <summary>
    /// One page of the curators' list — pages whose OCR is too weak to stand for their text and that have no
    /// transcription yet, weakest first — with what the list shows of each page and its item, optionally of one collection: <paramref name="limit"/> rows from <paramref name="offset"/>,
    /// how many match, and how many each collection has, all from one snapshot. A partial index (migration 4) holds the
    /// flagged pages in this order, so a page of the list costs the same in a large catalogue.
    /// </summary>
    public TranscriptionQueue PagesNeedingTranscription(CollectionKind? collection, int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var c = Open();
        using var tx = c.BeginTransaction(deferred: true);
        var byCollection = new Dictionary<CollectionKind, int>();
        using (var count = c.CreateCommand())
        {
            count.Transaction = tx;
            count.CommandText = $"SELECT i.collection, COUNT(*) FROM {NeedingTranscription} GROUP BY i.collection";
            using var r = count.ExecuteReader();
            while (r.Read())
            {
                if (Collections.TryParse(r.GetString(0), out var k)) byCollection[k] = r.GetInt32(1);
            }
        }
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"""
            SELECT p.item_id, i.collection, i.title_zh, i.title_en, i.script, p.ord, p.label, p.width, p.height, p.derivative, p.ocr_confidence
            FROM {NeedingTranscription}{(collection is null ? "" : " AND i.collection = $c")}
            ORDER BY p.ocr_confidence, p.item_id, p.ord LIMIT $limit OFFSET $offset
            """;
        if (collection is { } kind) cmd.Parameters.AddWithValue("$c", kind.Code());
        cmd.Parameters.AddWithValue("$limit", limit);
        cmd.Parameters.AddWithValue("$offset", offset);
        var pages = new List<PageNeedingTranscription>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                Collections.TryParse(r.GetString(1), out var k);
                pages.Add(new PageNeedingTranscription(r.GetString(0), k, r.GetString(2), r.GetString(3), Enum.Parse<Script>(r.GetString(4)),
                    r.GetInt32(5), r.GetString(6), r.GetInt32(7), r.GetInt32(8), !r.IsDBNull(9), r.IsDBNull(10) ? 0 : r.GetDouble(10)));
            }
        }
        var total = collection is { } only ? byCollection.GetValueOrDefault(only) : byCollection.Values.Sum();
        return new TranscriptionQueue(total, pages, byCollection);
    }

    /// <summary>How many pages the curators' list holds (the workshop's front page shows it).</summary>
    public int CountPagesNeedingTranscription()
    {
        using var c = Open();
        return Convert.ToInt32(Scalar(c, null, $"SELECT COUNT(*) FROM {NeedingTranscription}"));
    }

    /// <summary>The flagged pages still without a transcription, with their items: the list's rule, for its rows and its counts.</summary>
    private const string NeedingTranscription = "pages p JOIN items i ON i.id = p.item_id WHERE p.needs_transcription = 1 AND p.transcription IS NULL";

    public int CountItems()
    {
        using var c = Open();
        return Convert.ToInt32(Scalar(c, null, "SELECT COUNT(*) FROM items"));
    }

    private static Dictionary<string, List<Page>> ReadPages(SqliteConnection c, SqliteTransaction tx, string? itemId)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT item_id, ord, label, width, height, master, derivative, ocr, transcription, text_boxes, ocr_confidence, needs_transcription FROM pages"
            + (itemId is null ? "" : " WHERE item_id = $id") + " ORDER BY item_id, ord";
        if (itemId is not null) cmd.Parameters.AddWithValue("$id", itemId);
        var result = new Dictionary<string, List<Page>>(StringComparer.Ordinal);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var id = r.GetString(0);
            if (!result.TryGetValue(id, out var list)) result[id] = list = [];
            list.Add(new Page
            {
                Order = r.GetInt32(1),
                Label = r.GetString(2),
                Width = r.GetInt32(3),
                Height = r.GetInt32(4),
                Master = r.IsDBNull(5) ? null : r.GetString(5),
                Derivative = r.IsDBNull(6) ? null : r.GetString(6),
                Ocr = r.IsDBNull(7) ? null : r.GetString(7),
                Transcription = r.IsDBNull(8) ? null : r.GetString(8),
                TextBoxes = r.IsDBNull(9) ? null : r.GetString(9),
                OcrConfidence = r.IsDBNull(10) ? null : r.GetDouble(10),
                NeedsTranscription = r.GetInt32(11) != 0,
            });
        }
        return result;
    }

    private static List<CatalogEntry> ReadItems(SqliteCommand cmd, Dictionary<string, List<Page>> pages)
    {
        var list = new List<CatalogEntry>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            string S(string col) => r.GetString(r.GetOrdinal(col));
            int? N(string col) => r.IsDBNull(r.GetOrdinal(col)) ? null : r.GetInt32(r.GetOrdinal(col));
            var id = S("id");
            Collections.TryParse(S("collection"), out var collection);
            var item = new Item
            {
                Id = id,
                Collection = collection,
                TitleZh = S("title_zh"),
                TitleEn = S("title_en"),
                Creator = S("creator"),
                Date = new ItemDate(S("date_as_written"), r.IsDBNull(r.GetOrdinal("date_edtf")) ? null : S("date_edtf"),
                    N("year_start"), N("year_end"), N("date_approximate") == 1),
                Place = S("place"),
                LanguageScript = S("language_script"),
                Script = Enum.Parse<Script>(S("script")),
                Layout = Enum.Parse<TextLayout>(S("layout")),
                Rights = S("rights"),
                Source = S("source"),
                ImageOrigin = S("image_origin"),
                Description = S("description"),
                Pages = pages.TryGetValue(id, out var p) ? p : [],
            };
            list.Add(new CatalogEntry(item, N("ocfl_version") ?? 0));
        }
        return list;
    }

    private static object? Scalar(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private static void Exec(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
