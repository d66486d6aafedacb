using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ingest;
using QyHeritage.Search.Api;
using QyHeritage.Search.Indexing;
using QyHeritage.Search.Queries;

// SearchBench PAGES WORKDIR SAMPLE_FOLDER [QUERIES]
// Builds PAGES synthetic page documents from the sample transcriptions, indexes them with QyHeritage.Search
// (Lucene, every field the product indexes, the SmartCn words field included) and with SQLite FTS5 (trigram),
// runs the same mixed queries against both, times autocomplete, and measures SmartCn's analysis cost on its own. Prints markdown tables; raw latencies go to WORKDIR/latencies.tsv.
// Environment: REUSE=1 keeps an index and FTS5 database that an earlier run completed in WORKDIR for the same
// PAGES (a 1M build takes many minutes); ENGINE=ours runs only our engine's queries, comparing its page counts
// with the FTS5 counts an earlier run of the same queries saved in WORKDIR; MERGE=N force-merges our index to at
// most N segments before the queries; PARALLELISM=N sets the parts one search runs in; WARM_PASSES, BREAKDOWN as below.
var pages = int.Parse(args[0], CultureInfo.InvariantCulture);
var work = args[1];
var sample = args[2];
var queryCount = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 300;
Directory.CreateDirectory(work);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var reuse = Environment.GetEnvironmentVariable("REUSE") == "1";
var oursOnly = Environment.GetEnvironmentVariable("ENGINE") == "ours";
var mergeTo = int.TryParse(Environment.GetEnvironmentVariable("MERGE"), out var mt) ? mt : 0;
// A build counts as complete only once its marker is written, so an interrupted build is never reused.
string Marker(string engine) => Path.Combine(work, $"{engine}-complete-{pages}.txt");

var corpus = new Corpus(sample, seed: 1731);
Console.WriteLine($"# Search benchmark: {pages:N0} synthetic pages, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");

// ---- Lucene (ours) ----
var indexFolder = Path.Combine(work, "index");
var reuseIndex = reuse && File.Exists(Marker("lucene"));
if (!reuseIndex)
{
    File.Delete(Marker("lucene"));
    if (Directory.Exists(indexFolder)) Directory.Delete(indexFolder, true);
}
using var index = new SearchIndex(indexFolder) { RefreshInterval = TimeSpan.FromSeconds(1) };
var clock = Stopwatch.StartNew();
Console.WriteLine($"\n## Indexing\n\n| engine | pages | seconds | pages/s | size MB | MB per 1k pages |\n| --- | --- | --- | --- | --- | --- |");
if (!reuseIndex)
{
    using (var writer = await index.OpenWriterAsync(TimeSpan.FromSeconds(10)))
    {
        // Two indexing threads, one per core, as a rebuild would run.
        Parallel.ForEach(corpus.Items(pages), new ParallelOptions { MaxDegreeOfParallelism = 2 }, batch => writer.ReplaceItem(batch.Item, 1, batch.Pages));
    }
    var indexSeconds = clock.Elapsed.TotalSeconds;
    File.WriteAllText(Marker("lucene"), $"{indexSeconds}\n");
    Console.WriteLine($"| Lucene (ours, every field, 2 threads) | {pages:N0} | {indexSeconds:0.0} | {pages / indexSeconds:0} | {IndexBytes() / 1e6:0} | {IndexBytes() / 1e3 / pages:0.00} |");
}
else Console.WriteLine($"| Lucene (ours): reused from an earlier run | {pages:N0} | | | {IndexBytes() / 1e6:0} | {IndexBytes() / 1e3 / pages:0.00} |");
if (mergeTo > 0)
{
    clock.Restart();
    using (var writer = await index.OpenWriterAsync(TimeSpan.FromSeconds(10))) writer.ForceMerge(mergeTo);
    Console.WriteLine($"\nForce-merged to at most {mergeTo} segments in {clock.Elapsed.TotalSeconds:0.0} s.");
}
clock.Restart();
index.Refresh();
{
    var s = index.Acquire();
    // Opening includes building the per-segment arrays (what a server pays at start and for each new segment).
    Console.WriteLine($"\nOur index: {s.IndexReader.Leaves.Count} segments, {s.IndexReader.NumDocs:N0} documents, reader opened in {clock.Elapsed.TotalSeconds:0.00} s.");
    index.Release(s);
}
long IndexBytes() => new DirectoryInfo(indexFolder).EnumerateFiles().Sum(f => f.Length);

