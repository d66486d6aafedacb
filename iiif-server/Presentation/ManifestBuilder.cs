using System.Text.Json.Nodes;
using QyHeritage.Archive.Domain;
using QyHeritage.Iiif.ContentSearch;
using QyHeritage.Iiif.ImageApi;

namespace QyHeritage.Iiif.Presentation;

/// <summary>
/// An item's Manifest (https://iiif.io/api/presentation/3.0/#52-manifest), built from its
/// metadata.json alone: bilingual descriptive properties, the library's attribution, one Canvas
/// per page image painted by its Image API service, the page text as a supplementing annotation
/// and the OCR as seeAlso. Thread-bound vertical books are paged right to left.
/// </summary>
public static class ManifestBuilder
{
    public const string Context = "http://iiif.io/api/presentation/3/context.json";
    public const string HocrProfile = "http://kba.cloud/hocr-spec/1.2/";
    private const int ThumbnailSide = 256;

    /// <param name="pageText">The text of a page (its transcription, or its OCR), or null.</param>
    public static JsonObject Build(Item item, PresentationUrls urls, ImageLimits limits, IReadOnlyDictionary<string, string> pageText)
    {
        var zh = LanguageMap.ChineseTag(item.Script);
        var pages = ImagePages(item).ToList();
        var manifest = new JsonObject
        {
            // https://iiif.io/api/search/2.0/#search-service-description: the search context first, presentation last.
            ["@context"] = new JsonArray(ContentSearchUrls.Context, Context),
            ["id"] = urls.Manifest(item.Id),
            ["type"] = "Manifest",
            ["label"] = LanguageMap.Of((zh, item.TitleZh), (LanguageMap.English, item.TitleEn)) ?? LanguageMap.Of((LanguageMap.None, item.Id)),
        };
        // The catalogue's descriptions are English prose quoting Chinese names.
        if (LanguageMap.Of((LanguageMap.English, item.Description)) is { } summary) manifest["summary"] = summary;
        manifest["metadata"] = Metadata(item, zh);
        manifest["requiredStatement"] = Attribution.RequiredStatement();
        if (Licences.RightsUri(item.Rights) is { } rights) manifest["rights"] = rights;
        manifest["provider"] = new JsonArray(Attribution.Provider(urls));
        manifest["homepage"] = new JsonArray(new JsonObject
        {
            ["id"] = urls.ItemHomepage(item.Id),
            ["type"] = "Text",
            ["label"] = LanguageMap.Of((zh, item.TitleZh), (LanguageMap.English, item.TitleEn)) ?? LanguageMap.Ui("藏品", "Item"),
            ["format"] = "text/html",
            ["language"] = new JsonArray(LanguageMap.Simplified, LanguageMap.English),
        });
        if (pages.Count > 0) manifest["thumbnail"] = new JsonArray(Thumbnail(item.Id, pages[0], urls, limits));
        if (item.Layout == TextLayout.VerticalRightToLeft)
        {
            // Columns run right to left, and so do the leaves of the book.
            manifest["viewingDirection"] = "right-to-left";
            // Facing pages make sense for bound volumes, not for a newspaper's single sheets.
            if (item.Collection != CollectionKind.Newspaper) manifest["behavior"] = new JsonArray("paged");
        }
        manifest["partOf"] = new JsonArray(new JsonObject
        {
            ["id"] = urls.Collection(item.Collection.Code()),
            ["type"] = "Collection",
            ["label"] = LanguageMap.Ui(item.Collection.NameZh(), item.Collection.NameEn()),
        });
        // Search within the item (IIIF Content Search 2.0), with its autocomplete.
        manifest["service"] = new JsonArray(new ContentSearchUrls(urls.Base).ServiceReference(item.Id));
        manifest["items"] = new JsonArray(pages.Select(p => (JsonNode)Canvas(item, p, urls, limits, zh, pageText.GetValueOrDefault(p.Name))).ToArray());
        return manifest;
    }

    /// <summary>Pages with an image and known size: only those can be Canvases with content.</summary>
    public static IEnumerable<Page> ImagePages(Item item) =>
        item.Pages.Where(p => p.Derivative is not null && p.Width > 0 && p.Height > 0).OrderBy(p => p.Order);

    private static JsonArray Metadata(Item item, string zh)
    {
        var entries = new List<JsonObject>();
        void Add(string labelZh, string labelEn, JsonObject? value)
        {
            if (value is not null) entries.Add(new JsonObject { ["label"] = LanguageMap.Ui(labelZh, labelEn), ["value"] = value });
        }
        Add("题名", "Title", LanguageMap.Of((zh, item.TitleZh), (LanguageMap.English, item.TitleEn)));
        Add("责任者", "Creator", LanguageMap.Of((zh, item.Creator)));
        var year = item.Date.StartYear is { } start
            ? item.Date.EndYear is { } end && end != start ? $"{start}–{end}" : start.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;
        Add("日期", "Date", LanguageMap.Of((zh, item.Date.AsWritten), (LanguageMap.None, year)));
        Add("地点", "Place", LanguageMap.Of((zh, item.Place)));
        Add("语言文字", "Language and script", LanguageMap.Of((LanguageMap.English, item.LanguageScript)));
        Add("馆藏", "Collection", LanguageMap.Ui(item.Collection.NameZh(), item.Collection.NameEn()));
        Add("索书号", "Identifier", LanguageMap.Of((LanguageMap.None, item.Id)));
        Add("来源", "Source", LanguageMap.Of((LanguageMap.English, item.Source)));
        Add("图像来源", "Image origin", LanguageMap.Of((LanguageMap.English, item.ImageOrigin)));
        Add("权利说明", "Rights", LanguageMap.Of((LanguageMap.English, item.Rights)));
        return new JsonArray(entries.Select(e => (JsonNode)e).ToArray());
    }

