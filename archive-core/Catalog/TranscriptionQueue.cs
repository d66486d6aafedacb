using QyHeritage.Archive.Domain;

namespace QyHeritage.Archive.Catalog;

/// <summary>
/// A page flagged "needs transcription" that has none yet, as the curators' list shows it: its item as catalogued (id,
/// collection, titles, script), the page (order, label, size, whether it has an image) and its measured OCR confidence (0–1).
/// </summary>
public sealed record PageNeedingTranscription(
    string ItemId, CollectionKind Collection, string TitleZh, string TitleEn, Script Script,
    int Order, string Label, int Width, int Height, bool HasImage, double Confidence)
{
    /// <summary>The page's short name, p001 …: its IIIF identifier is <c>{ItemId}~{PageName}</c>.</summary>
    public string PageName => Page.PageName(Order);
}

/// <summary>
/// One page of the curators' list: the rows asked for, weakest first; <paramref name="Total"/> rows match (in the
/// collection asked for, or in all); <paramref name="ByCollection"/> counts every collection's flagged pages (absent: none).
/// </summary>
public sealed record TranscriptionQueue(int Total, IReadOnlyList<PageNeedingTranscription> Pages, IReadOnlyDictionary<CollectionKind, int> ByCollection);
