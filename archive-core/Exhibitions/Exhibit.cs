namespace QyHeritage.Archive.Exhibitions;

/// <summary>
/// One thing shown: a page of an item, or a region of it, with the curator's label and text.
/// </summary>
/// <param name="Id">Slug unique in the exhibition (canvas ids, anchors, the cover).</param>
/// <param name="Item">The catalogue id, e.g. QY-RB-008.</param>
/// <param name="Page">The page's order in the item, from 1 (as in <c>/items/{id}/p/{n}</c>).</param>
/// <param name="Region">The part of the page's full image shown; null for the whole page.</param>
/// <param name="Label">A short caption.</param>
/// <param name="Text">The longer text, plain text with paragraphs separated by a blank line.</param>
/// <param name="Questions">Optional tour questions.</param>
/// <param name="Source">Filled by publishing only: the pinned item version and what the catalog says of it.</param>
public sealed record Exhibit(
    string Id,
    string Item,
    int Page,
    PixelRegion? Region,
    Bilingual Label,
    Bilingual? Text = null,
    IReadOnlyList<TourQuestion>? Questions = null,
    ExhibitSource? Source = null)
{
    /// <summary>The reading-room address of the exhibit's page.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ItemPagePath => $"/items/{Uri.EscapeDataString(Item)}/p/{Page}";
}
