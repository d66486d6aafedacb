using QyHeritage.Archive;
using QyHeritage.Search.Api;
using QyHeritage.Search.Indexing;
using Spectre.Console;

namespace QyHeritage.Web.Cli;

/// <summary><c>qy reindex</c>: the search index rebuilt from storage alone, with a progress bar.</summary>
internal static class ReindexCommand
{
    public static async Task<int> RunAsync(ArchiveOptions options)
    {
        using var loggers = ConsoleLogging.Create();
        var archive = new ArchiveServices(options, loggers);
        using var index = new SearchIndex(SearchApi.IndexFolder(options));
        var indexer = new SearchIndexer(archive, index, loggers.CreateLogger<SearchIndexer>());
        ReindexResult result;
        try
        {
            result = await RebuildAsync(indexer);
        }
        catch (TimeoutException e)
        {
            Console.Error.WriteLine($"qy reindex: {e.Message} 请稍后再试 Try again when it is done.");
            return 1;
        }
        Console.WriteLine($"索引已重建 Search index rebuilt: {result.Items} items, {result.Pages} pages.");
        foreach (var problem in result.Problems) Console.Error.WriteLine($"  skipped: {problem}");
        return result.Problems.Count == 0 ? 0 : 1;
    }

    private static async Task<ReindexResult> RebuildAsync(SearchIndexer indexer)
    {
        ReindexResult result;
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            result = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("索引 Indexing");
                    return await indexer.RebuildAsync(new SynchronousProgress<ReindexProgress>(p => { task.MaxValue = Math.Max(1, p.Total); task.Value = p.Done; }));
                });
        }
        else
        {
            var lastDecile = -1;
            result = await indexer.RebuildAsync(new SynchronousProgress<ReindexProgress>(p =>
            {
                var decile = p.Total == 0 ? 10 : p.Done * 10 / p.Total;
                if (decile == lastDecile) return;
                lastDecile = decile;
                Console.WriteLine($"reindex: {p.Done}/{p.Total} objects");
            }));
        }
        return result;
    }
}
