namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// A part or a view of another resource (https://iiif.io/api/presentation/3.0/#57-content-resources and
/// https://www.w3.org/TR/annotation-model/#specific-resources): its <c>source</c> (a URI here) and the
/// <c>selector</c> that picks the part — an <see cref="ImageApiSelector"/> on an image service, a
/// <see cref="FragmentSelector"/> (<c>xywh=</c>) on a Canvas.
/// </summary>
public sealed record SpecificResource() : Resource(nameof(SpecificResource))
{
    /// <summary>The id of the resource this is part of; this model writes sources as URIs, never embedded.</summary>
    public string? Source { get; init; }

    public Selector? Selector { get; init; }
}
