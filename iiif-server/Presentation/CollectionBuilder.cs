using System.Text.Json.Nodes;
using QyHeritage.Archive.Catalog;
using QyHeritage.Archive.Domain;
using QyHeritage.Iiif.ImageApi;

namespace QyHeritage.Iiif.Presentation;

/// <summary>
/// Collections (https://iiif.io/api/presentation/3.0/#51-collection): one per collection of the
/// library, listing its items' Manifests, and a top Collection of those. Built from the catalog,
/// which is an index of the same metadata.json files the Manifests are built from.
/// </summary>
public static class CollectionBuilder
{
    public static JsonObject Top(IReadOnlyList<CatalogEntry> entries, PresentationUrls urls)
    {
        var collection = Header(urls.TopCollection, TopLabel(), urls);
        collection["summary"] = LanguageMap.Ui("古籍、民国文献、地方报纸与文史资料", "Rare books, Republic-era documents, local newspapers and local-history records");
        collection["items"] = new JsonArray(Collections.All
            .Where(k => entries.Any(e => e.Item.Collection == k))
            .Select(k => (JsonNode)new JsonObject
            {
                ["id"] = urls.Collection(k.Code()),
                ["type"] = "Collection",
                ["label"] = LanguageMap.Ui(k.NameZh(), k.NameEn()),
            }).ToArray());
        return collection;
    }

    public static JsonObject For(CollectionKind kind, IReadOnlyList<CatalogEntry> entries, PresentationUrls urls, ImageLimits limits)
    {
        var collection = Header(urls.Collection(kind.Code()), LanguageMap.Ui(kind.NameZh(), kind.NameEn()), urls);
        collection["partOf"] = new JsonArray(new JsonObject
        {
            ["id"] = urls.TopCollection,
            ["type"] = "Collection",
            ["label"] = TopLabel(),
        });
        collection["items"] = new JsonArray(entries.Where(e => e.Item.Collection == kind).OrderBy(e => e.Item.Id, StringComparer.Ordinal).Select(e =>
        {
            var item = e.Item;
            var reference = new JsonObject
            {
                ["id"] = urls.Manifest(item.Id),
                ["type"] = "Manifest",
                ["label"] = LanguageMap.Of((LanguageMap.ChineseTag(item.Script), item.TitleZh), (LanguageMap.English, item.TitleEn)) ?? LanguageMap.Of((LanguageMap.None, item.Id)),
            };
            if (ManifestBuilder.ImagePages(item).FirstOrDefault() is { } first)
                reference["thumbnail"] = new JsonArray(ManifestBuilder.Thumbnail(item.Id, first, urls, limits));
            return (JsonNode)reference;
        }).ToArray());
        return collection;
    }

    private static JsonObject TopLabel() => LanguageMap.Ui("清远市图书馆特藏", "Special collections of Qingyuan City Library");

    private static JsonObject Header(string id, JsonObject label, PresentationUrls urls) => new()
    {
        ["@context"] = ManifestBuilder.Context,
        ["id"] = id,
        ["type"] = "Collection",
        ["label"] = label,
        ["requiredStatement"] = Attribution.RequiredStatement(),
        ["provider"] = new JsonArray(Attribution.Provider(urls)),
    };
}
