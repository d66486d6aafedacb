using System.Globalization;
using QyHeritage.Archive.Domain;
using QyHeritage.Iiif.ContentSearch;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.Presentation.Model;
using QyHeritage.Iiif.Presentation.Model.Json;
using QyHeritage.Iiif.Presentation.Structure;

namespace QyHeritage.Iiif.Presentation;

/// <summary>
/// An item's Manifest (https://iiif.io/api/presentation/3.0/#52-manifest), built from its
/// metadata.json alone: bilingual descriptive properties, the library's attribution, one Canvas
/// per page image painted by its Image API service, the page text as a supplementing annotation,
/// the OCR as seeAlso, and the structure the title and the texts show as Ranges. Thread-bound
/// vertical books are paged right to left.
/// </summary>
public static class ManifestBuilder
{
    public const string HocrProfile = "http://kba.cloud/hocr-spec/1.2/";
    private const int ThumbnailSide = 256;

    /// <param name="pageText">The text of a page (its transcription, or its OCR), or null.</param>
    public static Manifest Build(Item item, PresentationUrls urls, ImageLimits limits, IReadOnlyDictionary<string, string> pageText)
    {
        var zh = LanguageTags.Chinese(item.Script);
        var pages = ImagePages(item).ToList();
        var search = new ContentSearchUrls(urls.Base);
        var vertical = item.Layout == TextLayout.VerticalRightToLeft;
        return new Manifest
        {
            // https://iiif.io/api/search/2.0/#search-service-description: the search context first, presentation last.
            Context = [ContentSearchUrls.Context, PresentationJson.Context],
            Id = urls.Manifest(item.Id),
            Label = Title(item),
            Summary = ItemDescription.Summary(item),
            Metadata = Metadata(item, zh),
            RequiredStatement = Attribution.RequiredStatement(),
            Rights = Licences.RightsUri(item.Rights),
            NavDate = ItemDescription.NavDate(item),
            Provider = [Attribution.Provider(urls)],
            Homepage =
            [
                new ExternalResource
                {
                    Id = urls.ItemHomepage(item.Id),
                    Label = LanguageMap.Of((zh, item.TitleZh), (LanguageMap.English, item.TitleEn)) ?? LanguageMap.Ui("藏品", "Item"),
                    Format = "text/html",
                    Language = [LanguageMap.Simplified, LanguageMap.English],
                },
            ],
            Thumbnail = pages.Count > 0 ? [Thumbnail(item.Id, pages[0], urls, limits)] : null,
            // Columns run right to left, and so do the leaves of the book.
            ViewingDirection = vertical ? ViewingDirection.RightToLeft : null,
            // Facing pages make sense for bound volumes, not for a newspaper's single sheets.
            Behavior = vertical && item.Collection != CollectionKind.Newspaper ? [Behavior.Paged] : null,
            PartOf = [CollectionBuilder.Reference(item.Collection, urls)],
            // Search within the item: Content Search 2.0 with its autocomplete, and 1.0 for viewers that know only that (Mirador).
            Services = [search.Service2(item.Id), search.Service1(item.Id)],
            Items = pages.Select(p => Canvas(item, p, urls, limits, zh, pageText.GetValueOrDefault(p.Name))).ToList(),
            Structures = ItemStructure.Ranges(item, pages, pageText, urls),
        };
    }

    /// <summary>Pages with an image and known size: only those can be Canvases with content.</summary>
    public static IEnumerable<Page> ImagePages(Item item) =>
        item.Pages.Where(p => p.Derivative is not null && p.Width > 0 && p.Height > 0).OrderBy(p => p.Order);

    /// <summary>The item's title in its own script and in English; the id when it has none.</summary>
    public static LanguageMap Title(Item item) =>
        LanguageMap.Of((LanguageTags.Chinese(item.Script), item.TitleZh), (LanguageMap.English, item.TitleEn)) ?? LanguageMap.Of((LanguageMap.None, item.Id))!;

