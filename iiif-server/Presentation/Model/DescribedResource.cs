using System.Text.Json.Serialization;
using QyHeritage.Iiif.Presentation.Model.Json;

namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// The descriptive, rights and linking properties any Presentation resource may carry
/// (https://iiif.io/api/presentation/3.0/#31-descriptive-properties, #32-technical-properties,
/// #33-linking-properties), in the order they are written.
/// </summary>
public abstract record DescribedResource : Resource
{
    protected DescribedResource(string type) : base(type)
    {
    }

    /// <summary>https://iiif.io/api/presentation/3.0/#label</summary>
    [JsonPropertyOrder(-70)]
    public LanguageMap? Label { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#summary</summary>
    [JsonPropertyOrder(-69)]
    public LanguageMap? Summary { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#metadata</summary>
    [JsonPropertyOrder(-68)]
    public IReadOnlyList<MetadataEntry>? Metadata { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#requiredstatement: what every viewer must show.</summary>
    [JsonPropertyOrder(-67)]
    public MetadataEntry? RequiredStatement { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#rights: a Creative Commons or RightsStatements.org URI.</summary>
    [JsonPropertyOrder(-66)]
    public string? Rights { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#navdate: where the resource sits on a timeline (UTC).</summary>
    [JsonPropertyOrder(-65), JsonConverter(typeof(NavDateConverter))]
    public DateTimeOffset? NavDate { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#provider</summary>
    [JsonPropertyOrder(-64)]
    public IReadOnlyList<Agent>? Provider { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#homepage</summary>
    [JsonPropertyOrder(-63)]
    public IReadOnlyList<ExternalResource>? Homepage { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#thumbnail</summary>
    [JsonPropertyOrder(-62)]
    public IReadOnlyList<Image>? Thumbnail { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#viewingdirection (Collection, Manifest, Range).</summary>
    [JsonPropertyOrder(-61)]
    public ViewingDirection? ViewingDirection { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#behavior</summary>
    [JsonPropertyOrder(-60)]
    public IReadOnlyList<Behavior>? Behavior { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#partof: the Collection or Manifest this belongs to.</summary>
    [JsonPropertyOrder(-59)]
    public IReadOnlyList<Resource>? PartOf { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#seealso: machine-readable descriptions (hOCR, text).</summary>
    [JsonPropertyOrder(-58)]
    public IReadOnlyList<ExternalResource>? SeeAlso { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#rendering: alternative forms a user may download.</summary>
    [JsonPropertyOrder(-57)]
    public IReadOnlyList<ExternalResource>? Rendering { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#service</summary>
    [JsonPropertyName("service"), JsonPropertyOrder(-56)]
    public IReadOnlyList<Service>? Services { get; init; }
}
