using Lucene.Net.Index;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Archive;
using QyHeritage.Archive.Domain;

namespace QyHeritage.Search.Indexing;

/// <summary>Progress of a rebuild: objects done of objects found.</summary>
public readonly record struct ReindexProgress(int Done, int Total, string? Current);

/// <summary>What a rebuild did.</summary>
public sealed record ReindexResult(int Items, int Pages, IReadOnlyList<string> Problems);

/// <summary>
/// Keeps the <see cref="SearchIndex"/> in step with storage: one item after each ingest commit
/// (<see cref="IndexItemAsync"/>, the ingest's <c>afterCommit</c>), everything from storage alone
/// (<see cref="RebuildAsync"/>, <c>qy reindex</c>), and whatever the index missed (<see cref="CatchUpAsync"/>).
/// </summary>
public sealed class SearchIndexer
{
    private readonly ArchiveServices _archive;
    private readonly ItemPageLoader _loader;
    private readonly ILogger _log;

    public SearchIndexer(ArchiveServices archive, SearchIndex index, ILogger<SearchIndexer>? logger = null)
    {
        _archive = archive;
        Index = index;
        _log = logger ?? (ILogger)NullLogger.Instance;
        _loader = new ItemPageLoader(archive.Ocfl, _log);
    }

    public SearchIndex Index { get; }

    /// <summary>How long an item waits for another process's writer before it is left to the catch-up.</summary>
    public TimeSpan WriterWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Indexes one committed item version. Matches the ingest's <c>afterCommit</c> callback.</summary>
    /// <remarks>Never fails the ingest: the item is safely in storage by now, so an item that cannot be indexed
    /// (the writer busy too long, an unreadable hOCR) is logged and left to <see cref="CatchUpAsync"/>.</remarks>
    public async Task IndexItemAsync(Item item, int version, CancellationToken ct)
    {
        try
        {
            var pages = await LoadAsync(item, version, ct);
            using (var writer = await Index.OpenWriterAsync(WriterWait, ct))
            {
                writer.ReplaceItem(item, version, pages);
            }
            SearchLog.Indexed(_log, item.Id, version, pages.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SearchLog.NotIndexed(_log, item.Id, e.Message);
        }
    }

    /// <summary>
    /// How many items a rebuild reads and analyses at once (<see cref="RebuildAsync"/>): one per core, at most two by
    /// default. Lucene's writer is thread-safe and gives each thread its own in-memory segment; the analysis, by far the
    /// larger part of indexing, then runs on every core.
    /// </summary>
    public int RebuildThreads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>
    /// Rebuilds the whole index from the OCFL objects in storage (their metadata.json and page files), on
    /// <see cref="RebuildThreads"/> threads. Readers keep the old index until the single commit at the end. The order
    /// in which items land in the index does not matter: hits of equal rank are ordered by item id and page.
    /// </summary>
    public async Task<ReindexResult> RebuildAsync(IProgress<ReindexProgress>? progress = null, CancellationToken ct = default)
    {
        var ids = new List<string>();
        // Exhibitions share the storage root; they are not items and have no text to index.
        await foreach (var id in _archive.Ocfl.ListObjectIdsAsync(ct)) if (!QyHeritage.Archive.Exhibitions.ExhibitionObjectId.IsExhibition(id)) ids.Add(id);
        progress?.Report(new ReindexProgress(0, ids.Count, null));
        var problems = new List<string>();
        int items = 0, pageCount = 0, done = 0;
        // Progress is reported under the lock, so the counts a reporter sees only grow and the last is the total.
        var gate = new System.Threading.Lock();
        using (var writer = await Index.OpenWriterAsync(WriterWait, ct))
        {
            writer.DeleteAll();
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, RebuildThreads), CancellationToken = ct };
            await Parallel.ForEachAsync(ids, options, async (id, token) =>
            {
                try
                {
                    var head = await _archive.Ocfl.GetHeadAsync(id, token);
                    if (head is not null)
                    {
                        Item item;
                        await using (var s = await _archive.Ocfl.OpenFileAsync(id, ItemMetadata.LogicalPath, head.Version, token))
                        using (var ms = new MemoryStream())
                        {
                            await s.CopyToAsync(ms, token);
                            item = ItemMetadata.Parse(ms.ToArray());
                        }
                        var pages = await LoadAsync(item, head.Version, token);
                        writer.AddItem(item, head.Version, pages);
                        Interlocked.Increment(ref items);
                        Interlocked.Add(ref pageCount, pages.Count);
                    }
                }
                catch (Exception e) when (e is FormatException or FileNotFoundException or IOException)
                {
                    SearchLog.ReindexSkipped(_log, id, e.Message);
                    lock (gate) problems.Add($"{id}: {e.Message}");
                }
                lock (gate) progress?.Report(new ReindexProgress(++done, ids.Count, id));
            });
            // One segment after a bulk load: fewer term lookups per query and one set of per-segment arrays
            // (searches still use every core, in ranges of documents). About a minute per million pages.
            writer.ForceMerge(1);
        }
        Index.Refresh();
        // Problems by object id, whichever thread met them.
        problems.Sort(StringComparer.Ordinal);
        return new ReindexResult(items, pageCount, problems);
    }

    /// <summary>
    /// Indexes the catalogued items whose OCFL version the index does not hold yet; returns how many. An index
    /// written under another analysis version (a new folding table) is rebuilt from storage instead.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken ct = default)
    {
        if (Index.IsStale())
        {
            SearchLog.StaleIndex(_log, Index.IndexedAnalysisVersion() ?? "none", Index.AnalysisVersion);
            return (await RebuildAsync(null, ct)).Items;
        }
        var indexed = IndexedVersions();
        var missing = _archive.Catalog.ListItems()
            .Where(e => !indexed.TryGetValue(e.Item.Id, out var v) || v != e.OcflVersion)
            .ToList();
        foreach (var entry in missing) await IndexItemAsync(entry.Item, entry.OcflVersion, ct);
        if (missing.Count > 0) SearchLog.CaughtUp(_log, missing.Count);
        Index.Refresh();
        return missing.Count;
    }

    /// <summary>Item id → the OCFL version its documents came from, read from the index's terms.</summary>
    public IReadOnlyDictionary<string, int> IndexedVersions()
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var searcher = Index.Acquire();
        try
        {
            var terms = MultiFields.GetTerms(searcher.IndexReader, SearchFields.ItemVersion);
            if (terms is null) return result;
            var e = terms.GetEnumerator();
            while (e.MoveNext())
            {
                var s = e.Term.Utf8ToString();
                var tab = s.IndexOf('\t');
                if (tab > 0 && int.TryParse(s.AsSpan(tab + 1), out var v) && e.DocFreq > 0)
                    result[s[..tab]] = Math.Max(v, result.GetValueOrDefault(s[..tab]));
            }
        }
        finally
        {
            Index.Release(searcher);
        }
        return result;
    }

    private async Task<IReadOnlyList<PageSource>> LoadAsync(Item item, int version, CancellationToken ct)
    {
        var pages = await _loader.LoadAsync(item, version, ct);
        // An item without pages is still found by its metadata: one document stands for it.
        return pages.Count > 0 ? pages : [new PageSource(new Page { Order = 0, Label = "" }, PageText.Empty, [])];
    }
}