// ---- SQLite FTS5 trigram, same documents (folded text, so both find the same pages) ----
var dbPath = Path.Combine(work, "fts5.db");
var reuseDb = reuse && File.Exists(Marker("fts5"));
if (!reuseDb && !oursOnly)
{
    File.Delete(Marker("fts5"));
    if (File.Exists(dbPath)) File.Delete(dbPath);
}
using var db = new SqliteConnection($"Data Source={dbPath}");
if (!oursOnly) db.Open();
if (oursOnly) Console.WriteLine("| SQLite FTS5: not run (ENGINE=ours) | | | | | |");
else if (reuseDb) Console.WriteLine($"| SQLite FTS5: reused from an earlier run | {pages:N0} | | | {DbBytes() / 1e6:0} | {DbBytes() / 1e3 / pages:0.00} |");
else
{
Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
Exec(db, "CREATE VIRTUAL TABLE pages USING fts5(text, title, item UNINDEXED, page UNINDEXED, collection UNINDEXED, decade UNINDEXED, place UNINDEXED, script UNINDEXED, type UNINDEXED, year UNINDEXED, tokenize='trigram')");
clock.Restart();
using (var tx = db.BeginTransaction())
{
    using var insert = db.CreateCommand();
    insert.CommandText = "INSERT INTO pages VALUES ($text, $title, $item, $page, $collection, $decade, $place, $script, $type, $year)";
    var ps = new[] { "$text", "$title", "$item", "$page", "$collection", "$decade", "$place", "$script", "$type", "$year" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
    foreach (var batch in corpus.Items(pages))
    {
        foreach (var p in batch.Pages)
        {
            var it = batch.Item;
            object[] values = [index.Folding.Fold(p.Text.Text), index.Folding.Fold(it.TitleZh), it.Id, p.Page.Order, it.Collection.Code(),
                PageDocuments.DecadeOf(it.Date.StartYear ?? 0), it.Place, PageDocuments.ScriptOf(it), PageDocuments.TypeOf(it), it.Date.StartYear ?? 0];
            for (var i = 0; i < ps.Length; i++) ps[i].Value = values[i];
            insert.ExecuteNonQuery();
        }
    }
    tx.Commit();
}
var ftsSeconds = clock.Elapsed.TotalSeconds;
File.WriteAllText(Marker("fts5"), $"{ftsSeconds}\n");
Console.WriteLine($"| SQLite FTS5 trigram (1 thread: one writer) | {pages:N0} | {ftsSeconds:0.0} | {pages / ftsSeconds:0} | {DbBytes() / 1e6:0} | {DbBytes() / 1e3 / pages:0.00} |");
}
long DbBytes() => new FileInfo(dbPath).Length + (File.Exists(dbPath + "-wal") ? new FileInfo(dbPath + "-wal").Length : 0);

// ---- Queries ----
var queries = corpus.Queries(queryCount, index.Folding);
// PARALLELISM=N: parts one search runs in (default: one per core).
// WORD_WINDOW=N: how many of the best matches the SmartCn words rescore (0: the words rank nothing).
var service = new SearchService(index)
{
    Parallelism = int.TryParse(Environment.GetEnvironmentVariable("PARALLELISM"), out var parallelism) ? parallelism : Environment.ProcessorCount,
    WordWindow = int.TryParse(Environment.GetEnvironmentVariable("WORD_WINDOW"), out var window) ? window : SearchService.DefaultWordWindow,
};
// Warm: every query three times (WARM_PASSES) on each engine (tiered JIT settles, caches fill) before anything is measured.
// WARM_PASSES=1 shortens a large run (FTS5 scans for 2-character strings take seconds each at 1,000,000 pages).
var warmPasses = int.TryParse(Environment.GetEnvironmentVariable("WARM_PASSES"), out var wp) ? wp : 3;
for (var pass = 0; pass < warmPasses; pass++)
    foreach (var q in queries)
    {
        service.Search(new SearchRequest { Query = q.Text });
        if (!oursOnly) Fts5(db, q);
    }
var ours = Measure(queries, q => service.Search(new SearchRequest { Query = q.Text }).TotalPages);
if (Environment.GetEnvironmentVariable("BREAKDOWN") == "1") Breakdown(service, queries);
// FTS5's page counts are saved so that an ENGINE=ours run still checks ours against them.
var ftsCountsPath = Path.Combine(work, $"fts5-counts-{pages}-{queries.Count}.tsv");
Result? fts = null;
List<int>? ftsCounts = null;
if (!oursOnly)
{
    fts = Measure(queries, q => Fts5(db, q));
    ftsCounts = fts.Counts;
    File.WriteAllLines(ftsCountsPath, queries.Select((q, i) => $"{q.Text}\t{fts.Counts[i]}"));
}
else if (File.Exists(ftsCountsPath))
{
    var saved = File.ReadAllLines(ftsCountsPath).Select(l => l.Split('\t')).ToList();
    if (saved.Select(x => x[0]).SequenceEqual(queries.Select(q => q.Text))) ftsCounts = saved.Select(x => int.Parse(x[1], CultureInfo.InvariantCulture)).ToList();
}
var mismatches = ftsCounts is null ? -1 : queries.Zip(ours.Counts, ftsCounts).Count(t => t.Second != t.Third);

// Over HTTP: the same endpoint the web app uses, on loopback.
var builder = WebApplication.CreateBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:5393");
builder.Services.AddSingleton(service);
var app = builder.Build();
app.MapSearchApi();
await app.StartAsync();
using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5393") };
for (var pass = 0; pass < 2; pass++)
    foreach (var q in queries) await http.GetStringAsync("/api/search?q=" + Uri.EscapeDataString(q.Text));
var overHttp = Measure(queries, q => http.GetStringAsync("/api/search?q=" + Uri.EscapeDataString(q.Text)).GetAwaiter().GetResult().Length);
await app.StopAsync();
var oursAgain = Measure(queries, q => service.Search(new SearchRequest { Query = q.Text }).TotalPages);

Console.WriteLine($"\n## Queries ({queries.Count}: {string.Join(", ", queries.GroupBy(q => q.Kind).Select(g => $"{g.Count()} {g.Key}"))}), warm, one at a time, top 20 with total, facets and snippets\n");
Console.WriteLine("| engine | p50 ms | p95 ms | p99 ms | max ms | mean hits |\n| --- | --- | --- | --- | --- | --- |");
Row("Lucene (ours), in-process", ours);
Row("Lucene (ours), in-process, measured again after the HTTP run", oursAgain);
Row("Lucene (ours), over HTTP (GET /api/search, loopback)", overHttp with { Counts = ours.Counts });
if (fts is not null) Row("SQLite FTS5 trigram, in-process", fts);
foreach (var kind in queries.Select(q => q.Kind).Distinct())
{
    var idx = queries.Select((q, i) => (q, i)).Where(t => t.q.Kind == kind).Select(t => t.i).ToList();
    Row($"  ours: {kind}", new Result(idx.Select(i => ours.Ms[i]).ToList(), idx.Select(i => ours.Counts[i]).ToList()));
    if (fts is not null) Row($"  FTS5: {kind}", new Result(idx.Select(i => fts.Ms[i]).ToList(), idx.Select(i => fts.Counts[i]).ToList()));
}
// How many queries the SmartCn words clause applies to (the rest run exactly as without the words field).
Console.WriteLine($"\nSmartCn words rescoring window: {(service.WordWindow == 0 ? "0 (the words rank nothing)" : service.WordWindow)}. Queries with a SmartCn words clause (relevance order): {queries.Count(q => service.BuildQuery(new SearchRequest { Query = q.Text }).ToString().Contains(SearchFields.Words + ":", StringComparison.Ordinal))} of {queries.Count}.\n\n| autocomplete | p50 ms | p95 ms | p99 ms | max ms | mean suggestions |\n| --- | --- | --- | --- | --- | --- |");
// Autocomplete (GET /api/search/suggest): the first one and two characters of each substring query, as typed.
var typed = queries.Where(q => q.Kind == "substring").SelectMany(q => new[] { q.Text[..1], q.Text[..Math.Min(2, q.Text.Length)] })
    .Select(t => new BenchQuery("suggest", t, [], null)).ToList();
foreach (var t in typed) Suggestions.Suggest(index, t.Text);
var suggest = Measure(typed, t => Suggestions.Suggest(index, t.Text).Count);
Row($"Suggestions.Suggest, {typed.Count} prefixes of 1–2 characters (words, then bigrams)", suggest);
foreach (var len in new[] { 1, 2 })
{
    var idx = typed.Select((t, i) => (t, i)).Where(x => x.t.Text.Length == len).Select(x => x.i).ToList();
    Row($"  typed {len} character{(len == 1 ? "" : "s")}", new Result(idx.Select(i => suggest.Ms[i]).ToList(), idx.Select(i => suggest.Counts[i]).ToList()));
}
Console.WriteLine(mismatches < 0
    ? "\nPage counts not compared: no FTS5 counts saved for these queries (run once without ENGINE=ours)."
    : $"\nQueries where the two engines' page counts differ: {mismatches} of {queries.Count}{(fts is null ? " (FTS5 counts saved by an earlier run)" : "")}.");
File.WriteAllLines(Path.Combine(work, "latencies.tsv"), queries.Select((q, i) =>
    $"{q.Kind}\t{q.Text}\t{ours.Ms[i]:0.000}\t{overHttp.Ms[i]:0.000}\t{(fts is null ? "" : fts.Ms[i].ToString("0.000", CultureInfo.InvariantCulture))}\t{ours.Counts[i]}\t{(ftsCounts is null ? "" : ftsCounts[i])}"));
if (oursOnly)
{
    Console.WriteLine($"\nload average after: {File.ReadAllText("/proc/loadavg").Trim()}");
    return 0;
}

// ---- What the SmartCn words field costs: analysis throughput alone ----
var texts = corpus.Items(2000).SelectMany(b => b.Pages).Select(p => p.Text.Text).ToList();
var total = texts.Sum(t => (long)t.Length);
double Throughput(Analyzer a)
{
    Count(a, texts.Take(200));
    var sw = Stopwatch.StartNew();
    Count(a, texts);
    return total / sw.Elapsed.TotalSeconds;
}
using var smart = new SmartChineseAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48);
var oursCps = Throughput(index.Analyzer);
var smartCps = Throughput(smart);
var avg = (double)total / texts.Count;
Console.WriteLine($"\n## Analysis cost per field (one thread, {total:N0} characters)\n\n| analyzer | M chars/s | pages/s ceiling (avg {avg:0} chars/page) |\n| --- | --- | --- |");
Console.WriteLine($"| folding + bigrams + unigrams (ours) | {oursCps / 1e6:0.00} | {oursCps / avg:0} |");
Console.WriteLine($"| SmartCn words | {smartCps / 1e6:0.00} | {smartCps / avg:0} |");
Console.WriteLine($"\nload average after: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;

// Where the time goes, stage by stage, each stage measured on its own (twice: the second round is the one to read):
// parse (query text to Lucene query), match (the query's scorers, counting only), score (and every match's score), collect (every match visited for
// totals, facets and the top 20), full (plus facet labels, stored fields, snippets and hit boxes of the 20 shown, and the words rescored);
// full, words rank nothing (the same with WordWindow 0);
// items view: the full search grouped by item (every match kept).
static void Breakdown(SearchService service, List<BenchQuery> queries)
{
    // The same search with relevance from the bigrams alone: what the SmartCn words (parse and rescoring) add.
    var bigramsOnly = new SearchService(service.Index) { Parallelism = service.Parallelism, WordWindow = 0 };
    for (var round = 0; round < 2; round++)
    {
        var searcher = service.Index.Acquire();
        try
        {
            var built = queries.Select(q => service.BuildQuery(new SearchRequest { Query = q.Text })).ToList();
            var stages = new (string Name, Result R)[]
            {
                ("parse", Measure(queries, q => service.BuildQuery(new SearchRequest { Query = q.Text }).GetHashCode())),
                ("match", Measure(queries, q =>
                {
                    var c = new Lucene.Net.Search.TotalHitCountCollector();
                    searcher.Search(built[queries.IndexOf(q)], c);
                    return c.TotalHits;
                })),
                ("score", Measure(queries, q =>
                {
                    var c = new ScoreOnly();
                    searcher.Search(built[queries.IndexOf(q)], c);
                    return c.Count;
                })),
                ("collect", Measure(queries, q =>
                {
                    var c = new MatchCollector(SearchSort.Relevance, 20);
                    searcher.Search(built[queries.IndexOf(q)], c);
                    c.Finish();
                    return c.TotalPages;
                })),
                ("full", Measure(queries, q => service.Search(new SearchRequest { Query = q.Text }).TotalPages)),
                ("full, words rank nothing", Measure(queries, q => bigramsOnly.Search(new SearchRequest { Query = q.Text }).TotalPages)),
                ("items view", Measure(queries, q => service.Search(new SearchRequest { Query = q.Text, View = SearchView.Items }).TotalPages)),
            };
            Console.WriteLine($"\nbreakdown round {round + 1} (ms, each stage includes the ones before it except parse):\n\n| stage | kind | mean | p50 | p95 | p99 | max |\n| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var (name, r) in stages)
            {
                foreach (var kind in new string?[] { null }.Concat(queries.Select(q => q.Kind).Distinct()))
                {
                    var ms = queries.Select((q, i) => (q, i)).Where(t => kind is null || t.q.Kind == kind).Select(t => r.Ms[t.i]).Order().ToList();
                    double P(double p) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(p * ms.Count) - 1)];
                    Console.WriteLine($"| {name} | {kind ?? "all"} | {ms.Average():0.00} | {P(0.5):0.00} | {P(0.95):0.00} | {P(0.99):0.00} | {ms[^1]:0.00} |");
                }
            }
        }
        finally
        {
            service.Index.Release(searcher);
        }
    }
}

