namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// A Manifest (https://iiif.io/api/presentation/3.0/#52-manifest): one catalogued item, its Canvases in
/// order (<c>items</c>) and its structure (<c>structures</c>, Ranges). As a reference inside a Collection
/// only id, type, label and thumbnail are set.
/// </summary>
public sealed record Manifest() : DescribedResource(nameof(Manifest))
{
    public IReadOnlyList<Canvas>? Items { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#structures: the table of contents.</summary>
    public IReadOnlyList<Range>? Structures { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#annotations</summary>
    public IReadOnlyList<AnnotationPage>? Annotations { get; init; }
}
