// The hall compiler benchmark (bench/halls.sh): the items of the two shipped exhibitions ingested without OCR, the
// exhibitions installed and published as on first start, then synthetic exhibitions of 10, 60 and 200 exhibits in
// sections of six (cycling through the shipped exhibits' pictures, new ids and labels) compiled in the beijiang-gallery
// template with textures from the Image API in this process. Each size is compiled twice (first: textures rendered,
// second: the Image API's response cache warm — the peer). Budgets are reported, not enforced; a refusal under the
// budgets is printed with its message. Writes a Markdown table to the file named by the first argument (else stdout).
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Iiif;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Immersive.Compiling;
using QyHeritage.Immersive.Templates;
using QyHeritage.Immersive.Tests;

string[] items = ["QY-RB-003", "QY-RB-004", "QY-RB-006", "QY-RB-007", "QY-RB-008", "QY-RB-009", "QY-RB-010", "QY-LH-001", "QY-LH-002", "QY-LH-003"];
var sizes = (Environment.GetEnvironmentVariable("SIZES") ?? "10,60,200").Split(',').Select(int.Parse).ToArray();
var data = TestPaths.NewTempFolder("hall-bench");
try
{
    var setup = Stopwatch.StartNew();
    var archive = new ArchiveServices(new ArchiveOptions { DataFolder = data, OcrEnabled = false });
    var ingest = await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset(items));
    if (ingest.ItemsAdded != items.Length) throw new InvalidOperationException(string.Join("; ", ingest.Problems));
    var store = new ExhibitionStore(archive);
    var installed = await ShippedExhibitions.InstallAsync(store, archive.Catalog, Path.Combine(TestPaths.RepoRoot, "assets", "exhibitions"));
    if (installed.Problems.Count > 0) throw new InvalidOperationException(string.Join("; ", installed.Problems));
    var beijiang = (await store.GetPublishedAsync("beijiang-history"))!;
    var tea = (await store.GetPublishedAsync("qingyuan-tea"))!;
    using var stats = new ImageStats();
    var images = new ImageService(archive, new IiifOptions(), stats, NullLogger<ImageService>.Instance);
    var templates = HallTemplateJson.LoadFolder(Path.Combine(TestPaths.RepoRoot, "assets", "halls"));
    var compiler = new HallCompiler(templates, (item, page, region, w, h, ct) => images.RegionJpegAsync(item, page, region, w, h, ct));
    Console.Error.WriteLine($"setup (ingest {items.Length} items, publish the shipped exhibitions): {setup.Elapsed.TotalSeconds:F1} s");

    var b = HallBudgets.Standalone;
    var table = new StringBuilder();
    table.AppendLine("| exhibits | run | compile s | GLB MB | draw calls | triangles | texture MB (RGBA8 + mips) | atlas pages | pictures sharp from | texels: pictures / panels | bays | within budgets |");
    table.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    var refusals = new StringBuilder();
    foreach (var count in sizes)
    {
        foreach (var run in new[] { "first", "second" })
        {
            var e = SyntheticExhibitions.Make(beijiang, tea, count) with { Id = $"bench-{count}" };
            var compiled = await compiler.CompileAsync(e, new HallCompileOptions(EnforceBudgets: false));
            var f = compiled.Figures;
            var over = new[] { (f.DrawCalls > b.DrawCalls, "draw calls"), (f.Triangles > b.Triangles, "triangles"),
                (f.TextureBytes > b.TextureBytes, "texture memory"), (f.GlbBytes > b.GlbBytes, "GLB size") }.Where(o => o.Item1).Select(o => o.Item2).ToList();
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {count} | {run} | {compiled.Elapsed.TotalSeconds:0.00} | {f.GlbBytes / 1048576.0:0.0} | {f.DrawCalls} | {f.Triangles} | {f.TextureBytes / 1048576.0:0.0} | {f.AtlasPages} | {f.TextureDistance:0.0} m | {Texels(f, true)} / {Texels(f, false)} | {f.Units} | {(over.Count == 0 ? "yes" : "no: " + string.Join(", ", over))} |"));
            Console.Error.WriteLine($"{count} exhibits, {run}: {compiled.Elapsed.TotalSeconds:F1} s");
            if (over.Count > 0 && run == "first")
            {
                try { await compiler.CompileAsync(e); }
                catch (HallBudgetException x) { refusals.AppendLine($"- {count} exhibits refused under the budgets: {x.Message.ReplaceLineEndings(" ")}"); }
            }
        }
    }
    table.AppendLine(string.Create(CultureInfo.InvariantCulture,
        $"| **budget** | | | **{b.GlbBytes / 1048576.0:0}** | **{b.DrawCalls}** | **{b.Triangles:N0}** | **{b.TextureBytes / 1048576.0:0}** | | | | | |"));
    table.Append(refusals);
    if (args.Length > 0) await File.WriteAllTextAsync(args[0], table.ToString());
    else Console.Write(table);
}
finally
{
    try { Directory.Delete(data, recursive: true); } catch (IOException) { }
}

// Millions of texels of the exhibit pictures (or of the panels) on the atlas pages.
static string Texels(HallFigures f, bool pictures) =>
    (f.Items.Where(t => t.Exhibit.Length > 0 == pictures).Sum(t => (long)t.Width * t.Height) / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " M";
