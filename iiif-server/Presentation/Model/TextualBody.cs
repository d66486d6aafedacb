namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// Text carried inside an annotation (https://www.w3.org/TR/annotation-model/#embedded-textual-body, used by
/// https://iiif.io/api/presentation/3.0/#56-annotation): the page text of a supplementing annotation.
/// </summary>
public sealed record TextualBody() : Resource(nameof(TextualBody))
{
    public string? Value { get; init; }

    public string? Format { get; init; }

    /// <summary>One BCP 47 tag (zh-Hant, zh-Hans).</summary>
    public string? Language { get; init; }
}