    private static List<MetadataEntry> Metadata(Item item, string zh)
    {
        var entries = new List<MetadataEntry>();
        void Add(string labelZh, string labelEn, LanguageMap? value)
        {
            if (value is not null) entries.Add(new MetadataEntry(LanguageMap.Ui(labelZh, labelEn), value));
        }
        Add("题名", "Title", LanguageMap.Of((zh, item.TitleZh), (LanguageMap.English, item.TitleEn)));
        Add("责任者", "Creator", LanguageMap.Of((zh, item.Creator)));
        var year = item.Date.StartYear is { } start
            ? item.Date.EndYear is { } end && end != start ? $"{start}–{end}" : start.ToString(CultureInfo.InvariantCulture)
            : null;
        Add("日期", "Date", LanguageMap.Of((zh, item.Date.AsWritten), (LanguageMap.None, year)));
        Add("朝代", "Dynasty or period", ItemDescription.Period(item));
        Add("地点", "Place", LanguageMap.Of((zh, item.Place)));
        Add("语言文字", "Language and script", LanguageMap.Of((LanguageMap.English, item.LanguageScript)));
        Add("馆藏", "Collection", LanguageMap.Ui(item.Collection.NameZh(), item.Collection.NameEn()));
        Add("索书号", "Identifier", LanguageMap.Of((LanguageMap.None, item.Id)));
        Add("来源", "Source", LanguageMap.Of((LanguageMap.English, item.Source)));
        Add("图像来源", "Image origin", LanguageMap.Of((LanguageMap.English, item.ImageOrigin)));
        Add("权利说明", "Rights", LanguageMap.Of((LanguageMap.English, item.Rights)));
        return entries;
    }

    private static Canvas Canvas(Item item, Page page, PresentationUrls urls, ImageLimits limits, string zh, string? text)
    {
        var canvasId = urls.Canvas(item.Id, page.Name);
        var (w, h) = limits.Fit(page.Width, page.Height);
        var service = urls.ImageService(item.Id, page.Name);
        var seeAlso = new List<ExternalResource>();
        if (page.Ocr is not null) seeAlso.Add(Hocr(urls.File(item.Id, page.Ocr), "OCR（hOCR）", "OCR (hOCR)"));
        if (page.TextBoxes is not null) seeAlso.Add(Hocr(urls.File(item.Id, page.TextBoxes), "校对文本字符位置（hOCR）", "Transcription aligned to the image (hOCR)"));
        if (page.Transcription is not null)
        {
            seeAlso.Add(new ExternalResource
            {
                Id = urls.File(item.Id, page.Transcription),
                Label = LanguageMap.Ui("校对文本", "Transcription"),
                Format = "text/plain",
                Language = [zh],
            });
        }
        return new Canvas
        {
            Id = canvasId,
            Label = LanguageMap.Of((LanguageMap.None, page.Label)) ?? LanguageMap.Of((LanguageMap.None, page.Name)),
            Thumbnail = [Thumbnail(item.Id, page, urls, limits)],
            SeeAlso = seeAlso.Count > 0 ? seeAlso : null,
            Width = page.Width,
            Height = page.Height,
            // full/max within the server limits; its size is what full/max returns.
            Items = [OneAnnotation(urls.PaintingPage(item.Id, page.Name), urls.PaintingAnnotation(item.Id, page.Name), Motivation.Painting,
                Image(service, w == page.Width && h == page.Height ? "max" : $"{w},{h}", w, h), canvasId)],
            // https://iiif.io/api/presentation/3.0/#values-for-motivation: text that is part of the page.
            Annotations = string.IsNullOrWhiteSpace(text) ? null :
                [OneAnnotation(urls.TextPage(item.Id, page.Name), urls.TextAnnotation(item.Id, page.Name), Motivation.Supplementing,
                    new TextualBody { Value = text.Trim(), Format = "text/plain", Language = zh }, canvasId)],
        };
    }

    /// <summary>An annotation page holding one annotation of <paramref name="body"/> on the canvas.</summary>
    private static AnnotationPage OneAnnotation(string pageId, string annotationId, string motivation, Resource body, string canvasId) => new()
    {
        Id = pageId,
        Items = [new Annotation { Id = annotationId, Motivation = motivation, Body = body, Target = canvasId }],
    };

    private static ExternalResource Hocr(string id, string zh, string en) => new()
    {
        Id = id,
        Type = ExternalResource.Dataset,
        Label = LanguageMap.Ui(zh, en),
        Format = "text/vnd.hocr+html",
        Profile = HocrProfile,
    };

    public static Image Thumbnail(string itemId, Page page, PresentationUrls urls, ImageLimits limits)
    {
        var size = SizeParameter.Parse($"!{ThumbnailSide},{ThumbnailSide}").Get().Resolve(page.Width, page.Height, limits).Get();
        return Image(urls.ImageService(itemId, page.Name), $"{size.Width},{size.Height}", size.Width, size.Height);
    }

    /// <summary>A JPEG of the whole page from the Image API at <paramref name="size"/>, with the service a viewer tiles from.</summary>
    private static Image Image(string service, string size, int width, int height) => new()
    {
        Id = $"{service}/full/{size}/0/default.jpg",
        Format = "image/jpeg",
        Width = width,
        Height = height,
        Services = [ImageService(service)],
    };

    /// <summary>An Image API 3 service reference (https://iiif.io/api/presentation/3.0/#service).</summary>
    public static ImageService3 ImageService(string id) => new() { Id = id, Profile = ImageService3.Level2 };
}
