using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Imaging;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Storage;
using QyHeritage.Archive.Transcription;

namespace QyHeritage.Archive.Ingest;

/// <summary>
/// <c>qy ingest FOLDER</c>: reads items.csv and the page files, and for each item writes an OCFL
/// version (masters, metadata.json, transcriptions, OCR), the pyramid derivatives and the catalog rows.
/// <list type="bullet">
/// <item>Idempotent: an item whose files are unchanged makes no new version and no OCR is run again.</item>
/// <item>Resumable: finished items are skipped by the same check; OCR results are cached in the work
/// folder by master digest, so an interrupted item does not redo finished pages.</item>
/// <item>Pages run in parallel, one per core; an item is committed when its last page is done.</item>
/// <item>A bad page (corrupt, truncated, too large) fails its item with a message naming item and page; the rest goes on.</item>
/// </list>
/// </summary>
public sealed class IngestRunner
{
    private readonly ArchiveServices _archive;
    private readonly PyramidBuilder _pyramids;
    private readonly IPageRecogniser? _recogniser;
    private readonly ILogger _log;
    private readonly Func<Item, int, CancellationToken, Task>? _afterCommit;

    /// <param name="archive">The stores to write to.</param>
    /// <param name="afterCommit">Called with each added or changed item and its new OCFL version, after
    /// the catalog row is written: modules above the archive (the search index) keep up through it.</param>
    /// <param name="recogniser">The OCR step (QyHeritage.Recognition's PageRecogniser); required when
    /// <see cref="ArchiveOptions.OcrEnabled"/> is on, unused when it is off.</param>
    public IngestRunner(ArchiveServices archive, Func<Item, int, CancellationToken, Task>? afterCommit = null, IPageRecogniser? recogniser = null)
    {
        if (archive.Options.OcrEnabled && recogniser is null)
            throw new ArgumentException("OCR is on (Qy:OcrEnabled) but this ingest was given no page recogniser; "
                + "pass one (QyHeritage.Recognition.PageRecogniser) or set Qy:OcrEnabled=false.", nameof(recogniser));
        _recogniser = archive.Options.OcrEnabled ? recogniser : null;
        _afterCommit = afterCommit;
        _archive = archive;
        _pyramids = new PyramidBuilder(new ImagingOptions { MaxPixels = archive.Options.MaxPixels }, archive.Loggers.CreateLogger<PyramidBuilder>());
        _log = archive.Loggers.CreateLogger<IngestRunner>();
    }

