using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Tests.Indexing;

/// <summary>Exhibitions share the items' OCFL storage root; a reindex from storage passes over them without complaint.</summary>
public sealed class ExhibitionObjectsTests
{
    [Fact]
    public async Task A_reindex_skips_exhibition_objects_and_reports_no_problem()
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = TestPaths.NewTempFolder("index-exhibitions"), OcrEnabled = false });
        using var index = new SearchIndex(Path.Combine(archive.Options.DataFolder, "index")) { RefreshInterval = TimeSpan.Zero };
        var indexer = new SearchIndexer(archive, index);
        Assert.Equal(0, (await new IngestRunner(archive, indexer.IndexItemAsync).RunAsync(TestPaths.SampleSubset("QY-LH-003"))).ItemsFailed);
        var exhibition = new Exhibition("rivers", new Bilingual("北江历史"), null, null, ExhibitionHalls.BeijiangGallery, null,
            [new ExhibitionSection("one", new Bilingual("北江"), null, [new Exhibit("wiki", "QY-LH-003", 1, null, new Bilingual("北江"))])]);
        await new ExhibitionStore(archive).SaveVersionAsync(exhibition, "curator-li", "save");
        Assert.Contains("exhibitions.rivers", await archive.Ocfl.ListObjectIdsAsync().ToListAsync());

        var result = await indexer.RebuildAsync();
        Assert.Equal(1, result.Items);
        Assert.Empty(result.Problems);
    }
}
