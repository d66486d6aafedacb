using System.Diagnostics;
using System.Globalization;
using System.Text;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;

// Usage: OcrBench SAMPLE_DIR [--peer] [--only PREFIX] [--parallel N] [--csv FILE] [--debug DIR] [--char-size PX]
var argv = args.ToList();
string Opt(string name, string fallback) { var i = argv.IndexOf(name); return i >= 0 && i + 1 < argv.Count ? argv[i + 1] : fallback; }
var sample = argv.Count > 0 && !argv[0].StartsWith("--", StringComparison.Ordinal) ? argv[0] : "assets/sample-collection";
var withPeer = argv.Contains("--peer");
var only = Opt("--only", "");
var parallel = int.Parse(Opt("--parallel", "2"), CultureInfo.InvariantCulture);
var csvPath = Opt("--csv", "");
var debug = Opt("--debug", "");
var options = new TesseractOcrOptions
{
    TargetCharSize = double.Parse(Opt("--char-size", new TesseractOcrOptions().TargetCharSize.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
    DebugFolder = debug.Length > 0 ? debug : null,
    VerticalAsLines = !argv.Contains("--columns"),
    ThickenStrokes = !argv.Contains("--thin"),
    SecondOpinionCharSize = double.Parse(Opt("--second", new TesseractOcrOptions().SecondOpinionCharSize.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
};
var ocr = new TesseractOcr(argv.Contains("--trace") ? new ConsoleLogger<TesseractOcr>() : null, options);

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

var results = new (double Ours, double OursSec, double Peer, double PeerSec, int Length)[pages.Count];
var wall = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, pages.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
{
    var (folder, page, collection, profile) = pages[i];
    var image = Path.Combine(sample, folder, page + ".jpg");
    var truth = await File.ReadAllTextAsync(Path.Combine(sample, folder, page + ".txt"), ct);
    var sw = Stopwatch.StartNew();
    var result = await ocr.RecogniseAsync(image, profile, ct);
    var oursSec = sw.Elapsed.TotalSeconds;
    var ours = CharacterAccuracy.Measure(truth, result.Text);
    if (debug.Length > 0) await File.WriteAllTextAsync(Path.Combine(debug, $"{folder}-{page}.txt"), result.Text, ct);
    double peer = double.NaN, peerSec = double.NaN;
    if (withPeer)
    {
        sw.Restart();
        var text = await PlainTesseract.RunAsync(image, profile.IsVertical ? "chi_tra_vert" : "chi_sim", profile.IsVertical ? 5 : 6, ct);
        peerSec = sw.Elapsed.TotalSeconds;
        peer = CharacterAccuracy.Measure(truth, text);
    }
    results[i] = (ours, oursSec, peer, peerSec, CharacterAccuracy.Normalise(truth).EnumerateRunes().Count());
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{folder}/{page}\t{ours:P1}\t{oursSec:0.00}s\t{peer:P1}\t{peerSec:0.00}s"));
});
var wallSec = wall.Elapsed.TotalSeconds;

var csv = new StringBuilder("folder,page,collection,ours,ours_s,peer,peer_s\n");
for (var i = 0; i < pages.Count; i++)
    csv.Append(CultureInfo.InvariantCulture, $"{pages[i].Folder},{pages[i].Page},{pages[i].Collection.Code()},{results[i].Ours:0.0000},{results[i].OursSec:0.00},{results[i].Peer:0.0000},{results[i].PeerSec:0.00}\n");
if (csvPath.Length > 0) await File.WriteAllTextAsync(csvPath, csv.ToString());

// Accuracy per collection: over all characters of the collection (pooled), mean of the pages, and the worst page.
double Pooled(List<int> idx, Func<int, double> acc) => idx.Sum(i => acc(i) * results[i].Length) / idx.Sum(i => results[i].Length);
var md = new StringBuilder();
md.AppendLine("| collection | pages | characters | ours: all characters | ours: mean of pages | ours: worst page | ours: s/page | plain tesseract: all characters | plain: mean | plain: worst | plain: s/page |");
md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var group in Enumerable.Range(0, pages.Count).GroupBy(i => pages[i].Collection).OrderBy(g => g.Key))
{
    var idx = group.ToList();
    md.AppendLine(string.Create(CultureInfo.InvariantCulture,
        $"| {group.Key.Code()} | {idx.Count} | {idx.Sum(i => results[i].Length)} | {Pooled(idx, i => results[i].Ours):P1} | {idx.Average(i => results[i].Ours):P1} | {idx.Min(i => results[i].Ours):P1} | {idx.Average(i => results[i].OursSec):0.00} | " +
        $"{(withPeer ? Pooled(idx, i => results[i].Peer).ToString("P1", CultureInfo.InvariantCulture) : "–")} | {(withPeer ? idx.Average(i => results[i].Peer).ToString("P1", CultureInfo.InvariantCulture) : "–")} | {(withPeer ? idx.Min(i => results[i].Peer).ToString("P1", CultureInfo.InvariantCulture) : "–")} | {(withPeer ? idx.Average(i => results[i].PeerSec).ToString("0.00", CultureInfo.InvariantCulture) : "–")} |"));
}
md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"\n{pages.Count} pages, {parallel} in parallel, {wallSec:0} s wall in all."));
Console.WriteLine(md.ToString());

/// <summary>Writes every log message to stderr (the bench's --trace).</summary>
sealed class ConsoleLogger<T> : Microsoft.Extensions.Logging.ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Console.Error.WriteLine($"{logLevel}: {formatter(state, exception)}");
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
