using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Tests;
using QyHeritage.Search.Indexing;
using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests;

/// <summary>Test items (id, year, transcription; pages separated by a form feed) in an index of their own, for cases the sample collection lacks.</summary>
public sealed class TinyIndex : IDisposable
{
    private readonly string _folder = TestPaths.NewTempFolder("tiny-index");

    public TinyIndex(params (string Id, int Year, string Transcription)[] items)
    {
        Index = new SearchIndex(_folder);
        Service = new SearchService(Index);
        var writer = Index.OpenWriterAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        foreach (var (id, year, transcription) in items)
        {
            // Pages are separated by a form feed; every inked character gets a box of its own (one column, top to bottom).
            var pages = transcription.Split('\f').Select((t, i) => (Page: new Page { Order = i + 1, Label = $"{i + 1}", Transcription = $"text/p{i + 1:D3}.txt" }, Text: PageText.FromTranscription(t))).ToList();
            var item = new Item
            {
                Id = id, Collection = CollectionKind.LocalHistory, TitleZh = "测试", Script = Script.Traditional,
                Date = new ItemDate($"{year}年", year.ToString("0000", System.Globalization.CultureInfo.InvariantCulture), year, year, false),
                Pages = pages.Select(p => p.Page).ToList(),
            };
            writer.ReplaceItem(item, 1, pages.Select(p => new PageSource(p.Page, p.Text,
                Enumerable.Range(0, p.Text.InkCount).Select(i => new CharBox(0, new QyHeritage.Archive.Ocr.Box(100, 10 + 30 * i, 28, 28))).ToList())).ToList());
        }
        writer.Dispose();
        Index.Refresh();
    }

    public SearchIndex Index { get; }

    public SearchService Service { get; }

    /// <summary>The items of the page hits, best first.</summary>
    public List<string> Ranked(string q) => Service.Search(new SearchRequest { Query = q }).PageHits.Select(h => h.ItemId).ToList();

    public void Dispose()
    {
        Index.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
