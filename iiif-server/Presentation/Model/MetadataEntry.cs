namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// A label/value pair: an entry of <c>metadata</c> (https://iiif.io/api/presentation/3.0/#metadata), and the
/// shape of <c>requiredStatement</c> (https://iiif.io/api/presentation/3.0/#requiredstatement). Both sides are
/// language maps, shown by viewers as they are.
/// </summary>
public sealed record MetadataEntry(LanguageMap Label, LanguageMap Value);
