using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Tests;
using QyHeritage.Search.Indexing;
using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests;

/// <summary>One-page test items (id, year, transcription) in an index of their own, for cases the sample collection lacks.</summary>
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
            var page = new Page { Order = 1, Label = "1", Transcription = "text/p001.txt" };
            var item = new Item
            {
                Id = id, Collection = CollectionKind.LocalHistory, TitleZh = "测试", Script = Script.Traditional,
                Date = new ItemDate($"{year}年", year.ToString("0000", System.Globalization.CultureInfo.InvariantCulture), year, year, false), Pages = [page],
            };
            writer.ReplaceItem(item, 1, [new PageSource(page, PageText.FromTranscription(transcription), [])]);
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
