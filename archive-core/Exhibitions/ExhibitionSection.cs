namespace QyHeritage.Archive.Exhibitions;

/// <summary>A room of the exhibition: a heading, its text and its exhibits in order.</summary>
/// <param name="Id">Slug unique in the exhibition (Range ids, anchors).</param>
public sealed record ExhibitionSection(string Id, Bilingual Title, Bilingual? Text, IReadOnlyList<Exhibit> Exhibits);
