using System.Text.Json.Serialization;
using QyHeritage.Iiif.Presentation.Model.Json;

namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// What an Annotation is about (https://iiif.io/api/presentation/3.0/#56-annotation): either a URI, written as
/// a string (a Canvas id, or <c>canvas#xywh=x,y,w,h</c>), or a <see cref="SpecificResource"/> that selects a
/// part of its source. Exactly one of the two is set.
/// </summary>
[JsonConverter(typeof(AnnotationTargetConverter))]
public sealed record AnnotationTarget
{
    private AnnotationTarget(string? uri, SpecificResource? resource)
    {
        Uri = uri;
        Resource = resource;
    }

    public string? Uri { get; }

    public SpecificResource? Resource { get; }

    public static AnnotationTarget Of(string uri) => new(uri, null);

    public static AnnotationTarget Of(SpecificResource resource) => new(null, resource);

    public static implicit operator AnnotationTarget(string uri) => Of(uri);
}
