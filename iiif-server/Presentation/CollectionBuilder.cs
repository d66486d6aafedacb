using QyHeritage.Archive.Catalog;
using QyHeritage.Archive.Domain;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.Presentation.Model;
using QyHeritage.Iiif.Presentation.Model.Json;

namespace QyHeritage.Iiif.Presentation;

/// <summary>
/// Collections (https://iiif.io/api/presentation/3.0/#51-collection): one per collection of the
/// library, listing its items' Manifests, and a top Collection of those. Built from the catalog,
/// which is an index of the same metadata.json files the Manifests are built from.
/// </summary>
public static class CollectionBuilder
{
    public static Collection Top(IReadOnlyList<CatalogEntry> entries, PresentationUrls urls) => Header(urls) with
    {
        Id = urls.TopCollection,
        Label = TopLabel(),
        Summary = LanguageMap.Ui("古籍、民国文献、地方报纸与文史资料", "Rare books, Republic-era documents, local newspapers and local-history records"),
        Items = Collections.All
            .Where(k => entries.Any(e => e.Item.Collection == k))
            .Select(k => (Resource)Reference(k, urls))
            .ToList(),
    };

    public static Collection For(CollectionKind kind, IReadOnlyList<CatalogEntry> entries, PresentationUrls urls, ImageLimits limits) => Header(urls) with
    {
        Id = urls.Collection(kind.Code()),
        Label = LanguageMap.Ui(kind.NameZh(), kind.NameEn()),
        PartOf = [new Collection { Id = urls.TopCollection, Label = TopLabel() }],
        Items = entries.Where(e => e.Item.Collection == kind).OrderBy(e => e.Item.Id, StringComparer.Ordinal).Select(e =>
        {
            var item = e.Item;
            var first = ManifestBuilder.ImagePages(item).FirstOrDefault();
            return (Resource)new Manifest
            {
                Id = urls.Manifest(item.Id),
                Label = ManifestBuilder.Title(item),
                Thumbnail = first is null ? null : [ManifestBuilder.Thumbnail(item.Id, first, urls, limits)],
            };
        }).ToList(),
    };

    /// <summary>A Collection of the library as a reference: id, type and label.</summary>
    public static Collection Reference(CollectionKind kind, PresentationUrls urls) => new()
    {
        Id = urls.Collection(kind.Code()),
        Label = LanguageMap.Ui(kind.NameZh(), kind.NameEn()),
    };

    private static LanguageMap TopLabel() => LanguageMap.Ui("清远市图书馆特藏", "Special collections of Qingyuan City Library");

    private static Collection Header(PresentationUrls urls) => new()
    {
        Context = [PresentationJson.Context],
        RequiredStatement = Attribution.RequiredStatement(),
        Provider = [Attribution.Provider(urls)],
    };
}
