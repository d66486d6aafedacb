using System.Globalization;
using System.Text;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ingest;
using QyHeritage.Search.Folding;
using QyHeritage.Search.Indexing;

/// <summary>An item of the synthetic corpus with its pages.</summary>
internal sealed record ItemBatch(Item Item, IReadOnlyList<PageSource> Pages);

/// <summary>
/// A synthetic corpus with the sample collection's character statistics: its page texts cut into clauses
/// (at 。，；：、！？ and column breaks), shuffled and recombined into pages of the sample's page lengths;
/// items of 8 pages take the catalogue metadata of a random sample item. Deterministic for a seed.
/// </summary>
internal sealed class Corpus
{
    private const int PagesPerItem = 8;
    private readonly List<string> _clauses = [];
    private readonly List<int> _lengths = [];
    private readonly List<Item> _templates = [];
    private readonly int _seed;

    public Corpus(string sampleFolder, int seed)
    {
        _seed = seed;
        var (items, _) = SampleCollectionReader.Read(sampleFolder);
        foreach (var src in items)
        {
            _templates.Add(src.Item with { Pages = [] });
            foreach (var p in src.Pages.Where(p => p.TranscriptionPath is not null))
            {
                var text = PageText.FromTranscription(File.ReadAllText(p.TranscriptionPath!)).Text;
                _lengths.Add(text.Length);
                var sb = new StringBuilder();
                foreach (var c in text)
                {
                    if (c == '\n') { Flush(sb); continue; }
                    sb.Append(c);
                    if ("。，；：、！？".Contains(c)) Flush(sb);
                }
                Flush(sb);
            }
        }
    }

    private void Flush(StringBuilder sb)
    {
        if (sb.Length > 0) _clauses.Add(sb.ToString());
        sb.Clear();
    }

    public IEnumerable<ItemBatch> Items(int pages) => Items(_templates, pages, _seed, "SYN", r =>
    {
        var target = _lengths[r.Next(_lengths.Count)];
        var sb = new StringBuilder();
        while (sb.Length < target) sb.Append(_clauses[r.Next(_clauses.Count)]);
        return sb.ToString();
    }, (template, k) => template.Collection == CollectionKind.LocalHistory && k % 3 == 0);

    /// <summary>
    /// Items of <see cref="PagesPerItem"/> pages (the last one fewer) until <paramref name="pages"/>: each takes a random
    /// template's metadata, the id <paramref name="idPrefix"/>-k and, page by page, a transcription from
    /// <paramref name="pageText"/> (drawing from the same generator); <paramref name="textOnly"/> (template, k) leaves an
    /// item's pages without master images. Deterministic for a seed. Shared by both benches' corpora.
    /// </summary>
    public static IEnumerable<ItemBatch> Items(IReadOnlyList<Item> templates, int pages, int seed, string idPrefix, Func<Random, string> pageText, Func<Item, int, bool>? textOnly = null)
    {
        var r = new Random(seed);
        for (int k = 0, done = 0; done < pages; k++)
        {
            var template = templates[r.Next(templates.Count)];
            var count = Math.Min(PagesPerItem, pages - done);
            var noImages = textOnly?.Invoke(template, k) == true;
            var pageList = Enumerable.Range(1, count).Select(o => new Page
            {
                Order = o, Label = o.ToString(CultureInfo.InvariantCulture),
                Master = noImages ? null : $"master/p{o:D3}.jpg",
                Transcription = $"text/p{o:D3}.txt",
            }).ToList();
            var item = template with { Id = $"{idPrefix}-{k:D7}", Pages = pageList };
            var sources = new List<PageSource>(count);
            foreach (var p in pageList) sources.Add(new PageSource(p, PageText.FromTranscription(pageText(r)), []));
            done += count;
            yield return new ItemBatch(item, sources);
        }
    }

