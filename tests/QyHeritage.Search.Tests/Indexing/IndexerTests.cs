using QyHeritage.Archive;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;
using QyHeritage.Archive.Transcription;
using QyHeritage.Search.Indexing;
using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests.Indexing;

/// <summary>The index kept from storage: after each ingest commit, by rebuild, and by catch-up.</summary>
public sealed class IndexerTests
{
    private static (ArchiveServices Archive, SearchIndexer Indexer, SearchService Search) Setup(string purpose)
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = TestPaths.NewTempFolder(purpose), OcrEnabled = false });
        var index = new SearchIndex(Path.Combine(archive.Options.DataFolder, "index")) { RefreshInterval = TimeSpan.Zero };
        return (archive, new SearchIndexer(archive, index), new SearchService(index));
    }

    [Fact]
    public async Task Ingest_indexes_each_committed_item_and_reindex_rebuilds_the_same_from_storage()
    {
        var (archive, indexer, search) = Setup("index-ingest");
        using var _ = indexer.Index;
        var report = await new IngestRunner(archive, indexer.IndexItemAsync).RunAsync(TestPaths.SampleSubset("QY-LH-003", "QY-RD-001"));
        Assert.Equal(0, report.ItemsFailed);

        var before = search.Search(new SearchRequest { Query = "北江", PageSize = 100 });
        Assert.Contains(before.PageHits, h => h.ItemId == "QY-LH-003");
        Assert.Equal(2, search.Search(new SearchRequest { View = SearchView.Items }).TotalItems);

        var progress = new List<ReindexProgress>();
        var result = await indexer.RebuildAsync(new SynchronousProgress(progress.Add));
        Assert.Equal(2, result.Items);
        Assert.Empty(result.Problems);
        Assert.Equal((2, 2), (progress[^1].Done, progress[^1].Total));
        var after = search.Search(new SearchRequest { Query = "北江", PageSize = 100 });
        Assert.Equal(before.PageHits.Select(h => (h.ItemId, h.Page, h.Snippet)), after.PageHits.Select(h => (h.ItemId, h.Page, h.Snippet)));
        Assert.Equal(0, await indexer.CatchUpAsync());
    }

    [Fact]
    public async Task Catch_up_indexes_what_the_index_missed_with_boxes_from_the_aligned_transcription()
    {
        var (archive, indexer, search) = Setup("index-catchup");
        using var _ = indexer.Index;
        // An item committed to storage without the index hearing of it (as if indexing had timed out).
        var folder = Path.Combine(TestPaths.SampleCollection, "rb03_gdtz_j10_qingyuan_shanchuan");
        var raw = File.ReadAllText(Path.Combine(folder, "p001.txt"));
        var ocr = Hocr.Parse(File.ReadAllText(Path.Combine(TestPaths.TestData, "ocr-samples", "rb03_gdtz_j10_qingyuan_shanchuan-p001.hocr")));
        var aligned = TranscriptionAligner.Align(Transcription.Parse(raw), ocr, TextLayout.VerticalRightToLeft).ToOcrPage();
        var item = new Item
        {
            Id = "QY-T-003", Collection = CollectionKind.RareBook, TitleZh = "清遠縣諸水", Script = Script.Traditional,
            Date = new ItemDate("雍正九年", "1731", 1731, 1731, false),
            Pages = [new Page { Order = 1, Label = "1", Width = ocr.Width, Height = ocr.Height, Transcription = "text/p001.txt", TextBoxes = "text/p001.hocr" }],
        };
        var commit = await archive.Ocfl.CommitAsync(item.Id,
            [
                OcflContent.FromBytes(ItemMetadata.LogicalPath, ItemMetadata.ToUtf8(item)),
                OcflContent.FromBytes("text/p001.txt", System.Text.Encoding.UTF8.GetBytes(raw)),
                OcflContent.FromBytes("text/p001.hocr", System.Text.Encoding.UTF8.GetBytes(Hocr.Write(aligned))),
            ],
            new OcflVersionInfo("test", "test", null, DateTimeOffset.UtcNow));
        archive.Catalog.Upsert(item, commit.Version);

        Assert.Equal(1, await indexer.CatchUpAsync());
        Assert.Equal(commit.Version, indexer.IndexedVersions()["QY-T-003"]);
        var hits = search.SearchWithinItem("QY-T-003", "黄巢兵败");
        var hit = Assert.Single(hits).Hits.First();
        Assert.NotEmpty(hit.Boxes);
        Assert.All(hit.Boxes, b => Assert.True(b.W > 0 && b.H > 0 && b.X + b.W <= ocr.Width && b.Y + b.H <= ocr.Height));
        Assert.Equal(0, await indexer.CatchUpAsync());
        Assert.Equal(1731, search.Search(new SearchRequest { Query = "year:1731" }).PageHits.Single().Year);
    }

    [Fact]
    public async Task A_text_only_record_is_ingested_and_searchable_like_the_rest()
    {
        var (archive, indexer, search) = Setup("index-textonly");
        using var _ = indexer.Index;
        // A transcribed local-history record (清远文史资料) with no page image.
        var folder = TestPaths.SampleSubset("QY-LH-003");
        var lines = File.ReadAllLines(Path.Combine(folder, "items.csv"));
        var itemFolder = Directory.GetDirectories(folder).Single();
        foreach (var jpg in Directory.GetFiles(itemFolder, "*.jpg")) File.Delete(jpg);
        var report = await new IngestRunner(archive, indexer.IndexItemAsync).RunAsync(folder);
        Assert.Equal(0, report.ItemsFailed);
        var r = search.Search(new SearchRequest { Query = "北江", View = SearchView.Pages });
        var hit = Assert.Single(r.PageHits.Select(h => h.ItemId).Distinct());
        Assert.Equal("QY-LH-003", hit);
        Assert.Equal(PageDocuments.TypeTextOnly, Assert.Single(r.Facets["type"]).Value);
        Assert.All(r.PageHits.SelectMany(h => h.Hits), h => Assert.Empty(h.Boxes));
        Assert.True(lines.Length == 2);
    }

    [Fact]
    public async Task An_index_built_with_another_folding_table_is_rebuilt_by_the_catch_up()
    {
        var (archive, indexer, search) = Setup("index-stale");
        using var _ = indexer.Index;
        await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset("QY-LH-003"));
        using (var old = new SearchIndex(indexer.Index.Folder) { AnalysisVersion = "qy-search-0/old" })
        {
            await new SearchIndexer(archive, old).CatchUpAsync();
            Assert.Equal("qy-search-0/old", old.IndexedAnalysisVersion());
        }
        indexer.Index.Refresh();
        Assert.True(indexer.Index.IsStale());
        Assert.Equal(1, await indexer.CatchUpAsync());
        Assert.False(indexer.Index.IsStale());
        Assert.Equal(indexer.Index.AnalysisVersion, indexer.Index.IndexedAnalysisVersion());
        Assert.Equal(0, await indexer.CatchUpAsync());
        Assert.NotEmpty(search.Search(new SearchRequest { Query = "北江" }).PageHits);
    }

    [Fact]
    public async Task An_item_that_cannot_be_indexed_does_not_fail_the_ingest()
    {
        var (_, indexer, search) = Setup("index-broken");
        using var _ = indexer.Index;
        var item = new Item
        {
            Id = "QY-T-404", Collection = CollectionKind.LocalHistory, TitleZh = "缺",
            Pages = [new Page { Order = 1, Label = "1", Transcription = "text/p001.txt" }],
        };
        await indexer.IndexItemAsync(item, 1, CancellationToken.None);
        Assert.Equal(0, search.Search(new SearchRequest()).TotalPages);
    }

    private sealed class SynchronousProgress(Action<ReindexProgress> report) : IProgress<ReindexProgress>
    {
        public void Report(ReindexProgress value) => report(value);
    }
}
