namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// A Collection (https://iiif.io/api/presentation/3.0/#51-collection): an ordered list of Manifests and
/// Collections, each given as a reference (id, type, label, thumbnail).
/// </summary>
public sealed record Collection() : DescribedResource(nameof(Collection))
{
    public IReadOnlyList<Resource>? Items { get; init; }
}
