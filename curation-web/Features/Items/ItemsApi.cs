using QyHeritage.Archive;
using QyHeritage.Archive.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace QyHeritage.Web.Features.Items;

/// <summary>/api/items: the catalogue as JSON for the web app and for scripts.</summary>
public static class ItemsApi
{
    public static void MapItemsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/items", Results<Ok<ItemListResponse>, ProblemHttpResult> (ArchiveServices archive, string? collection) =>
        {
            CollectionKind? kind = null;
            if (!string.IsNullOrEmpty(collection))
            {
                if (!Collections.TryParse(collection, out var k))
                    return TypedResults.Problem(statusCode: 400, title: "未知馆藏 · Unknown collection",
                        detail: $"没有名为 '{collection}' 的馆藏，可用：{Codes} · '{collection}' is not a collection; use one of {Codes}.");
                kind = k;
            }
            var entries = archive.Catalog.ListItems(kind);
            return TypedResults.Ok(new ItemListResponse(entries.Count, entries.Select(ItemSummary.Of).ToList()));
        }).ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/api/items/{id}", Results<Ok<ItemDetail>, ProblemHttpResult> (ArchiveServices archive, string id) =>
        {
            if (!Item.IsValidId(id))
                return TypedResults.Problem(statusCode: 400, title: "藏品编号无效 · Invalid item id",
                    detail: "藏品编号由字母、数字和 '-' 组成（如 QY-RB-001） · Item ids are letters, digits and '-' (e.g. QY-RB-001).");
            var entry = archive.Catalog.FindItem(id);
            return entry is null
                ? TypedResults.Problem(statusCode: 404, title: "没有此藏品 · No such item", detail: $"目录中没有藏品 '{id}' · The catalogue has no item '{id}'.")
                : TypedResults.Ok(ItemDetail.Of(entry));
        }).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static string Codes => string.Join(", ", Collections.All.Select(c => c.Code()));

    internal static string ThumbnailUrl(Item item) =>
        item.Pages.FirstOrDefault(p => p.Derivative is not null) is { } p ? $"/thumbnails/{item.Id}/{p.Name}.jpg" : "";
}
