using QyHeritage.Archive.Domain;

namespace QyHeritage.Search.Indexing;

/// <summary>What the index needs of one page: its text and, where the page has an image, the character boxes.</summary>
/// <param name="Page">The page as recorded in metadata.json.</param>
/// <param name="Text">The searchable text (empty for a page with neither transcription nor OCR).</param>
/// <param name="Boxes">One box per inked character of <paramref name="Text"/>, or empty when there are none.</param>
public sealed record PageSource(Page Page, PageText Text, IReadOnlyList<CharBox> Boxes);
