using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using QyHeritage.Archive.Domain;
using QyHeritage.Search.Analysis;
using QyHeritage.Search.Folding;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace QyHeritage.Search.Indexing;

/// <summary>
/// The Lucene index of page documents in one folder (<c>data/index</c>), shared by the processes of a data folder.
/// </summary>
/// <remarks>
/// <para><b>Writers take turns; readers never wait.</b> Lucene allows one <see cref="IndexWriter"/> per index
/// (its <c>write.lock</c>). Nobody keeps a writer open: whoever has something to index — the server's own
/// ingest, <c>qy ingest</c> in another process, <c>qy reindex</c> — opens one through
/// <see cref="OpenWriterAsync"/>, which first takes a lock file beside the index (an advisory flock,
/// released if the process dies) and waits its turn, then writes and commits. Readers (the server) hold no
/// lock: <see cref="Acquire"/> reopens with <c>DirectoryReader.OpenIfChanged</c> (through a
/// <see cref="SearcherManager"/>) at most once per <see cref="RefreshInterval"/>, so a commit from any process
/// is visible within that interval, and a reader in use keeps its snapshot until released.</para>
/// <para>An item that could not be indexed (a writer held too long, a crash between the OCFL commit and the
/// index commit) is picked up by <see cref="SearchIndexer.CatchUpAsync"/>, which compares the catalogue's
/// OCFL versions with the versions the index holds.</para>
/// </remarks>
public sealed class SearchIndex : IDisposable
{
    private readonly LuceneDirectory _directory;
    private readonly System.Threading.Lock _gate = new();
    private SearcherManager? _searchers;
    private long _lastRefresh;

    public SearchIndex(string folder, FoldingTable? folding = null)
    {
        Folder = Path.GetFullPath(folder);
        System.IO.Directory.CreateDirectory(Folder);
        Folding = folding ?? FoldingTable.Default;
        Analyzer = new ChineseSearchAnalyzer(Folding, [SearchFields.Trigrams]);
        Contains = new ContainsQueryBuilder(Analyzer, Folding, new Dictionary<string, string> { [SearchFields.Text] = SearchFields.Trigrams });
        WordAnalyzer = new WordAnalyzer(Folding);
        // Every analysed field uses our chain except the words field (WordTokenizer); the documents carry their text folded.
        IndexingAnalyzer = new PerFieldAnalyzerWrapper(new ChineseSearchAnalyzer(Folding, [SearchFields.Trigrams], foldsInput: false),
            new Dictionary<string, Lucene.Net.Analysis.Analyzer> { [SearchFields.Words] = new WordAnalyzer(Folding, foldsInput: false) });
        _directory = FSDirectory.Open(Folder);
        AnalysisVersion = $"{AnalysisFormat}/{Folding.Version}";
    }

    /// <summary>The analysis version the latest commit was written with; null when there is no index yet (or it predates versions).</summary>
    public string? IndexedAnalysisVersion()
    {
        var searcher = Acquire();
        try
        {
            return searcher.IndexReader is DirectoryReader dr && dr.IndexCommit.UserData.TryGetValue(AnalysisVersionKey, out var v) ? v : null;
        }
        finally
        {
            Release(searcher);
        }
    }

    /// <summary>True when there is an index with documents written under another analysis version.</summary>
    public bool IsStale()
    {
        var searcher = Acquire();
        try
        {
            if (searcher.IndexReader.MaxDoc == 0) return false;
        }
        finally
        {
            Release(searcher);
        }
        return IndexedAnalysisVersion() != AnalysisVersion;
    }

    public string Folder { get; }

    /// <summary>
    /// What the index's terms depend on: this code's analysis (<see cref="AnalysisFormat"/>) and the folding
    /// table. Written into every commit; an index written under another version is rebuilt by the catch-up.
    /// </summary>
    public string AnalysisVersion { get; init; }

    /// <summary>Bump when the analysis chain or the document fields change in a way that needs a reindex.</summary>
    public const string AnalysisFormat = "qy-search-9";

    private const string AnalysisVersionKey = "qy.analysis";

    public FoldingTable Folding { get; }

    public ChineseSearchAnalyzer Analyzer { get; }

    /// <summary>The SmartCn analysis of the <see cref="SearchFields.Words"/> field.</summary>
    public WordAnalyzer WordAnalyzer { get; }

    /// <summary>The writer's analysis: <see cref="Analyzer"/> and <see cref="WordAnalyzer"/> without folding, for documents
    /// whose analysed text is folded already (<see cref="PageDocuments.Build"/>).</summary>
    public Lucene.Net.Analysis.Analyzer IndexingAnalyzer { get; }

    /// <summary>
    /// The writer's settings. A rebuild on two cores spends what it can on analysis: a larger buffer (fewer, larger
    /// flushed segments, so less merging while it runs) and flushed segments without compound files (a compound file is
    /// one more copy of each new segment; merges still make small merged segments compound, so an ingest's many small
    /// commits do not multiply open files).
    /// </summary>
    public IndexWriterConfig NewWriterConfig() => new(ChineseSearchAnalyzer.Version, IndexingAnalyzer)
    {
        OpenMode = OpenMode.CREATE_OR_APPEND,
        RAMBufferSizeMB = 96,
        UseCompoundFile = false,
    };

    public ContainsQueryBuilder Contains { get; }

