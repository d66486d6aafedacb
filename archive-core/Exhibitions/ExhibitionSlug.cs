namespace QyHeritage.Archive.Exhibitions;

/// <summary>
/// Exhibition, section and exhibit ids: lowercase ASCII letters, digits and '-', starting with a letter,
/// at most 60 characters, so they are safe in URLs, IIIF ids and OCFL object ids.
/// </summary>
public static class ExhibitionSlug
{
    public const int MaxLength = 60;

    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= MaxLength && char.IsAsciiLetterLower(slug[0])
        && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && !slug.EndsWith('-');
}

/// <summary>
/// Exhibitions live in the items' OCFL storage root under their own id namespace: the object id is
/// <c>exhibitions.{slug}</c>. A '.' never occurs in an item id (<see cref="Domain.Item.IsValidId"/>), and the
/// flat direct layout wants one path segment, so the prefix cannot be a folder.
/// </summary>
public static class ExhibitionObjectId
{
    public const string Prefix = "exhibitions.";

    public static string For(string slug) => Prefix + slug;

    public static bool IsExhibition(string objectId) => objectId.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The slug of an exhibition's object id, or null when the id is not one.</summary>
    public static string? SlugOf(string objectId) =>
        IsExhibition(objectId) && ExhibitionSlug.IsValid(objectId[Prefix.Length..]) ? objectId[Prefix.Length..] : null;
}

/// <summary>The hall templates of issue 15 that exist today; the compiler reads templates as data, so more may come.</summary>
public static class ExhibitionHalls
{
    public const string BeijiangGallery = "beijiang-gallery";
    public const string TeaPavilion = "tea-pavilion";

    public static readonly IReadOnlyList<string> Known = [BeijiangGallery, TeaPavilion];
}
