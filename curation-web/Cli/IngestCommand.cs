using Microsoft.Extensions.Logging;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Recognition;
using QyHeritage.Search.Indexing;
using Spectre.Console;

namespace QyHeritage.Web.Cli;

/// <summary><c>qy ingest FOLDER</c> with a progress bar of items and pages.</summary>
internal static class IngestCommand
{
    public static async Task<int> RunAsync(string folder, ArchiveOptions options)
    {
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"qy ingest: the folder '{folder}' does not exist.");
            return 2;
        }
        using var loggers = ConsoleLogging.Create();
        var archive = new ArchiveServices(options, loggers);
        // Indexes each committed item in this process; the server sees the commits (see SearchIndex).
        using var index = new SearchIndex(QyHeritage.Search.Api.SearchApi.IndexFolder(options));
        var indexer = new SearchIndexer(archive, index, loggers.CreateLogger<SearchIndexer>());
        using var recogniser = new PageRecogniser(loggers);
        var runner = new IngestRunner(archive, indexer.IndexItemAsync, recogniser);
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

        IngestReport report;
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            report = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var items = ctx.AddTask("条目 Items");
                    var pages = ctx.AddTask("页面 Pages");
                    var progress = new Progress<IngestProgress>(p =>
                    {
                        items.MaxValue = Math.Max(1, p.ItemsTotal); items.Value = p.ItemsDone;
                        pages.MaxValue = Math.Max(1, p.PagesTotal); pages.Value = p.PagesDone;
                    });
                    return await runner.RunAsync(folder, progress, cts.Token);
                });
        }
        else
        {
            // Not a terminal (CI, a pipe): one plain line every tenth of the pages.
            var lastDecile = -1;
            var progress = new SynchronousProgress<IngestProgress>(p =>
            {
                var decile = p.PagesTotal == 0 ? 10 : p.PagesDone * 10 / p.PagesTotal;
                if (decile == lastDecile) return;
                lastDecile = decile;
                Console.WriteLine($"ingest: {p.ItemsDone}/{p.ItemsTotal} items, {p.PagesDone}/{p.PagesTotal} pages");
            });
            report = await runner.RunAsync(folder, progress, cts.Token);
        }

        // An earlier ingest that died after committing an item but before indexing it leaves the item
        // unchanged for this run, so afterCommit never sees it: index whatever the catalog has that the index lacks.
        await indexer.CatchUpAsync(cts.Token);

        Console.WriteLine($"导入完成 Ingest finished: {report.ItemsAdded} added, {report.ItemsUpdated} updated, {report.ItemsUnchanged} unchanged, {report.ItemsFailed} refused.");
        foreach (var problem in report.Problems) Console.Error.WriteLine($"  refused: {problem}");
        return report.ItemsFailed == 0 ? 0 : 1;
    }
}

/// <summary>An IProgress that reports on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate) report(value);
    }
}
