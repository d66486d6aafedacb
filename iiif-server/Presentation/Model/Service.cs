using System.Text.Json.Serialization;
using QyHeritage.Iiif.Presentation.Model.Json;

namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// A service a resource offers (https://iiif.io/api/presentation/3.0/#service): an Image API, a Content Search
/// or its autocomplete, told apart by <c>type</c> (and, for older APIs, <c>profile</c>).
/// </summary>
[JsonConverter(typeof(TypedConverter<Service>))]
public abstract record Service : Resource
{
    protected Service(string type) : base(type)
    {
    }

    /// <summary>The compliance level (level2) or, for Content Search 1.0, the profile URI clients look for.</summary>
    [JsonPropertyOrder(-70)]
    public string? Profile { get; init; }

    /// <summary>Services of this service: the autocomplete of a search.</summary>
    [JsonPropertyName("service"), JsonPropertyOrder(-60)]
    public IReadOnlyList<Service>? Services { get; init; }
}
