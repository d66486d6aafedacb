namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// A Range (https://iiif.io/api/presentation/3.0/#54-range): a part of the item's structure — a 卷, a
/// section, an article — whose <c>items</c> are Canvases (references), parts of Canvases
/// (<see cref="SpecificResource"/> with a <see cref="FragmentSelector"/>) and nested Ranges.
/// </summary>
public sealed record Range() : DescribedResource(nameof(Range))
{
    public IReadOnlyList<Resource>? Items { get; init; }
}
