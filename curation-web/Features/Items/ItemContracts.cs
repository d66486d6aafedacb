using QyHeritage.Archive.Catalog;
using QyHeritage.Archive.Domain;

namespace QyHeritage.Web.Features.Items;

// The JSON of /api/items: named records, so the OpenAPI document describes what the API answers.

/// <summary>A name in both interface languages (En empty where the catalogue has no English).</summary>
public sealed record BilingualText(string Zh, string En);

/// <summary>An item's date: as written on it, as EDTF, and as a span of years.</summary>
public sealed record ItemDateResponse(string AsWritten, string? Edtf, int? StartYear, int? EndYear, bool Approximate)
{
    public static ItemDateResponse Of(ItemDate d) => new(d.AsWritten, d.Edtf, d.StartYear, d.EndYear, d.Approximate);
}

/// <summary>GET /api/items: the catalogue, one summary per item.</summary>
public sealed record ItemListResponse(int Count, IReadOnlyList<ItemSummary> Items);

/// <summary>One item of the catalogue list, with its first page's thumbnail (empty when it has no image).</summary>
public sealed record ItemSummary(
    string Id, string Collection, BilingualText CollectionName, BilingualText Title, string Creator, ItemDateResponse Date,
    string Place, int PageCount, string Thumbnail, int Version)
{
    public static ItemSummary Of(CatalogEntry e) => new(
        e.Item.Id, e.Item.Collection.Code(), new BilingualText(e.Item.Collection.NameZh(), e.Item.Collection.NameEn()),
        new BilingualText(e.Item.TitleZh, e.Item.TitleEn), e.Item.Creator, ItemDateResponse.Of(e.Item.Date), e.Item.Place,
        e.Item.Pages.Count, ItemsApi.ThumbnailUrl(e.Item), e.OcflVersion);
}

/// <summary>GET /api/items/{id}: one item's catalogue record and its pages.</summary>
public sealed record ItemDetail(
    string Id, string Collection, BilingualText Title, string Creator, ItemDateResponse Date, string Place,
    string LanguageScript, string Script, string Layout, string Rights, string Source, string ImageOrigin, string Description,
    int Version, IReadOnlyList<ItemPageResponse> Pages)
{
    public static ItemDetail Of(CatalogEntry e) => new(
        e.Item.Id, e.Item.Collection.Code(), new BilingualText(e.Item.TitleZh, e.Item.TitleEn), e.Item.Creator,
        ItemDateResponse.Of(e.Item.Date), e.Item.Place, e.Item.LanguageScript, e.Item.Script.ToString(), e.Item.Layout.ToString(),
        e.Item.Rights, e.Item.Source, e.Item.ImageOrigin, e.Item.Description, e.OcflVersion,
        e.Item.Pages.Select(p => new ItemPageResponse(p.Order, p.Label, p.Width, p.Height,
            p.Derivative is null ? null : $"/thumbnails/{e.Item.Id}/{p.Name}.jpg", p.Ocr is not null, p.Transcription is not null)).ToList());
}

/// <summary>A page of an item: its size, thumbnail (null without an image) and whether it has OCR and a transcription.</summary>
public sealed record ItemPageResponse(int Order, string Label, int Width, int Height, string? Thumbnail, bool HasOcr, bool HasTranscription);
