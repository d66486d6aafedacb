using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Directory = System.IO.Directory;
using QyHeritage.Search.Indexing;
#if !BASELINE
using QyHeritage.Search.Analysis;
#endif

// IndexBench MODE PAGES WORKDIR SAMPLE_FOLDER [LABEL]
// Indexing on unpunctuated classical text (ClassicalCorpus), two indexing threads as a rebuild on two cores would run.
//   full      the product's writer (SearchIndex.OpenWriterAsync, AddItem as a rebuild adds; a BASELINE without it: ReplaceItem): every field
//   peer      the same pages' `text` field alone (bigrams + unigrams, stored), as the product builds that field
//   fields    one index per field group, each alone (what each group adds to the index)
//   analysis  one thread, no writer: what each field's analysis costs per page (time and bytes allocated)
//   dump      the page texts, one a line
// Prints markdown rows. MERGE=1 force-merges the index to one segment after the build (as qy reindex leaves it),
// timed apart. Allocated bytes: those of the indexing calls on their own threads (flushes included), and the whole
// process's during the build less what generating the corpus allocates (measured apart), which adds merge threads.
var mode = args[0];
var pages = int.Parse(args[1], CultureInfo.InvariantCulture);
var work = args[2];
var sample = args[3];
var label = args.Length > 4 ? args[4] : mode;
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var merge = Environment.GetEnvironmentVariable("MERGE") == "1";
var corpus = new ClassicalCorpus(sample, seed: 1731);
Directory.CreateDirectory(work);

switch (mode)
{
    case "full":
    {
        var folder = Fresh(Path.Combine(work, "full"));
        using var index = new SearchIndex(folder);
        var corpusBytes = CorpusAllocation(corpus, pages);
        var run = Build(corpus, pages, () =>
        {
            var writer = index.OpenWriterAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            // As the product's rebuild adds them (the old code replaced each item).
#if BASELINE
            // A base that has AddItem (since qy-search-9) adds as the product's rebuild does; an older one replaces.
            var addItem = typeof(SearchIndexWriter).GetMethod("AddItem");
            return new Writing(batch =>
            {
                if (addItem is not null) addItem.Invoke(writer, [batch.Item, 1, batch.Pages]);
                else writer.ReplaceItem(batch.Item, 1, batch.Pages);
            }, writer.Commit, () =>
#else
            return new Writing(batch => writer.AddItem(batch.Item, 1, batch.Pages), writer.Commit, () =>
#endif
            {
                if (merge) writer.ForceMerge(1);
                writer.Dispose();
            });
        });
        Row(label, pages, run, folder, corpusBytes);
        break;
    }
    case "peer":
    {
        using var index = new SearchIndex(Fresh(Path.Combine(work, "peer-index")));
        var folder = Fresh(Path.Combine(work, "peer"));
        var corpusBytes = CorpusAllocation(corpus, pages);
        var run = BuildFields(corpus, pages, folder, index, [SearchFields.Text]);
        Row(label, pages, run, folder, corpusBytes);
        break;
    }
    case "fields":
    {
        using var index = new SearchIndex(Fresh(Path.Combine(work, "fields-index")));
        var groups = new (string Name, string[] Fields)[]
        {
            ("text (bigrams + unigrams, stored)", [SearchFields.Text]),
            ("text3 (trigrams)", [SearchFields.Trigrams]),
            ("words (SmartCn; classical runs by longest match)", [SearchFields.Words]),
            ("text_gap", [SearchFields.TextGaps]),
            ("next_window (+ its stored offsets)", [SearchFields.NextWindow, SearchFields.NextSplit, SearchFields.NextTailAt, SearchFields.NextHeadAt, SearchFields.NextPage]),
        };
        var named = groups.SelectMany(g => g.Fields).ToHashSet();
        foreach (var (name, fields) in groups.Append(("the rest (keys, metadata, facets, doc values)", null!)))
        {
            var folder = Fresh(Path.Combine(work, "field"));
            var run = BuildFields(corpus, pages, folder, index, fields, fields is null ? named : null);
            Row(name, pages, run, folder, 0);
        }
        break;
    }
    case "analysis":
        Analysis(corpus, pages);
        break;
    case "dump":
        // The page texts, one per line (layout blanks kept), to look at the corpus.
        foreach (var batch in corpus.Items(pages)) foreach (var p in batch.Pages) Console.WriteLine(p.Text.Text.Replace('\n', ' '));
        break;
    default:
        Console.Error.WriteLine($"unknown mode {mode}");
        return 2;
}
return 0;

static string Fresh(string folder)
{
    if (Directory.Exists(folder)) Directory.Delete(folder, true);
    Directory.CreateDirectory(folder);
    return folder;
}

// What generating the corpus alone allocates: subtracted from the process-wide figure.
static long CorpusAllocation(ClassicalCorpus corpus, int pages)
{
    var before = GC.GetTotalAllocatedBytes(true);
    foreach (var _ in corpus.Items(pages)) { }
    return GC.GetTotalAllocatedBytes(true) - before;
}

// Opens a writer; two threads add the batches; the commit is timed with them; the force-merge (if any) and close apart.
static BuildRun Build(ClassicalCorpus corpus, int pages, Func<Writing> open)
{
    GC.Collect();
    var indexingBytes = 0L;
    var processBefore = GC.GetTotalAllocatedBytes(true);
    var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var writing = open();
    Parallel.ForEach(corpus.Items(pages), new ParallelOptions { MaxDegreeOfParallelism = 2 }, batch =>
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        writing.Add(batch);
        Interlocked.Add(ref indexingBytes, GC.GetAllocatedBytesForCurrentThread() - before);
    });
    writing.Commit();
    var buildSeconds = clock.Elapsed.TotalSeconds;
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    clock.Restart();
    writing.Close();
    var closeSeconds = clock.Elapsed.TotalSeconds;
    return new BuildRun(buildSeconds, cpuSeconds, closeSeconds, indexingBytes, GC.GetTotalAllocatedBytes(true) - processBefore,
        $"{GC.CollectionCount(0) - gcBefore.Item1}/{GC.CollectionCount(1) - gcBefore.Item2}/{GC.CollectionCount(2) - gcBefore.Item3}");
}

