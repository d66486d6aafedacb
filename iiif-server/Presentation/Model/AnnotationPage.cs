namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>An Annotation Page (https://iiif.io/api/presentation/3.0/#55-annotation-page): an ordered list of Annotations.</summary>
public sealed record AnnotationPage() : DescribedResource(nameof(AnnotationPage))
{
    public IReadOnlyList<Annotation>? Items { get; init; }
}
