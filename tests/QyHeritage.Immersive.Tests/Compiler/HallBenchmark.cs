using System.Globalization;
using System.Text;
using QyHeritage.Immersive.Compiling;

namespace QyHeritage.Immersive.Tests.Compiler;

/// <summary>
/// The benchmark of <c>bench/halls.sh</c> (skipped unless <c>QY_BENCH_HALLS</c> names the file for the table): compile
/// time and GLB size for 10, 60 and 200 exhibits in the gallery, each compiled twice — first with the Image API's
/// response cache cold (every texture rendered), then warm (the peer) — and the figures against the budgets.
/// </summary>
[Collection(HallCollection.Name)]
public class HallBenchmark(HallFixture hall)
{
    [SkippableFact]
    public async Task Compile_10_60_and_200_exhibits()
    {
        var output = Environment.GetEnvironmentVariable("QY_BENCH_HALLS");
        Skip.If(string.IsNullOrEmpty(output), "set QY_BENCH_HALLS=FILE (bench/halls.sh) to run the benchmark");
        var b = HallBudgets.Standalone;
        var table = new StringBuilder();
        table.AppendLine("| exhibits | cache | compile s | GLB MB | draw calls | triangles | texture MB | atlas pages | bays | within budgets |");
        table.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var count in new[] { 10, 60, 200 })
        {
            foreach (var cache in new[] { "cold", "warm" })
            {
                var e = hall.Synthetic(count) with { Id = $"bench-{count}" };
                // Each size its own pictures (distinct texture sizes per count), so "cold" renders them.
                var compiled = await hall.Compiler().CompileAsync(e, new HallCompileOptions(EnforceBudgets: false));
                var f = compiled.Figures;
                var over = new[] { (f.DrawCalls > b.DrawCalls, "draw calls"), (f.Triangles > b.Triangles, "triangles"),
                    (f.TextureBytes > b.TextureBytes, "texture memory"), (f.GlbBytes > b.GlbBytes, "GLB size") }.Where(o => o.Item1).Select(o => o.Item2).ToList();
                table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {count} | {cache} | {compiled.Elapsed.TotalSeconds:0.00} | {f.GlbBytes / 1048576.0:0.0} | {f.DrawCalls} | {f.Triangles} | {f.TextureBytes / 1048576.0:0.0} | {f.AtlasPages} | {f.Units} | {(over.Count == 0 ? "yes" : "no: " + string.Join(", ", over))} |"));
            }
        }
        table.AppendLine();
        table.AppendLine($"Budgets: {b.DrawCalls} draw calls, {b.Triangles} triangles, {HallFigures.Mb(b.TextureBytes)} texture memory, GLB {HallFigures.Mb(b.GlbBytes)}.");
        await File.WriteAllTextAsync(output!, table.ToString());
    }
}
