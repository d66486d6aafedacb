namespace QyHeritage.Archive.Exhibitions;

/// <summary>
/// What publishing pins and carries from the catalog for one exhibit: the item version shown and
/// the facts a visitor, a hall or a manifest needs without the catalog. Curators never type these;
/// <see cref="ExhibitionPublisher"/> fills them from the item's record at that version.
/// </summary>
/// <param name="ItemVersion">The item's OCFL version the exhibit shows.</param>
/// <param name="ItemTitle">The item's title as catalogued.</param>
/// <param name="PageLabel">The page's label (e.g. 1a, 二).</param>
/// <param name="Width">The page image's full width in pixels.</param>
/// <param name="Height">The page image's full height in pixels.</param>
/// <param name="Attribution">Who made the work and where it comes from: the catalogue's creator and source.</param>
/// <param name="Rights">The catalogue's rights statement, as written.</param>
public sealed record ExhibitSource(
    int ItemVersion,
    Bilingual ItemTitle,
    string PageLabel,
    int Width,
    int Height,
    string Attribution,
    string Rights);