    /// <summary>How stale a reader may be before the next <see cref="Acquire"/> looks for a newer commit.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The lock file that makes writers of all processes take turns.</summary>
    public string WriterLockPath => Folder.TrimEnd(Path.DirectorySeparatorChar) + ".writer.lock";

    /// <summary>Waits (up to <paramref name="timeout"/>) for the writer's turn and opens a writer.</summary>
    /// <exception cref="TimeoutException">Another process kept the writer longer than <paramref name="timeout"/>.</exception>
    public async Task<SearchIndexWriter> OpenWriterAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        FileStream? turn = null;
        while (turn is null)
        {
            try
            {
                turn = new FileStream(WriterLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"The search index at {Folder} was being written by another process for more than {timeout.TotalSeconds:0} s.", e);
            }
        }
        try
        {
            var writer = new IndexWriter(_directory, NewWriterConfig());
            writer.SetCommitData(new Dictionary<string, string> { [AnalysisVersionKey] = AnalysisVersion });
            return new SearchIndexWriter(writer, turn, Folding);
        }
        catch
        {
            turn.Dispose();
            throw;
        }
    }

    /// <summary>A searcher over the latest commit the refresh interval allows; give it back with <see cref="Release"/>.</summary>
    public IndexSearcher Acquire()
    {
        var manager = Searchers();
        if (manager is null) return new IndexSearcher(new MultiReader());
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _lastRefresh) >= RefreshInterval.TotalMilliseconds)
        {
            Interlocked.Exchange(ref _lastRefresh, now);
            try
            {
                manager.MaybeRefresh();
            }
            catch (IOException)
            {
                // A commit of another process half written: keep the current snapshot, look again next time.
            }
        }
        return manager.Acquire();
    }

    /// <summary>Looks for a newer commit now (tests, and right after this process wrote).</summary>
    public void Refresh() => Searchers()?.MaybeRefreshBlocking();

    public void Release(IndexSearcher searcher)
    {
        if (_searchers is { } manager && searcher.IndexReader is DirectoryReader) manager.Release(searcher);
    }

    private SearcherManager? Searchers()
    {
        if (_searchers is not null) return _searchers;
        lock (_gate)
        {
            // Until some process commits the first time there is nothing to open.
            if (_searchers is null && DirectoryReader.IndexExists(_directory))
            {
                try
                {
                    _searchers = new SearcherManager(_directory, new WarmingSearcherFactory());
                }
                catch (IOException)
                {
                    // The first commit is being written by another process (Lucene writes segments_N in place and
                    // readers fall back to the previous commit, but the first has none): empty until it is complete.
                }
            }
            return _searchers;
        }
    }

    public void Dispose()
    {
        _searchers?.Dispose();
        _directory.Dispose();
        IndexingAnalyzer.Dispose();
        WordAnalyzer.Dispose();
        Analyzer.Dispose();
    }
}

/// <summary>Builds the <see cref="SegmentOrdinals"/> of new segments when a reader opens, so no search waits for them.</summary>
internal sealed class WarmingSearcherFactory : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves) SegmentOrdinals.Of(leaf.AtomicReader);
        return base.NewSearcher(reader);
    }
}

/// <summary>An open writer of the <see cref="SearchIndex"/>; disposing it commits and gives the turn to the next writer.</summary>
public sealed class SearchIndexWriter : IDisposable
{
    private readonly IndexWriter _writer;
    private readonly FileStream _turn;
    private readonly FoldingTable _folding;

    internal SearchIndexWriter(IndexWriter writer, FileStream turn, FoldingTable folding)
    {
        _writer = writer;
        _turn = turn;
        _folding = folding;
    }

    /// <summary>Replaces every page document of the item with the given pages (the item's new version).</summary>
    public void ReplaceItem(Item item, int version, IReadOnlyList<PageSource> pages)
    {
        _writer.DeleteDocuments(new Term(SearchFields.Item, item.Id));
        AddItem(item, version, pages);
    }

    /// <summary>
    /// Adds the item's pages without looking for an older version: for a rebuild after <see cref="DeleteAll"/>, where a
    /// delete per item would only be buffered and then looked up in every flushed segment.
    /// </summary>
    public void AddItem(Item item, int version, IReadOnlyList<PageSource> pages)
    {
        var ordered = pages.OrderBy(p => p.Page.Order).ToList();
        // One set of field instances per indexing thread, refilled for each page: AddDocuments inverts and stores each
        // document before it takes the next from the sequence.
        var fields = t_fields is { } f && ReferenceEquals(f.Folding, _folding) ? f : t_fields = new PageDocuments.FieldSet(_folding);
        _writer.AddDocuments(ordered.Select((p, i) => fields.Fill(item, version, p, i + 1 < ordered.Count ? ordered[i + 1] : null)));
    }

    [ThreadStatic]
    private static PageDocuments.FieldSet? t_fields;

    /// <summary>Removes everything (a rebuild); readers keep seeing the old index until <see cref="Commit"/>.</summary>
    public void DeleteAll() => _writer.DeleteAll();

    public void Commit() => _writer.Commit();

    /// <summary>Merges the index into at most <paramref name="maxSegments"/> segments (after a bulk load: fewer, larger segments search faster).</summary>
    public void ForceMerge(int maxSegments) => _writer.ForceMerge(maxSegments);

    public void Dispose()
    {
        try
        {
            _writer.Dispose();
        }
        finally
        {
            _turn.Dispose();
        }
    }
}