    /// <summary>Mixed queries typed in simplified characters: substrings 2–6, Boolean, title field, year range.</summary>
    public List<BenchQuery> Queries(int count, FoldingTable folding)
    {
        var r = new Random(_seed + 1);
        string Substring(int min, int max)
        {
            while (true)
            {
                var clause = _clauses[r.Next(_clauses.Count)];
                var han = new string(clause.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter).ToArray());
                var len = r.Next(min, max + 1);
                if (han.Length < len) continue;
                var start = r.Next(han.Length - len + 1);
                var s = han.Substring(start, len);
                if (clause.Contains(s, StringComparison.Ordinal)) return folding.Fold(s);
            }
        }
        var queries = new List<BenchQuery>();
        for (var i = 0; i < count; i++)
        {
            var kind = (i % 10) switch { < 6 => "substring", 6 => "boolean", 7 => "boolean", 8 => "title field", _ => "year range" };
            queries.Add(kind switch
            {
                "substring" => BenchQuery.Plain(Substring(2, 6)),
                "boolean" => BenchQuery.Boolean(Substring(2, 4), (i / 10 % 3) switch { 0 => "AND", 1 => "OR", _ => "NOT" }, Substring(2, 4)),
                "title field" => BenchQuery.Title(TitlePart(r, folding), Substring(2, 4)),
                _ => BenchQuery.Years(Substring(2, 4), 1700, 1800),
            });
        }
        return queries;
    }

    private string TitlePart(Random r, FoldingTable folding)
    {
        while (true)
        {
            var title = _templates[r.Next(_templates.Count)].TitleZh;
            var han = new string(title.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter).ToArray());
            if (han.Length < 3) continue;
            var s = han.Substring(r.Next(han.Length - 2), 3);
            if (title.Contains(s, StringComparison.Ordinal)) return folding.Fold(s);
        }
    }
}

/// <summary>One query in our syntax and as SQLite FTS5 conditions over the same documents.</summary>
internal sealed record BenchQuery(string Kind, string Text, IReadOnlyList<(string Op, string Column, string Term)> Terms, (int From, int To)? YearRange)
{
    public static BenchQuery Plain(string s) => new("substring", s, [("", "text", s)], null);
    public static BenchQuery Boolean(string a, string op, string b) => new("boolean", $"{a} {op} {b}", [("", "text", a), (op, "text", b)], null);
    public static BenchQuery Title(string t, string s) => new("title field", $"title:{t} AND {s}", [("", "title", t), ("AND", "text", s)], null);
    public static BenchQuery Years(string s, int from, int to) => new("year range", $"{s} year:[{from} TO {to}]", [("", "text", s)], (from, to));

    /// <summary>True when the whole query is one FTS5 MATCH (every term 3+ characters), so results can be ranked by bm25.</summary>
    public bool UsesMatch => Terms.All(t => t.Term.Length >= 3);

    public (string Where, List<string> Args) Fts5Where()
    {
        var args = new List<string>();
        string where;
        if (UsesMatch)
        {
            var expr = new StringBuilder();
            foreach (var (op, col, term) in Terms) expr.Append(op.Length > 0 ? $" {op} " : "").Append($"{col} : \"{term}\"");
            args.Add(expr.ToString());
            where = "pages MATCH $a0";
        }
        else
        {
            var sb = new StringBuilder();
            foreach (var (op, col, term) in Terms)
            {
                var i = args.Count;
                string cond;
                if (term.Length >= 3) { args.Add($"{col} : \"{term}\""); cond = $"rowid IN (SELECT rowid FROM pages WHERE pages MATCH $a{i})"; }
                else { args.Add($"%{term}%"); cond = $"{col} LIKE $a{i}"; }
                sb.Append(op switch { "" => "", "NOT" => " AND NOT ", _ => $" {op} " }).Append('(').Append(cond).Append(')');
            }
            where = sb.ToString();
        }
        if (YearRange is { } y) where = $"({where}) AND CAST(year AS INTEGER) BETWEEN {y.From} AND {y.To}";
        return (where, args);
    }
}
