using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;
using QyHeritage.Search.Indexing;
using QyHeritage.Search.Queries;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// Honesty about weak OCR, through a real ingest with the real recogniser and the search index: a real scan the
/// recogniser reads badly (TestData/real-scans) is measured, flagged, listed for the curators when it has no
/// transcription, and found through its transcription when it has one.
/// </summary>
public class NeedsTranscriptionTests(SharedModels shared) : IClassFixture<SharedModels>
{
    private const string Header = "id,collection,title_zh,title_en,creator,date_as_written,iso_year,place,language_script,rights,source,page_count,image_origin,folder,description";

    private static string Row(string id, string folder) =>
        $"{id},rare-book,五禮通考 卷二百十三,Wuli tongkao j.213,秦蕙田 撰（清）,乾隆間鈔,1782,,\"Classical Chinese (文言), traditional characters, vertical right-to-left\",CC BY-NC 4.0,test fixture,1,real scan,{folder},";

    [Fact]
    public async Task Page_the_recogniser_cannot_read_is_flagged_and_still_found_through_its_transcription()
    {
        // Two items of the same real page: one with its transcription, one without.
        var collection = TestPaths.NewTempFolder("weak-ocr-collection");
        File.WriteAllLines(Path.Combine(collection, "items.csv"), [Header, Row("QY-T-901", "with_text"), Row("QY-T-902", "image_only")]);
        foreach (var folder in new[] { "with_text", "image_only" })
        {
            Directory.CreateDirectory(Path.Combine(collection, folder));
            File.Copy(RealScanLayoutTests.Fixture("wltk-j213-16a-half.jpg"), Path.Combine(collection, folder, "p001.jpg"));
        }
        File.Copy(RealScanLayoutTests.Fixture("wltk-j213-16a.txt"), Path.Combine(collection, "with_text", "p001.txt"));

        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = TestPaths.NewTempFolder("weak-ocr"), OcrEnabled = true });
        using var index = new SearchIndex(Path.Combine(archive.Options.DataFolder, "index")) { RefreshInterval = TimeSpan.Zero };
        var indexer = new SearchIndexer(archive, index);
        using var recogniser = new PageRecogniser(NullLoggerFactory.Instance, new TesseractOcrOptions { Reader = CellReader.Both }, shared.Models);
        var report = await new IngestRunner(archive, indexer.IndexItemAsync, recogniser).RunAsync(collection);
        Assert.Empty(report.Problems);

        // Measured and flagged, on both, and stored with the page.
        foreach (var id in new[] { "QY-T-901", "QY-T-902" })
        {
            var page = archive.Catalog.FindItem(id)!.Item.Pages[0];
            Assert.NotNull(page.OcrConfidence);
            Assert.True(page.OcrConfidence < OcrConfidence.NeedsTranscriptionBelow, $"{id}: confidence {page.OcrConfidence}");
            Assert.True(page.NeedsTranscription, id);
        }
        // The curators' list names the page that has no transcription, not the one that has.
        Assert.Equal(["QY-T-902"], archive.Catalog.PagesNeedingTranscription(null, 0, 10).Pages.Select(p => p.ItemId));

        var search = new SearchService(index);
        // A phrase the recogniser misread on this page: found through the transcription, and the weak OCR does not stand
        // in its place (the hit's text is the transcription's).
        var phrase = "顓頊以來為民師而命以民事";
        var hits = search.Search(new SearchRequest { Query = phrase, PageSize = 10 });
        var hit = Assert.Single(hits.PageHits);
        Assert.Equal("QY-T-901", hit.ItemId);
        Assert.Contains("民師", hit.Snippet.Text);
        // The page searched only through its weak OCR says so in the reading facet.
        var all = search.Search(new SearchRequest { PageSize = 10 });
        var reading = all.Facets[SearchFields.Reading];
        Assert.Equal(PageDocuments.NeedsTranscription, Assert.Single(reading).Value);
        var flagged = search.Search(new SearchRequest { PageSize = 10, Filters = new Dictionary<string, IReadOnlyList<string>> { [SearchFields.Reading] = [PageDocuments.NeedsTranscription] } });
        Assert.Equal(["QY-T-902"], flagged.PageHits.Select(h => h.ItemId));
    }
}