    private static JsonObject Canvas(Item item, Page page, PresentationUrls urls, ImageLimits limits, string zh, string? text)
    {
        var canvasId = urls.Canvas(item.Id, page.Name);
        var (w, h) = limits.Fit(page.Width, page.Height);
        var service = urls.ImageService(item.Id, page.Name);
        var canvas = new JsonObject
        {
            ["id"] = canvasId,
            ["type"] = "Canvas",
            ["label"] = LanguageMap.Of((LanguageMap.None, page.Label)) ?? LanguageMap.Of((LanguageMap.None, page.Name)),
            ["width"] = page.Width,
            ["height"] = page.Height,
            ["thumbnail"] = new JsonArray(Thumbnail(item.Id, page, urls, limits)),
            ["items"] = new JsonArray(new JsonObject
            {
                ["id"] = urls.PaintingPage(item.Id, page.Name),
                ["type"] = "AnnotationPage",
                ["items"] = new JsonArray(new JsonObject
                {
                    ["id"] = urls.PaintingAnnotation(item.Id, page.Name),
                    ["type"] = "Annotation",
                    ["motivation"] = "painting",
                    ["body"] = new JsonObject
                    {
                        // full/max within the server limits; its size is what full/max returns.
                        ["id"] = $"{service}/full/{(w == page.Width && h == page.Height ? "max" : $"{w},{h}")}/0/default.jpg",
                        ["type"] = "Image",
                        ["format"] = "image/jpeg",
                        ["width"] = w,
                        ["height"] = h,
                        ["service"] = new JsonArray(ImageService(service)),
                    },
                    ["target"] = canvasId,
                }),
            }),
        };
        if (!string.IsNullOrWhiteSpace(text))
        {
            canvas["annotations"] = new JsonArray(new JsonObject
            {
                ["id"] = urls.TextPage(item.Id, page.Name),
                ["type"] = "AnnotationPage",
                ["items"] = new JsonArray(new JsonObject
                {
                    ["id"] = urls.TextAnnotation(item.Id, page.Name),
                    ["type"] = "Annotation",
                    // https://iiif.io/api/presentation/3.0/#values-for-motivation: text that is part of the page.
                    ["motivation"] = "supplementing",
                    ["body"] = new JsonObject
                    {
                        ["type"] = "TextualBody",
                        ["value"] = text.Trim(),
                        ["format"] = "text/plain",
                        ["language"] = zh,
                    },
                    ["target"] = canvasId,
                }),
            });
        }
        var seeAlso = new JsonArray();
        if (page.Ocr is not null) seeAlso.Add(Hocr(urls.File(item.Id, page.Ocr), "OCR（hOCR）", "OCR (hOCR)"));
        if (page.TextBoxes is not null) seeAlso.Add(Hocr(urls.File(item.Id, page.TextBoxes), "校对文本字符位置（hOCR）", "Transcription aligned to the image (hOCR)"));
        if (page.Transcription is not null)
        {
            seeAlso.Add(new JsonObject
            {
                ["id"] = urls.File(item.Id, page.Transcription),
                ["type"] = "Text",
                ["label"] = LanguageMap.Ui("校对文本", "Transcription"),
                ["format"] = "text/plain",
                ["language"] = new JsonArray(zh),
            });
        }
        if (seeAlso.Count > 0) canvas["seeAlso"] = seeAlso;
        return canvas;
    }

    private static JsonObject Hocr(string id, string zh, string en) => new()
    {
        ["id"] = id,
        ["type"] = "Dataset",
        ["label"] = LanguageMap.Ui(zh, en),
        ["format"] = "text/vnd.hocr+html",
        ["profile"] = HocrProfile,
    };

    public static JsonObject Thumbnail(string itemId, Page page, PresentationUrls urls, ImageLimits limits)
    {
        var service = urls.ImageService(itemId, page.Name);
        var size = SizeParameter.Parse($"!{ThumbnailSide},{ThumbnailSide}").Get().Resolve(page.Width, page.Height, limits).Get();
        return new JsonObject
        {
            ["id"] = $"{service}/full/{size.Width},{size.Height}/0/default.jpg",
            ["type"] = "Image",
            ["format"] = "image/jpeg",
            ["width"] = size.Width,
            ["height"] = size.Height,
            ["service"] = new JsonArray(ImageService(service)),
        };
    }

    /// <summary>An Image API 3 service reference (https://iiif.io/api/presentation/3.0/#service).</summary>
    public static JsonObject ImageService(string id) => new()
    {
        ["id"] = id,
        ["type"] = "ImageService3",
        ["profile"] = "level2",
    };
}