    public async Task<IngestReport> RunAsync(string folder, IProgress<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        var (items, sourceProblems) = SampleCollectionReader.Read(folder);
        var problems = new ConcurrentBag<string>(sourceProblems.Select(p => p.ToString()));
        foreach (var p in sourceProblems) _log.LogWarning("Skipping a row of items.csv: {Problem}", p.ToString());

        var pagesTotal = items.Sum(i => i.Pages.Count);
        int itemsDone = 0, pagesDone = 0, added = 0, updated = 0, unchanged = 0;
        void Report(string? current) => progress?.Report(new IngestProgress(itemsDone, items.Count, pagesDone, pagesTotal, current));
        Report(null);

        var work = new List<ItemWork>();
        foreach (var item in items) work.Add(new ItemWork(item));
        var pages = work.SelectMany(w => w.Item.Pages.Select(p => (Work: w, Page: p))).ToList();

        await Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = _archive.Options.EffectiveParallelism, CancellationToken = ct },
            async (job, token) =>
            {
                var w = job.Work;
                try
                {
                    if (!w.Failed)
                    {
                        await w.EnsureHeadAsync(_archive.Ocfl, token);
                        w.Results[job.Page.Order] = await ProcessPageAsync(w, job.Page, token);
                    }
                }
                catch (IngestPageException e)
                {
                    w.Fail(e.Message);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _log.LogError(e, "Page {Page} of {Item} failed", job.Page.Name, w.Item.Item.Id);
                    w.Fail($"{w.Item.Item.Id} {job.Page.Name}: {e.Message}");
                }
                Interlocked.Increment(ref pagesDone);
                if (w.PageFinished())
                {
                    if (w.Failed)
                    {
                        problems.Add(w.Error!);
                        _log.LogWarning("Item {Item} not ingested: {Reason}", w.Item.Item.Id, w.Error);
                    }
                    else
                    {
                        try
                        {
                            var outcome = await CommitItemAsync(w, token);
                            if (outcome == Outcome.Added) Interlocked.Increment(ref added);
                            else if (outcome == Outcome.Updated) Interlocked.Increment(ref updated);
                            else Interlocked.Increment(ref unchanged);
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            _log.LogError(e, "Item {Item} could not be stored", w.Item.Item.Id);
                            problems.Add($"{w.Item.Item.Id}: {e.Message}");
                        }
                    }
                    Interlocked.Increment(ref itemsDone);
                }
                Report(w.Item.Item.Id);
            });

        var report = new IngestReport(added, updated, unchanged, problems.OrderBy(p => p, StringComparer.Ordinal).ToList());
        _log.LogInformation("Ingest of {Folder}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Failed} failed",
            folder, added, updated, unchanged, report.ItemsFailed);
        return report;
    }

    private async Task<PageResult> ProcessPageAsync(ItemWork w, SourcePage page, CancellationToken ct)
    {
        var item = w.Item.Item;
        string? masterPath = page.ImagePath, masterDigest = null, masterLogical = null;
        int width = 0, height = 0;
        byte[]? ocrHocr = null, textHocr = null;
        double? confidence = null;
        string? transcription = page.TranscriptionPath is null ? null : await File.ReadAllTextAsync(page.TranscriptionPath, ct);

        if (masterPath is not null)
        {
            if (new FileInfo(masterPath).Length == 0)
                throw new IngestPageException($"{item.Id} {page.Name}: the master {Path.GetFileName(masterPath)} is empty (0 bytes)");
            MasterInfo info;
            try { info = _pyramids.Probe(masterPath); }
            catch (MasterRejectedException e) { throw new IngestPageException($"{item.Id} {page.Name}: {e.Message}"); }
            width = info.Width;
            height = info.Height;
            masterDigest = await Sha512HexAsync(masterPath, ct);
            masterLogical = $"master/{page.Name}{Path.GetExtension(masterPath).ToLowerInvariant()}";

            await EnsurePyramidAsync(item.Id, page, masterPath, masterDigest, ct);

            if (_recogniser is not null)
            {
                var ocr = await RecogniseCachedAsync(_recogniser, w, page, masterPath, masterDigest, masterLogical, ct);
                var written = Hocr.Write(ocr);
                ocrHocr = System.Text.Encoding.UTF8.GetBytes(written);
                // Measured on the hOCR as stored, so that the same page gives the same figure whether it was read now or
                // comes from the cache (and the item's metadata the same bytes). Two decimals are all it means.
                confidence = Math.Round(OcrConfidence.Of(Hocr.Parse(written)), 2);
                if (transcription is not null)
                {
                    var aligned = TranscriptionAligner.Align(Transcription.Transcription.Parse(transcription), ocr, item.Layout);
                    textHocr = System.Text.Encoding.UTF8.GetBytes(Hocr.Write(aligned.ToOcrPage()));
                }
            }
        }
        return new PageResult(page, masterLogical, masterDigest, width, height, transcription, ocrHocr, textHocr, confidence);
    }

    /// <summary>OCR of one master: reused from the head version if the master is unchanged, else from the work cache, else recognised.</summary>
    private async Task<OcrPage> RecogniseCachedAsync(IPageRecogniser recogniser, ItemWork w, SourcePage page, string masterPath, string masterDigest, string masterLogical, CancellationToken ct)
    {
        var item = w.Item.Item;
        var cacheFile = Path.Combine(_archive.Options.WorkFolder, "ocr-cache", $"{masterDigest[..32]}-{recogniser.Version}-{item.Collection.Code()}-{item.Script}-{item.Layout}.hocr");
        if (w.Head is { } head && head.Files.TryGetValue(masterLogical, out var headDigest) && headDigest == masterDigest
            && head.Files.ContainsKey($"ocr/{page.Name}.hocr"))
        {
            await using var s = await _archive.Ocfl.OpenFileAsync(item.Id, $"ocr/{page.Name}.hocr", null, ct);
            using var reader = new StreamReader(s);
            return Hocr.Parse(await reader.ReadToEndAsync(ct));
        }
        if (File.Exists(cacheFile)) return Hocr.Parse(await File.ReadAllTextAsync(cacheFile, ct));
        var result = await recogniser.RecogniseAsync(masterPath, item, ct);
        Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
        var temp = cacheFile + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temp, Hocr.Write(result), ct);
        File.Move(temp, cacheFile, overwrite: true);
        return result;
    }

    /// <summary>Builds the page's pyramid unless one built from the same master is already stored.</summary>
    private async Task EnsurePyramidAsync(string itemId, SourcePage page, string masterPath, string masterDigest, CancellationToken ct)
    {
        var store = _archive.Store;
        var pyramidKey = ArchiveKeys.Pyramid(itemId, page.Name);
        if (await store.ExistsAsync(pyramidKey, ct))
        {
            try
            {
                if ((await StoredPyramids.ReadRecordAsync(store, itemId, page.Name, ct))?.MasterSha512 == masterDigest) return;
            }
            catch (InvalidDataException) { } // a damaged record: rebuilt with the pyramid below
        }
        var tempDir = Path.Combine(_archive.Options.WorkFolder, "pyramids");
        Directory.CreateDirectory(tempDir);
        var temp = Path.Combine(tempDir, $"{itemId}-{page.Name}-{Guid.NewGuid():N}.tif");
        try
        {
            try { _pyramids.Build(masterPath, temp, ct); }
            catch (MasterRejectedException e) { throw new IngestPageException($"{itemId} {page.Name}: {e.Message}"); }
            await StoredPyramids.WriteAsync(store, itemId, page.Name, temp, masterDigest, ct);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<Outcome> CommitItemAsync(ItemWork w, CancellationToken ct)
    {
        var src = w.Item;
        var results = w.Results.Values.OrderBy(r => r.Page.Order).ToList();
        var pages = results.Select(r => new Page
        {
            Order = r.Page.Order,
            Label = r.Page.Label,
            Width = r.Width,
            Height = r.Height,
            Master = r.MasterLogical,
            Derivative = r.MasterLogical is null ? null : ArchiveKeys.Pyramid(src.Item.Id, r.Page.Name).Value,
            Ocr = r.OcrHocr is null ? null : $"ocr/{r.Page.Name}.hocr",
            Transcription = r.Transcription is null ? null : $"text/{r.Page.Name}.txt",
            TextBoxes = r.TextHocr is null ? null : $"text/{r.Page.Name}.hocr",
            OcrConfidence = r.OcrConfidence,
            NeedsTranscription = r.OcrConfidence is { } c && OcrConfidence.NeedsTranscription(c),
        }).ToList();
        var item = src.Item with { Pages = pages };
        var metadata = ItemMetadata.ToUtf8(item);

        var state = new List<OcflContent> { Bytes(ItemMetadata.LogicalPath, metadata) };
        foreach (var r in results)
        {
            if (r.MasterLogical is not null)
            {
                var path = r.Page.ImagePath!;
                state.Add(new OcflContent(r.MasterLogical, _ => Task.FromResult<Stream>(File.OpenRead(path))));
            }
            if (r.Transcription is not null) state.Add(Bytes($"text/{r.Page.Name}.txt", File.ReadAllBytes(r.Page.TranscriptionPath!)));
            if (r.OcrHocr is not null) state.Add(Bytes($"ocr/{r.Page.Name}.hocr", r.OcrHocr));
            if (r.TextHocr is not null) state.Add(Bytes($"text/{r.Page.Name}.hocr", r.TextHocr));
        }
        // One writer per object across processes: 'qy ingest' may run beside the server's own ingest.
        using var writerLock = await ObjectWriterLock.AcquireAsync(_archive.Options.WorkFolder, item.Id, ct);
        var existed = await _archive.Ocfl.GetHeadAsync(item.Id, ct) is not null;
        var commit = await _archive.Ocfl.CommitAsync(item.Id, state,
            new OcflVersionInfo(existed ? "Re-ingest with changed files" : "Ingest", "QyHeritage ingest", "https://www.qylib.cn/", DateTimeOffset.UtcNow), ct);
        // The catalog row is made from the stored metadata.json, exactly as 'qy rebuild' makes it.
        var stored = ItemMetadata.Parse(metadata);
        _archive.Catalog.Upsert(stored, commit.Version);
        CrashRehearsal.Reach(CrashRehearsal.CatalogUpdated);
        if (commit.Changed && _afterCommit is not null) await _afterCommit(stored, commit.Version, ct);
        return !commit.Changed ? Outcome.Unchanged : existed ? Outcome.Updated : Outcome.Added;
    }

    private static OcflContent Bytes(string logicalPath, byte[] bytes) =>
        new(logicalPath, _ => Task.FromResult<Stream>(new MemoryStream(bytes, writable: false)));

    private static async Task<string> Sha512HexAsync(string path, CancellationToken ct)
    {
        await using var fs = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA512.HashDataAsync(fs, ct));
    }

    private enum Outcome { Added, Updated, Unchanged }

    private sealed record PageResult(SourcePage Page, string? MasterLogical, string? MasterDigest, int Width, int Height,
        string? Transcription, byte[]? OcrHocr, byte[]? TextHocr, double? OcrConfidence);

    /// <summary>A page problem that is the input's fault: reported by name, without a stack trace.</summary>
    private sealed class IngestPageException(string message) : Exception(message);

    /// <summary>The pages of one item in flight: results so far, and whether the item failed.</summary>
    private sealed class ItemWork(SourceItem item)
    {
        private int _remaining = item.Pages.Count;
        private readonly SemaphoreSlim _headLock = new(1, 1);
        private bool _headRead;

        public SourceItem Item { get; } = item;
        public ConcurrentDictionary<int, PageResult> Results { get; } = new();
        public OcflObjectState? Head { get; private set; }
        public string? Error { get; private set; }
        public bool Failed => Error is not null;

        public void Fail(string message) => Error ??= message;

        /// <summary>True for the call that finishes the item's last page.</summary>
        public bool PageFinished() => Interlocked.Decrement(ref _remaining) == 0;

        public async Task EnsureHeadAsync(OcflRepository ocfl, CancellationToken ct)
        {
            if (_headRead) return;
            await _headLock.WaitAsync(ct);
            try
            {
                if (!_headRead) { Head = await ocfl.GetHeadAsync(Item.Item.Id, ct); _headRead = true; }
            }
            finally { _headLock.Release(); }
        }
    }
}