// An index of only some fields of the product's documents (PageDocuments.Build), with the product's analysers; `except`
// instead keeps every field but those.
static BuildRun BuildFields(ClassicalCorpus corpus, int pages, string folder, SearchIndex index, string[]? keep, HashSet<string>? except = null)
{
    var directory = FSDirectory.Open(folder);
    return Build(corpus, pages, () =>
    {
        var writer = new IndexWriter(directory, WriterConfig(index));
        return new Writing(batch =>
        {
            var ordered = batch.Pages.OrderBy(p => p.Page.Order).ToList();
            writer.AddDocuments(ordered.Select((p, i) =>
            {
                var full = PageDocuments.Build(batch.Item, 1, p, i + 1 < ordered.Count ? ordered[i + 1] : null);
                var doc = new Document();
                foreach (var f in full.Fields)
                    if (keep is not null ? keep.Contains(f.Name) : !except!.Contains(f.Name)) doc.Add(f);
                return doc;
            }));
        }, writer.Commit, () =>
        {
            writer.Dispose();
            directory.Dispose();
        });
    });
}

// The product's writer settings and analysis (the baseline build predates them: its own, as it wrote them).
static IndexWriterConfig WriterConfig(SearchIndex index)
{
#if BASELINE
    // A base with the product's writer settings (NewWriterConfig) uses them.
    if (typeof(SearchIndex).GetMethod("NewWriterConfig")?.Invoke(index, null) is IndexWriterConfig own)
    {
        own.OpenMode = OpenMode.CREATE;
        return own;
    }
    var analyzer = new PerFieldAnalyzerWrapper(index.Analyzer, new Dictionary<string, Analyzer> { [SearchFields.Words] = index.WordAnalyzer });
    return new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, analyzer) { OpenMode = OpenMode.CREATE };
#else
    var config = index.NewWriterConfig();
    config.OpenMode = OpenMode.CREATE;
    return config;
#endif
}

static Analyzer IndexingAnalyzer(SearchIndex index) =>
#if BASELINE
    // A base that folds each page once (IndexingAnalyzer, since qy-search-9) analyses as it indexes.
    typeof(SearchIndex).GetProperty("IndexingAnalyzer")?.GetValue(index) as Analyzer ??
    new PerFieldAnalyzerWrapper(index.Analyzer, new Dictionary<string, Analyzer> { [SearchFields.Words] = index.WordAnalyzer });
#else
    index.IndexingAnalyzer;
#endif

static string Folded(SearchIndex index, string text) =>
#if BASELINE
    typeof(SearchIndex).GetProperty("IndexingAnalyzer") is null ? text : (string)index.Folding.GetType().GetMethod("Fold", [typeof(string)])!.Invoke(index.Folding, [text])!;
#else
    index.Folding.Fold(text);
#endif

static void Row(string label, int pages, BuildRun run, string folder, long corpusBytes)
{
    var files = new DirectoryInfo(folder).EnumerateFiles().ToList();
    var bytes = files.Sum(f => f.Length);
    var byKind = files.GroupBy(f => f.Extension.TrimStart('.')).OrderByDescending(g => g.Sum(f => f.Length))
        .Select(g => $"{g.Key} {g.Sum(f => f.Length) / 1e6:0}");
    var process = corpusBytes > 0 ? $"{(run.ProcessBytes - corpusBytes) / 1e3 / pages:0.0}" : "";
    Console.WriteLine($"| {label} | {pages:N0} | {run.Seconds:0.0} | **{pages / run.Seconds:0}** | {run.CpuSeconds * 1000 / pages:0.00} | {2 * pages / run.CpuSeconds:0} | {run.IndexingBytes / 1e3 / pages:0.0} | {process} | {run.Gcs} | {bytes / 1e6:0} | {bytes / 1e3 / pages:0.00} | {run.CloseSeconds:0.0} |");
    Console.WriteLine($"|   files (MB) | {string.Join(", ", byKind)} |||||||||||");
}

