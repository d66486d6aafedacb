namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// An Image API request as a selector (https://iiif.io/api/annex/openannotation/#iiif-image-api-selector, used
/// by https://iiif.io/api/presentation/3.0/#57-content-resources): region, size, rotation, quality and format
/// in Image API 3.0 syntax, e.g. a crop of a page for an exhibition panel.
/// </summary>
public sealed record ImageApiSelector() : Selector(nameof(ImageApiSelector))
{
    public string? Region { get; init; }

    public string? Size { get; init; }

    public string? Rotation { get; init; }

    public string? Quality { get; init; }

    public string? Format { get; init; }
}
