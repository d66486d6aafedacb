using QyHeritage.Iiif.Http;
using QyHeritage.Iiif.ImageApi;

namespace QyHeritage.Iiif.Presentation;

/// <summary>
/// Every id the Presentation documents use, all under one base URL and all served by these
/// endpoints (or the Image API), so each dereferences.
/// </summary>
public sealed record PresentationUrls(string Base)
{
    private string Root => Base + IiifRoutes.PresentationPrefix;

    public string Manifest(string itemId) => $"{Root}/{itemId}/manifest";

    public string Canvas(string itemId, string page) => $"{Root}/{itemId}/canvas/{page}";

    public string PaintingPage(string itemId, string page) => Canvas(itemId, page) + "/paintings";

    public string PaintingAnnotation(string itemId, string page) => Canvas(itemId, page) + "/paintings/image";

    public string TextPage(string itemId, string page) => Canvas(itemId, page) + "/texts";

    public string TextAnnotation(string itemId, string page) => Canvas(itemId, page) + "/texts/transcription";

    /// <summary>A Range of the item's structure; <paramref name="name"/> is its path in the tree, e.g. r0-1.</summary>
    public string Range(string itemId, string name) => $"{Root}/{itemId}/range/{name}";

    /// <summary>A file of the item's OCFL object (OCR, transcription), served as stored.</summary>
    public string File(string itemId, string logicalPath) => $"{Root}/{itemId}/files/{logicalPath}";

    public string Collection(string code) => $"{Root}/collection/{code}";

    public string TopCollection => $"{Root}/collection/top";

    public string Provider => $"{Root}/provider";

    public string Home => Base + "/";

    /// <summary>The item's page in the reading room.</summary>
    public string ItemHomepage(string itemId) => $"{Base}/items/{Uri.EscapeDataString(itemId)}";

    public string ImageService(string itemId, string page) => PublicUrls.ImageService(Base, ImageIdentifier.For(itemId, page).ToString());
}
