namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// A Canvas (https://iiif.io/api/presentation/3.0/#53-canvas): one page, a coordinate space of
/// <c>width</c> × <c>height</c> onto which its painting annotations put the page image.
/// </summary>
public sealed record Canvas() : DescribedResource(nameof(Canvas))
{
    public int? Width { get; init; }

    public int? Height { get; init; }

    /// <summary>Pages of painting annotations: the content of the Canvas.</summary>
    public IReadOnlyList<AnnotationPage>? Items { get; init; }

    /// <summary>Pages of other annotations (the page text, supplementing).</summary>
    public IReadOnlyList<AnnotationPage>? Annotations { get; init; }
}
