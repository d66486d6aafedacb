namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// An image content resource (https://iiif.io/api/presentation/3.0/#57-content-resources): the body of a
/// painting annotation or a <c>thumbnail</c>, a URL of the Image API with its size and the
/// <see cref="ImageService3"/> a viewer tiles from.
/// </summary>
public sealed record Image() : DescribedResource(nameof(Image))
{
    /// <summary>https://iiif.io/api/presentation/3.0/#format: the media type, e.g. image/jpeg.</summary>
    public string? Format { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }
}
