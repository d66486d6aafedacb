using QyHeritage.Archive;
using QyHeritage.Archive.Catalog;
using QyHeritage.Archive.Domain;

namespace QyHeritage.Web.Features.Items;

/// <summary>/api/items: the catalogue as JSON for the web app and for scripts.</summary>
public static class ItemsApi
{
    public static void MapItemsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/items", (ArchiveServices archive, string? collection) =>
        {
            CollectionKind? kind = null;
            if (!string.IsNullOrEmpty(collection))
            {
                if (!Collections.TryParse(collection, out var k))
                    return Results.Problem(statusCode: 400, title: "Unknown collection",
                        detail: $"'{collection}' is not a collection; use one of {string.Join(", ", Collections.All.Select(c => c.Code()))}.");
                kind = k;
            }
            var entries = archive.Catalog.ListItems(kind);
            return Results.Json(new { count = entries.Count, items = entries.Select(Summary) });
        });

        app.MapGet("/api/items/{id}", (ArchiveServices archive, string id) =>
        {
            if (!Item.IsValidId(id))
                return Results.Problem(statusCode: 400, title: "Invalid item id", detail: "Item ids are letters, digits and '-' (e.g. QY-RB-001).");
            var entry = archive.Catalog.FindItem(id);
            return entry is null
                ? Results.Problem(statusCode: 404, title: "No such item", detail: $"The catalogue has no item '{id}'.")
                : Results.Json(Detail(entry));
        });
    }

    internal static string ThumbnailUrl(Item item) =>
        item.Pages.FirstOrDefault(p => p.Derivative is not null) is { } p ? $"/thumbnails/{item.Id}/{p.Name}.jpg" : "";

    private static object Summary(CatalogEntry e) => new
    {
        id = e.Item.Id,
        collection = e.Item.Collection.Code(),
        collectionName = new { zh = e.Item.Collection.NameZh(), en = e.Item.Collection.NameEn() },
        title = new { zh = e.Item.TitleZh, en = e.Item.TitleEn },
        creator = e.Item.Creator,
        date = new { asWritten = e.Item.Date.AsWritten, edtf = e.Item.Date.Edtf, startYear = e.Item.Date.StartYear, endYear = e.Item.Date.EndYear },
        place = e.Item.Place,
        pageCount = e.Item.Pages.Count,
        thumbnail = ThumbnailUrl(e.Item),
        version = e.OcflVersion,
    };

    private static object Detail(CatalogEntry e) => new
    {
        id = e.Item.Id,
        collection = e.Item.Collection.Code(),
        title = new { zh = e.Item.TitleZh, en = e.Item.TitleEn },
        creator = e.Item.Creator,
        date = new { asWritten = e.Item.Date.AsWritten, edtf = e.Item.Date.Edtf, startYear = e.Item.Date.StartYear, endYear = e.Item.Date.EndYear, approximate = e.Item.Date.Approximate },
        place = e.Item.Place,
        languageScript = e.Item.LanguageScript,
        script = e.Item.Script.ToString(),
        layout = e.Item.Layout.ToString(),
        rights = e.Item.Rights,
        source = e.Item.Source,
        imageOrigin = e.Item.ImageOrigin,
        description = e.Item.Description,
        version = e.OcflVersion,
        pages = e.Item.Pages.Select(p => new
        {
            order = p.Order,
            label = p.Label,
            width = p.Width,
            height = p.Height,
            thumbnail = p.Derivative is null ? null : $"/thumbnails/{e.Item.Id}/{p.Name}.jpg",
            hasOcr = p.Ocr is not null,
            hasTranscription = p.Transcription is not null,
        }),
    };
}