// Each field's analysis on its own (one thread, no writer): µs and bytes allocated per page.
static void Analysis(ClassicalCorpus corpus, int pages)
{
    var items = corpus.Items(pages).ToList();
    var texts = items.SelectMany(b => b.Pages).Select(p => p.Text.Text).ToList();
    using var index = new SearchIndex(Fresh(Path.Combine(Path.GetTempPath(), "qy-index-bench-analysis")));
    var analyzer = IndexingAnalyzer(index);
    Console.WriteLine($"| analysis ({texts.Count:N0} pages, avg {texts.Average(t => t.Length):0} chars, one thread) | µs per page | CPU µs per page | kB allocated per page | tokens per page |\n| --- | --- | --- | --- | --- |");
    void Measure(string name, Func<string, int> run)
    {
        foreach (var t in texts.Take(200)) run(t);
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var tokens = 0L;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        foreach (var t in texts) tokens += run(t);
        var us = sw.Elapsed.TotalMilliseconds * 1000 / texts.Count;
        var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1000 / texts.Count;
        Console.WriteLine($"| {name} | {us:0} | {cpuUs:0} | {(GC.GetAllocatedBytesForCurrentThread() - before) / 1e3 / texts.Count:0.0} | {(double)tokens / texts.Count:0} |");
    }
    int Tokens(string field, string text)
    {
        var n = 0;
        using var ts = analyzer.GetTokenStream(field, text);
        ts.Reset();
        while (ts.IncrementToken()) n++;
        ts.End();
        return n;
    }
    // The old code folds in each field's analysis; the new folds each page once (measured on its own).
    Measure("folding the page once (new code only)", t => Folded(index, t).Length);
    Measure("text: bigrams + unigrams", t => Tokens(SearchFields.Text, Folded(index, t)));
    Measure("text3: trigrams", t => Tokens(SearchFields.Trigrams, Folded(index, t)));
    Measure("words", t => Tokens(SearchFields.Words, Folded(index, t)));
    Measure("text_gap: the gap windows, bigrams", t => Tokens(SearchFields.TextGaps, QyHeritage.Search.Analysis.LayoutGaps.Bridged(Folded(index, t))));
    Measure("next_window: the join, bigrams", t => QyHeritage.Search.Analysis.PageJoin.Of(t, t, 2) is { } j ? Tokens(SearchFields.NextWindow, Folded(index, j.Window)) : 0);
#if !BASELINE
    // The same three fields of a page of ideographs and layout read in one pass each (HanGrams, what the writer does for
    // such pages; the rows above are the analyser's chains, which every other page still takes).
    var grams = new Dictionary<HanGrams.Kind, HanGrams>
    {
        [HanGrams.Kind.UnigramsAndBigrams] = new(HanGrams.Kind.UnigramsAndBigrams), [HanGrams.Kind.Trigrams] = new(HanGrams.Kind.Trigrams), [HanGrams.Kind.Bigrams] = new(HanGrams.Kind.Bigrams),
    };
    int Grams(HanGrams.Kind kind, string text)
    {
        if (!HanGrams.Accepts(text)) return 0;
        var n = 0;
        var ts = grams[kind].SetText(text);
        ts.Reset();
        while (ts.IncrementToken()) n++;
        ts.End();
        return n;
    }
    Console.WriteLine($"| (pages HanGrams accepts: {texts.Count(t => HanGrams.Accepts(Folded(index, t))):N0} of {texts.Count:N0}) | | | | |");
    Measure("text, one pass (HanGrams)", t => Grams(HanGrams.Kind.UnigramsAndBigrams, Folded(index, t)));
    Measure("text3, one pass (HanGrams)", t => Grams(HanGrams.Kind.Trigrams, Folded(index, t)));
    Measure("text_gap, one pass (HanGrams)", t => Grams(HanGrams.Kind.Bigrams, QyHeritage.Search.Analysis.LayoutGaps.Bridged(Folded(index, t))));
#endif
    var sources = items.SelectMany(b => b.Pages.Select((p, i) => (b.Item, p, Next: i + 1 < b.Pages.Count ? b.Pages[i + 1] : null))).ToList();
    var k = 0;
#if BASELINE
    Measure("PageDocuments.Build (the document, nothing analysed)", _ =>
    {
        var s = sources[k++ % sources.Count];
        return PageDocuments.Build(s.Item, 1, s.p, s.Next).Fields.Count;
    });
#else
    // As the writer fills it: one set of field instances, refilled page after page.
    var fields = new PageDocuments.FieldSet(index.Folding);
    Measure("the document, nothing analysed (PageDocuments.FieldSet.Fill, reused)", _ =>
    {
        var s = sources[k++ % sources.Count];
        return fields.Fill(s.Item, 1, s.p, s.Next).Fields.Count;
    });
#endif
}

internal sealed record Writing(Action<ItemBatch> Add, Action Commit, Action Close);

internal sealed record BuildRun(double Seconds, double CpuSeconds, double CloseSeconds, long IndexingBytes, long ProcessBytes, string Gcs);
