namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// A web resource that is not an image, as <c>homepage</c>, <c>seeAlso</c> and <c>rendering</c> link to it
/// (https://iiif.io/api/presentation/3.0/#33-linking-properties): <c>Text</c> (an HTML page, a plain-text
/// transcription) or <c>Dataset</c> (hOCR), with its format, languages and profile.
/// </summary>
public sealed record ExternalResource() : DescribedResource(Text)
{
    public const string Text = "Text";
    public const string Dataset = "Dataset";

    /// <summary>https://iiif.io/api/presentation/3.0/#format</summary>
    public string? Format { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#language: BCP 47 tags of the resource's text.</summary>
    public IReadOnlyList<string>? Language { get; init; }

    /// <summary>https://iiif.io/api/presentation/3.0/#profile: the schema a Dataset follows (the hOCR spec).</summary>
    public string? Profile { get; init; }
}