static void Count(Analyzer a, IEnumerable<string> texts)
{
    foreach (var t in texts)
    {
        using var ts = a.GetTokenStream("text", t);
        ts.AddAttribute<ICharTermAttribute>();
        ts.Reset();
        while (ts.IncrementToken()) { }
        ts.End();
    }
}

static void Row(string name, Result r)
{
    var s = r.Ms.Order().ToList();
    double P(double p) => s[Math.Min(s.Count - 1, (int)Math.Ceiling(p * s.Count) - 1)];
    Console.WriteLine($"| {name} | {P(0.5):0.00} | {P(0.95):0.00} | {P(0.99):0.00} | {s[^1]:0.00} | {r.Counts.Average():0} |");
}

static Result Measure(IReadOnlyList<BenchQuery> queries, Func<BenchQuery, int> run)
{
    var ms = new List<double>();
    var counts = new List<int>();
    foreach (var q in queries)
    {
        var sw = Stopwatch.StartNew();
        counts.Add(run(q));
        ms.Add(sw.Elapsed.TotalMilliseconds);
    }
    return new Result(ms, counts);
}

static void Exec(SqliteConnection db, string sql)
{
    using var c = db.CreateCommand();
    c.CommandText = sql;
    c.ExecuteNonQuery();
}

// The peer a small library would reach for: FTS5 MATCH for terms of 3+ characters (the trigram index),
// LIKE for shorter ones (FTS5's trigram tokenizer cannot index those, so SQLite scans), facets by
// aggregating the matches, top 20 by bm25 with snippet().
static int Fts5(SqliteConnection db, BenchQuery q)
{
    var (where, args) = q.Fts5Where();
    var facets = new Dictionary<string, int>[5];
    for (var i = 0; i < 5; i++) facets[i] = new Dictionary<string, int>();
    var total = 0;
    using (var c = db.CreateCommand())
    {
        c.CommandText = $"SELECT collection, decade, place, script, type FROM pages WHERE {where}";
        for (var i = 0; i < args.Count; i++) c.Parameters.AddWithValue($"$a{i}", args[i]);
        using var r = c.ExecuteReader();
        while (r.Read())
        {
            total++;
            for (var i = 0; i < 5; i++) { var v = r.GetString(i); facets[i][v] = facets[i].GetValueOrDefault(v) + 1; }
        }
    }
    using (var c = db.CreateCommand())
    {
        var rank = q.UsesMatch ? "ORDER BY rank" : "";
        c.CommandText = $"SELECT item, page, snippet(pages, 0, '<mark>', '</mark>', '…', 16) FROM pages WHERE {where} {rank} LIMIT 20";
        for (var i = 0; i < args.Count; i++) c.Parameters.AddWithValue($"$a{i}", args[i]);
        using var r = c.ExecuteReader();
        while (r.Read()) _ = r.GetString(2);
    }
    return total;
}

internal sealed record Result(List<double> Ms, List<int> Counts);

/// <summary>Counts the matches and computes each one's score, nothing else: what scoring alone costs.</summary>
internal sealed class ScoreOnly : Lucene.Net.Search.ICollector
{
    private Lucene.Net.Search.Scorer? _scorer;

    public int Count { get; private set; }

    public float Sum { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Lucene.Net.Search.Scorer scorer) => _scorer = scorer;

    public void SetNextReader(Lucene.Net.Index.AtomicReaderContext context) { }

    public void Collect(int doc)
    {
        Count++;
        Sum += _scorer!.GetScore();
    }
}
