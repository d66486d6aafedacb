using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;
using QyHeritage.Archive.Transcription;
using QyHeritage.Search.Indexing;
using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests;

/// <summary>One page of the sample collection as the tests see it: its item, its text and (where an OCR sample exists) its aligned boxes.</summary>
public sealed record SamplePage(Item Item, Page Page, PageText Text, OcrPage? Aligned);

/// <summary>
/// The whole sample collection indexed once (no OCFL, no OCR: the pNNN.txt files read directly), with
/// the aligned boxes of the pages that have a real tesseract sample in the archive tests' TestData.
/// </summary>
public sealed class SampleIndex : IDisposable
{
    public SampleIndex() : this(writerTurns: 1)
    {
    }

    /// <param name="writerTurns">How many writer turns (commits) the items are written in: each makes at least one segment.</param>
    internal SampleIndex(int writerTurns)
    {
        Folder = TestPaths.NewTempFolder("search-index");
        Index = new SearchIndex(Folder);
        Service = new SearchService(Index);
        var (items, problems) = SampleCollectionReader.Read(TestPaths.SampleCollection);
        Assert.Empty(problems);
        var perTurn = (items.Count + writerTurns - 1) / writerTurns;
        foreach (var turn in items.Chunk(perTurn))
        {
            using var writer = Index.OpenWriterAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            foreach (var src in turn)
            {
                var item = src.Item with
                {
                    Pages = src.Pages.Select(p => new Page
                    {
                        Order = p.Order, Label = p.Label,
                        Master = p.ImagePath is null ? null : $"master/{p.Name}.jpg",
                        Transcription = p.TranscriptionPath is null ? null : $"text/{p.Name}.txt",
                    }).ToList(),
                };
                var sources = new List<PageSource>();
                foreach (var (sp, page) in src.Pages.Zip(item.Pages))
                {
                    var raw = sp.TranscriptionPath is null ? "" : File.ReadAllText(sp.TranscriptionPath);
                    var text = PageText.FromTranscription(raw);
                    var ocrSample = Path.Combine(TestPaths.TestData, "ocr-samples", $"{Path.GetFileName(src.Folder)}-{sp.Name}.hocr");
                    OcrPage? aligned = null;
                    IReadOnlyList<CharBox> boxes = [];
                    if (File.Exists(ocrSample))
                    {
                        aligned = TranscriptionAligner.Align(Transcription.Parse(raw), Hocr.Parse(File.ReadAllText(ocrSample)), item.Layout).ToOcrPage();
                        // What ingest stores as text/pNNN.hocr, read back the way the indexer reads it.
                        aligned = Hocr.Parse(Hocr.Write(aligned));
                        boxes = PageBoxes.FromOcr(aligned);
                    }
                    Pages.Add(new SamplePage(item, page, text, aligned));
                    sources.Add(new PageSource(page, text, boxes));
                }
                writer.ReplaceItem(item, 1, sources);
            }
        }
        Index.Refresh();
    }

    public string Folder { get; }

    public SearchIndex Index { get; }

    public SearchService Service { get; }

    public List<SamplePage> Pages { get; } = [];

    /// <summary>(item, page) of every page hit of a query, over all result pages.</summary>
    public HashSet<(string, int)> PagesFound(string query, SearchRequest? template = null)
    {
        var r = Service.Search((template ?? new SearchRequest()) with { Query = query, PageSize = SearchService.MaxPageSize });
        var found = new HashSet<(string, int)>();
        for (var p = 1; ; p++)
        {
            var page = p == 1 ? r : Service.Search((template ?? new SearchRequest()) with { Query = query, PageSize = SearchService.MaxPageSize, Page = p });
            foreach (var h in page.PageHits) found.Add((h.ItemId, h.Page));
            if (page.PageHits.Count < SearchService.MaxPageSize) break;
        }
        Assert.Equal(r.TotalPages, found.Count);
        return found;
    }

    public void Dispose()
    {
        Index.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class SampleIndexCollection : ICollectionFixture<SampleIndex>
{
    public const string Name = "sample index";
}
