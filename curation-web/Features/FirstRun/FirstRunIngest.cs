using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Ingest;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Recognition;
using QyHeritage.Search.Indexing;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Web.Features.FirstRun;

/// <summary>
/// On the first start, ingests the sample collection in the background while the site already
/// serves; items appear on the home page as they are committed. A marker file records a finished
/// run, so later starts skip it (an interrupted first run resumes on the next start). Recognition is loaded for the
/// run alone: its recogniser (ONNX Runtime sessions, glyph templates) is disposed when the run ends and the memory the
/// run held is given back to the system, so that the host serves in the memory of one that never ingested
/// (bench/iiif-memory.sh, OCR=true).
/// </summary>
public sealed partial class FirstRunIngest(ArchiveServices archive, ExhibitionStore exhibitions, WebOptions web, SearchIndexer search, Func<PageRecogniser> newRecogniser,
    ImageService images, ILogger<FirstRunIngest> log) : BackgroundService
{
    private const string MarkerFile = ".sample-ingested";
    private volatile string _status = "pending";
    private IngestProgress? _progress;

    /// <summary>"pending", "running 12/60 pages", "done", "skipped" or "failed: …", shown on /health and the home page.</summary>
    public string Status => _progress is { } p && _status == "running" ? $"running {p.PagesDone}/{p.PagesTotal} pages" : _status;

    public bool Running => _status is "running" or "pending";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var marker = Path.Combine(archive.Options.DataFolder, MarkerFile);
        var folder = ResolveSampleFolder(web.SampleCollection);
        if (!web.IngestSampleOnFirstStart || File.Exists(marker))
        {
            _status = "skipped";
            // Exhibitions shipped after the sample was ingested (installing skips those already stored).
            if (File.Exists(marker) && folder is not null) await Exhibitions.ExhibitionsFirstRun.PublishShippedAsync(exhibitions, archive, folder, log, stoppingToken);
            return;
        }
        if (folder is null)
        {
            _status = "failed: sample collection not found";
            log.LogWarning("The sample collection was not found at {Folder}; set Qy:SampleCollection to its folder.", web.SampleCollection);
            return;
        }
        await Task.Yield();
        _status = "running";
        try
        {
            log.LogInformation("First start: ingesting the sample collection from {Folder}", folder);
            var report = await IngestAsync(folder, stoppingToken);
            await File.WriteAllTextAsync(marker, DateTimeOffset.UtcNow.ToString("O"), stoppingToken);
            await Exhibitions.ExhibitionsFirstRun.PublishShippedAsync(exhibitions, archive, folder, log, stoppingToken);
            _status = report.ItemsFailed == 0 ? "done" : $"done, {report.ItemsFailed} refused";
            foreach (var p in report.Problems) log.LogWarning("Sample item refused: {Problem}", p);
            log.LogInformation("First start: the sample collection is in ({Added} items added, {Refused} refused)", report.ItemsAdded, report.ItemsFailed);
        }
        catch (OperationCanceledException)
        {
            _status = "interrupted";
        }
        catch (Exception e)
        {
            _status = "failed: " + e.Message;
            log.LogError(e, "The first-start ingest of the sample collection failed; run 'qy ingest {Folder}' to see why", folder);
        }
    }

    /// <summary>The ingest with a recogniser of its own, released when it ends (or fails); then memory goes back.</summary>
    private async Task<IngestReport> IngestAsync(string folder, CancellationToken ct)
    {
        var recogniser = archive.Options.OcrEnabled ? newRecogniser() : null;
        try
        {
            return await new IngestRunner(archive, search.IndexItemAsync, recogniser).RunAsync(folder, new Progress<IngestProgress>(p => _progress = p), ct);
        }
        finally
        {
            var held = Environment.WorkingSet;
            recogniser?.Dispose();
            var released = Environment.WorkingSet;
            // The run's garbage (page images, montages, model inputs) sits in the large-object heap until a full
            // collection, which an idle server may not make for a long time; the collector and glibc keep what they freed.
            if (!ct.IsCancellationRequested) images.Memory.Return();
            LogReleased(held >> 20, released >> 20, Environment.WorkingSet >> 20);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "First start: recognition released; working set {HeldMB} MB, {ReleasedMB} MB after disposing the models, {ReturnedMB} MB after returning memory")]
    private partial void LogReleased(long heldMB, long releasedMB, long returnedMB);

    /// <summary>The configured folder relative to the working folder, else found above the program's folder.</summary>
    internal static string? ResolveSampleFolder(string configured)
    {
        if (Directory.Exists(configured)) return Path.GetFullPath(configured);
        if (Path.IsPathRooted(configured)) return null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, configured);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
