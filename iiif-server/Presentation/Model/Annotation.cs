namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// An Annotation (https://iiif.io/api/presentation/3.0/#56-annotation, after the W3C Web Annotation model):
/// a <c>body</c> (the page <see cref="Image"/>, a <see cref="TextualBody"/>, a <see cref="SpecificResource"/>)
/// put on a <c>target</c> for a <c>motivation</c> (<see cref="Model.Motivation"/>).
/// </summary>
public sealed record Annotation() : DescribedResource(nameof(Annotation))
{
    public string? Motivation { get; init; }

    public Resource? Body { get; init; }

    public AnnotationTarget? Target { get; init; }
}
