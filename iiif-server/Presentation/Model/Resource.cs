using System.Text.Json.Serialization;
using QyHeritage.Iiif.Presentation.Model.Json;

namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// Anything with a <c>type</c> (https://iiif.io/api/presentation/3.0/#type), the discriminator a reader picks
/// the C# type by (<see cref="ResourceTypes"/>), and usually an <c>id</c>
/// (https://iiif.io/api/presentation/3.0/#id). <c>@context</c> is only on the document's top resource
/// (https://iiif.io/api/presentation/3.0/#46-linked-data-context-and-extensions).
/// </summary>
[JsonConverter(typeof(TypedConverter<Resource>))]
public abstract record Resource
{
    protected Resource(string type) => Type = type;

    /// <summary>One context is written as a string, several as an array, the Presentation context last.</summary>
    [JsonPropertyName("@context"), JsonPropertyOrder(-100), JsonConverter(typeof(ContextConverter))]
    public IReadOnlyList<string>? Context { get; init; }

    [JsonPropertyOrder(-90)]
    public string? Id { get; init; }

    [JsonPropertyOrder(-80)]
    public string Type { get; init; }
}
