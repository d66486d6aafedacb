using System.Text.Json.Serialization;
using QyHeritage.Iiif.Presentation.Model.Json;

namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>How a <see cref="SpecificResource"/> picks its part (https://www.w3.org/TR/annotation-model/#selectors); read by its <c>type</c>.</summary>
[JsonConverter(typeof(TypedConverter<Selector>))]
public abstract record Selector
{
    protected Selector(string type) => Type = type;

    [JsonPropertyOrder(-80)]
    public string Type { get; init; }
}
