using System.Globalization;
using Microsoft.Data.Sqlite;
using QyHeritage.Archive.Catalog;

namespace QyHeritage.Archive.Exhibitions;

/// <summary>An exhibition as listed: its head version and, when published, which version was.</summary>
public sealed record ExhibitionSummary(
    string Id,
    Bilingual Title,
    string Hall,
    int Exhibits,
    int HeadVersion,
    string UpdatedBy,
    DateTimeOffset UpdatedAt,
    int? PublishedVersion,
    DateTimeOffset? PublishedAt)
{
    public bool IsPublished => PublishedVersion is not null;
}

/// <summary>
/// The exhibitions table of the catalog: derived from the OCFL objects' heads like the items' rows,
/// written after every version and replaced whole by <c>qy rebuild</c>.
/// </summary>
public sealed class ExhibitionIndex(CatalogDb catalog)
{
    public void Upsert(ExhibitionSummary s)
    {
        using var c = catalog.Connect();
        using var tx = c.BeginTransaction();
        UpsertIn(c, tx, s);
        tx.Commit();
    }

    /// <summary>Removes an exhibition's row (deleted or purged).</summary>
    public void Remove(string id)
    {
        using var c = catalog.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM exhibitions WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        cmd.ExecuteNonQuery();
    }

    public void ReplaceAll(IEnumerable<ExhibitionSummary> all)
    {
        using var c = catalog.Connect();
        using var tx = c.BeginTransaction();
        using (var del = c.CreateCommand())
        {
            del.Transaction = tx;
            del.CommandText = "DELETE FROM exhibitions";
            del.ExecuteNonQuery();
        }
        foreach (var s in all) UpsertIn(c, tx, s);
        tx.Commit();
    }

    public IReadOnlyList<ExhibitionSummary> List(bool publishedOnly = false)
    {
        using var c = catalog.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT * FROM exhibitions" + (publishedOnly ? " WHERE published_version IS NOT NULL" : "") + " ORDER BY id";
        return Read(cmd);
    }

    public ExhibitionSummary? Find(string id)
    {
        using var c = catalog.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT * FROM exhibitions WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        return Read(cmd).SingleOrDefault();
    }

    private static void UpsertIn(SqliteConnection c, SqliteTransaction tx, ExhibitionSummary s)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT OR REPLACE INTO exhibitions (id, title_zh, title_en, hall, exhibits, head_version, updated_by, updated_at, published_version, published_at)
            VALUES ($id, $title_zh, $title_en, $hall, $exhibits, $head, $by, $at, $pub, $pub_at)
            """;
        var p = cmd.Parameters;
        p.AddWithValue("$id", s.Id);
        p.AddWithValue("$title_zh", s.Title.Zh);
        p.AddWithValue("$title_en", s.Title.En ?? "");
        p.AddWithValue("$hall", s.Hall);
        p.AddWithValue("$exhibits", s.Exhibits);
        p.AddWithValue("$head", s.HeadVersion);
        p.AddWithValue("$by", s.UpdatedBy);
        p.AddWithValue("$at", s.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
        p.AddWithValue("$pub", (object?)s.PublishedVersion ?? DBNull.Value);
        p.AddWithValue("$pub_at", s.PublishedAt is { } at ? at.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    private static List<ExhibitionSummary> Read(SqliteCommand cmd)
    {
        var list = new List<ExhibitionSummary>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            string S(string col) => r.GetString(r.GetOrdinal(col));
            bool Null(string col) => r.IsDBNull(r.GetOrdinal(col));
            list.Add(new ExhibitionSummary(
                S("id"), new Bilingual(S("title_zh"), S("title_en")), S("hall"), r.GetInt32(r.GetOrdinal("exhibits")),
                r.GetInt32(r.GetOrdinal("head_version")), S("updated_by"), DateTimeOffset.Parse(S("updated_at"), CultureInfo.InvariantCulture),
                Null("published_version") ? null : r.GetInt32(r.GetOrdinal("published_version")),
                Null("published_at") ? null : DateTimeOffset.Parse(S("published_at"), CultureInfo.InvariantCulture)));
        }
        return list;
    }
}
