namespace QyHeritage.Archive.Domain;

/// <summary>The library's special collections. Codes are the stable identifiers used in data and URLs.</summary>
public enum CollectionKind
{
    RareBook,
    RepublicanDoc,
    Newspaper,
    LocalHistory,
}

/// <summary>Codes and bilingual names of the collections.</summary>
public static class Collections
{
    public static readonly IReadOnlyList<CollectionKind> All = Enum.GetValues<CollectionKind>();

    public static string Code(this CollectionKind kind) => kind switch
    {
        CollectionKind.RareBook => "rare-book",
        CollectionKind.RepublicanDoc => "republican-doc",
        CollectionKind.Newspaper => "newspaper",
        CollectionKind.LocalHistory => "local-history",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string NameZh(this CollectionKind kind) => kind switch
    {
        CollectionKind.RareBook => "古籍",
        CollectionKind.RepublicanDoc => "民国文献",
        CollectionKind.Newspaper => "地方报纸",
        CollectionKind.LocalHistory => "文史资料",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string NameEn(this CollectionKind kind) => kind switch
    {
        CollectionKind.RareBook => "Rare books",
        CollectionKind.RepublicanDoc => "Republic-era documents",
        CollectionKind.Newspaper => "Local newspapers",
        CollectionKind.LocalHistory => "Local-history records",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? code, out CollectionKind kind)
    {
        foreach (var k in All)
        {
            if (string.Equals(k.Code(), code?.Trim(), StringComparison.Ordinal)) { kind = k; return true; }
        }
        kind = default;
        return false;
    }
}
