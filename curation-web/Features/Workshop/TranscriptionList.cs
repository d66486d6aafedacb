using System.Globalization;
using QyHeritage.Archive.Catalog;
using QyHeritage.Archive.Domain;

namespace QyHeritage.Web.Features.Workshop;

/// <summary>A page's thumbnail: its IIIF Image API URL and the size it is drawn at.</summary>
public sealed record TranscriptionThumbnail(string Url, int Width, int Height);

/// <summary>
/// The curators' list of pages needing a transcription as asked for by a query (<c>?collection=</c>, <c>?page=</c>,
/// <c>?size=</c>), shared by the page (<c>TranscriptionsPage</c>) and the JSON API (<c>GET /api/workshop/transcriptions</c>):
/// an unknown collection is named in <see cref="UnknownCollection"/> (and the list is then of all collections); a page
/// past the end is the last page (the list shrinks as pages are transcribed); a size outside 1–200 or not a number is
/// the default.
/// </summary>
public sealed record TranscriptionList(TranscriptionQueue Queue, CollectionKind? Collection, string? UnknownCollection, int Page, int PageCount, int PageSize)
{
    public const int DefaultSize = 50;

    /// <summary>The thumbnail's box: the page fitted into it, asked of the IIIF Image API as <c>full/!w,h</c>.</summary>
    private const int ThumbWidth = 96, ThumbHeight = 128;

    /// <summary>The 1-based position of the first row shown.</summary>
    public int First => (Page - 1) * PageSize + 1;

    /// <summary>Every collection's flagged pages.</summary>
    public int AllCount => Queue.ByCollection.Values.Sum();

    public static TranscriptionList Load(CatalogDb catalog, string? collection, string? page, string? size)
    {
        CollectionKind? kind = null;
        string? unknown = null;
        if (!string.IsNullOrEmpty(collection))
        {
            if (Collections.TryParse(collection, out var k)) kind = k;
            else unknown = collection;
        }
        var rows = int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 1 and <= 200 ? s : DefaultSize;
        var current = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Max(1, p) : 1;
        var queue = catalog.PagesNeedingTranscription(kind, (current - 1) * rows, rows);
        var pageCount = Math.Max(1, (queue.Total + rows - 1) / rows);
        if (current > pageCount)
        {
            current = pageCount;
            queue = catalog.PagesNeedingTranscription(kind, (current - 1) * rows, rows);
        }
        return new TranscriptionList(queue, kind, unknown, current, pageCount, rows);
    }

    /// <summary>Where a curator transcribes the page (<c>TranscribePage</c>).</summary>
    public static string Transcribe(PageNeedingTranscription p) => $"{WorkshopEndpoints.TranscriptionsPath}/{p.ItemId}/{p.Order.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The page in the reading room.</summary>
    public static string ReadingRoom(PageNeedingTranscription p) => $"/items/{p.ItemId}/p/{p.Order.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The page's thumbnail from the IIIF Image API (the page fitted into 96×128), or null for a page without an image.</summary>
    public static TranscriptionThumbnail? Thumbnail(PageNeedingTranscription p)
    {
        if (!p.HasImage || p.Width <= 0 || p.Height <= 0) return null;
        var scale = Math.Min(1.0, Math.Min((double)ThumbWidth / p.Width, (double)ThumbHeight / p.Height));
        var w = Math.Max(1, (int)Math.Round(p.Width * scale));
        var h = Math.Max(1, (int)Math.Round(p.Height * scale));
        return new TranscriptionThumbnail(string.Create(CultureInfo.InvariantCulture, $"/iiif/3/{p.ItemId}~{p.PageName}/full/!{w},{h}/0/default.jpg"), w, h);
    }

    /// <summary>The list's address for another page of it, keeping the collection and size.</summary>
    public string Link(int page)
    {
        var q = new List<KeyValuePair<string, string?>>();
        if (Collection is { } k) q.Add(new("collection", k.Code()));
        q.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        if (PageSize != DefaultSize) q.Add(new("size", PageSize.ToString(CultureInfo.InvariantCulture)));
        return WorkshopEndpoints.TranscriptionsPath + QueryString.Create(q);
    }

    /// <summary>The bilingual refusal of an unknown collection (page and API alike).</summary>
    public (string Zh, string En) UnknownCollectionProblem() =>
        ($"没有名为 {UnknownCollection} 的馆藏，请从下列馆藏中选择。", $"There is no collection called {UnknownCollection}; choose one of those below.");
}
