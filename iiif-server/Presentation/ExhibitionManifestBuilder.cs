using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.Presentation.Model;
using QyHeritage.Iiif.Presentation.Model.Json;

namespace QyHeritage.Iiif.Presentation;

/// <summary>
/// A published exhibition as a Presentation 3.0 Manifest: one Canvas per exhibit, as large as the region it
/// shows (pixels of the page's full image), painted by the Image API request for exactly that region;
/// one Range per section; labels and texts as language maps; each Canvas names its item page, and the
/// Manifest's <c>homepage</c> is the story page. Built from the published copy alone (pinned sources).
/// </summary>
/// <remarks>
/// The region is painted as an Image whose id is the Image API URL of the region (the "region service"
/// form) rather than a SpecificResource with an ImageApiSelector over the whole page: Mirador and the
/// Universal Viewer draw the first as it is, while the second is not rendered by either today, and a body
/// carrying the page's service would be tiled as the whole page. The whole page is one link away (the
/// Canvas's homepage in the reading room, and the item's own manifest in <c>seeAlso</c>).
/// </remarks>
public static class ExhibitionManifestBuilder
{
    private const int ThumbnailSide = 256;

    public static string ManifestUrl(PresentationUrls urls, string exhibitionId) => $"{Root(urls, exhibitionId)}/manifest";

    public static string StoryUrl(PresentationUrls urls, string exhibitionId) => $"{urls.Base}/exhibitions/{exhibitionId}";

    public static Manifest Build(Exhibition e, PresentationUrls urls, ImageLimits limits)
    {
        var root = Root(urls, e.Id);
        var cover = e.CoverExhibit;
        return new Manifest
        {
            Context = [PresentationJson.Context],
            Id = ManifestUrl(urls, e.Id),
            Label = Map(e.Title)!,
            Summary = Map(e.Subtitle) ?? Map(e.Introduction),
            Metadata = Metadata(e),
            RequiredStatement = Attribution.RequiredStatement(),
            Provider = [Attribution.Provider(urls)],
            Homepage =
            [
                new ExternalResource
                {
                    Id = StoryUrl(urls, e.Id),
                    Label = Map(e.Title),
                    Format = "text/html",
                    Language = [LanguageMap.Simplified, LanguageMap.English],
                },
            ],
            Thumbnail = cover?.Source is not null ? [RegionImage(urls, cover, limits, ThumbnailSide)] : null,
            Items = e.Exhibits.Where(x => x.Source is not null).Select(x => Canvas(root, x, urls, limits)).ToList(),
            Structures = e.Sections.Select(s => new Model.Range
            {
                Id = $"{root}/range/{s.Id}",
                Label = Map(s.Title),
                Summary = Map(s.Text),
                Items = s.Exhibits.Where(x => x.Source is not null).Select(x => (Resource)new Canvas { Id = CanvasId(root, x) }).ToList(),
            }).ToList(),
        };
    }

    /// <summary>The region an exhibit shows, whole page when it names none.</summary>
    public static PixelRegion RegionOf(Exhibit x) => x.Region ?? new PixelRegion(0, 0, x.Source!.Width, x.Source.Height);

    /// <summary>The Image API URL of the exhibit's region, fitted within <paramref name="box"/> pixels (the server's limits when null).</summary>
    public static string RegionUrl(PresentationUrls urls, Exhibit x, ImageLimits limits, int? box = null)
    {
        var (w, h) = FittedSize(x, limits, box);
        return $"{urls.ImageService(x.Item, Page.PageName(x.Page))}/{Region(x)}/{w},{h}/0/default.jpg";
    }

    public static (int Width, int Height) FittedSize(Exhibit x, ImageLimits limits, int? box = null)
    {
        var r = RegionOf(x);
        var (w, h) = limits.Fit(r.W, r.H);
        if (box is { } side && (w > side || h > side))
        {
            var scale = Math.Min((double)side / w, (double)side / h);
            (w, h) = (Math.Max(1, (int)Math.Round(w * scale)), Math.Max(1, (int)Math.Round(h * scale)));
        }
        return (w, h);
    }

    private static Canvas Canvas(string root, Exhibit x, PresentationUrls urls, ImageLimits limits)
    {
        var id = CanvasId(root, x);
        var r = RegionOf(x);
        var source = x.Source!;
        return new Canvas
        {
            Id = id,
            Label = Map(x.Label),
            Summary = Map(x.Text),
            Metadata =
            [
                new MetadataEntry(LanguageMap.Ui("藏品", "Item"), LanguageMap.Of((LanguageMap.None, $"{x.Item} · {source.PageLabel}"))!),
                new MetadataEntry(LanguageMap.Ui("题名", "Title"), Map(source.ItemTitle) ?? LanguageMap.Of((LanguageMap.None, x.Item))!),
                .. Entry("来源", "Attribution", source.Attribution),
                .. Entry("权利说明", "Rights", source.Rights),
            ],
            Rights = Licences.RightsUri(source.Rights),
            Homepage =
            [
                new ExternalResource
                {
                    Id = $"{urls.ItemHomepage(x.Item)}/p/{x.Page}",
                    Label = LanguageMap.Ui("在阅览室中查看整页", "The whole page in the reading room"),
                    Format = "text/html",
                },
            ],
            SeeAlso =
            [
                new ExternalResource
                {
                    Id = urls.Manifest(x.Item),
                    Type = ExternalResource.Dataset,
                    Label = LanguageMap.Ui("藏品的 IIIF 清单", "The item's IIIF manifest"),
                    Format = "application/ld+json",
                    Profile = PresentationJson.Context,
                },
            ],
            Thumbnail = [RegionImage(urls, x, limits, ThumbnailSide)],
            Width = r.W,
            Height = r.H,
            Items =
            [
                new AnnotationPage
                {
                    Id = $"{id}/paintings",
                    Items = [new Annotation { Id = $"{id}/paintings/region", Motivation = Motivation.Painting, Body = RegionImage(urls, x, limits, null), Target = id }],
                },
            ],
        };
    }

    private static Image RegionImage(PresentationUrls urls, Exhibit x, ImageLimits limits, int? box)
    {
        var (w, h) = FittedSize(x, limits, box);
        return new Image { Id = RegionUrl(urls, x, limits, box), Format = "image/jpeg", Width = w, Height = h };
    }

    private static string Region(Exhibit x) => x.Region?.ToIiif() ?? "full";

    private static List<MetadataEntry> Metadata(Exhibition e)
    {
        var list = new List<MetadataEntry> { new(LanguageMap.Ui("展厅模板", "Hall template"), LanguageMap.Of((LanguageMap.None, e.Hall))!) };
        if (e.Published is { } p)
            list.Add(new(LanguageMap.Ui("发布", "Published"), LanguageMap.Of((LanguageMap.None, p.At.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))!));
        return list;
    }

    private static IEnumerable<MetadataEntry> Entry(string zh, string en, string value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [new MetadataEntry(LanguageMap.Ui(zh, en), LanguageMap.Of((LanguageMap.None, value))!)];

    /// <summary>The curator's Chinese and English as a language map (the Chinese tagged zh-Hans, as the workshop writes it).</summary>
    private static LanguageMap? Map(Bilingual? b) => b is null ? null : LanguageMap.Of((LanguageMap.Simplified, b.Zh), (LanguageMap.English, b.En));

    private static string Root(PresentationUrls urls, string exhibitionId) => $"{urls.Base}{Http.IiifRoutes.PresentationPrefix}/exhibitions/{exhibitionId}";

    private static string CanvasId(string root, Exhibit x) => $"{root}/canvas/{x.Id}";
}
