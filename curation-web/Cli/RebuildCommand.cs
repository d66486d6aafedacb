using QyHeritage.Archive;
using QyHeritage.Archive.Catalog;

namespace QyHeritage.Web.Cli;

/// <summary><c>qy rebuild</c>: the catalog from storage alone.</summary>
internal static class RebuildCommand
{
    public static async Task<int> RunAsync(ArchiveOptions options)
    {
        using var loggers = ConsoleLogging.Create();
        var archive = new ArchiveServices(options, loggers);
        var progress = new SynchronousProgress<(int Done, int Total)>(p =>
        {
            if (p.Done == p.Total || p.Done % 50 == 0) Console.WriteLine($"rebuild: {p.Done}/{p.Total} objects");
        });
        var result = await new CatalogRebuilder(archive).RebuildAsync(progress);
        Console.WriteLine($"目录已重建 Catalog rebuilt: {result.Items} items and {result.Exhibitions} exhibitions from {result.Objects} objects.");
        foreach (var problem in result.Problems) Console.Error.WriteLine($"  skipped: {problem}");
        return result.Problems.Count == 0 ? 0 : 1;
    }
}
