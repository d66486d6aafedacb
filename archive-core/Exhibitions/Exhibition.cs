namespace QyHeritage.Archive.Exhibitions;

/// <summary>
/// A themed exhibition: the curator's record that the public story page, the IIIF manifest, the VR hall
/// compiler (issue 15) and live tours (issue 16) read. Its JSON form (<see cref="ExhibitionJson"/>,
/// documented in <c>archive-core/Exhibitions/README.md</c>) is the contract between them.
/// </summary>
/// <param name="Id">Slug: lowercase ASCII letters, digits and '-' (e.g. beijiang-history).</param>
/// <param name="Hall">The hall template, e.g. <c>beijiang-gallery</c> or <c>tea-pavilion</c>.</param>
/// <param name="Cover">The id of the exhibit that stands for the whole (card picture, thumbnail).</param>
/// <param name="Published">Set in the published copy only: when and by whom it was published.</param>
public sealed record Exhibition(
    string Id,
    Bilingual Title,
    Bilingual? Subtitle,
    Bilingual? Introduction,
    string Hall,
    string? Cover,
    IReadOnlyList<ExhibitionSection> Sections,
    PublicationStamp? Published = null)
{
    /// <summary>The version of the JSON contract this record was written in.</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string Format { get; init; } = ExhibitionJson.Format;

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<Exhibit> Exhibits => Sections.SelectMany(s => s.Exhibits);

    /// <summary>The cover exhibit, else the first exhibit, else null.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Exhibit? CoverExhibit => Exhibits.FirstOrDefault(e => e.Id == Cover) ?? Exhibits.FirstOrDefault();

    /// <summary>The same exhibition without what publishing adds (the curator's working copy).</summary>
    public Exhibition Unpublished() => this with
    {
        Published = null,
        Sections = Sections.Select(s => s with { Exhibits = s.Exhibits.Select(e => e with { Source = null }).ToList() }).ToList(),
    };
}

/// <summary>When and by whom an exhibition was published.</summary>
public sealed record PublicationStamp(DateTimeOffset At, string By);
