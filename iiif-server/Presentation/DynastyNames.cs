namespace QyHeritage.Iiif.Presentation;

/// <summary>English names of the dynasties in the reign table (archive-core/Dates/dynasties.tsv), for bilingual metadata.</summary>
public static class DynastyNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["西漢"] = "Western Han",
        ["北魏"] = "Northern Wei",
        ["隋"] = "Sui",
        ["唐"] = "Tang",
        ["武周"] = "Wu Zhou",
        ["後梁"] = "Later Liang",
        ["後唐"] = "Later Tang",
        ["後晉"] = "Later Jin",
        ["後漢"] = "Later Han",
        ["後周"] = "Later Zhou",
        ["北宋"] = "Northern Song",
        ["南宋"] = "Southern Song",
        ["遼"] = "Liao",
        ["金"] = "Jin",
        ["元"] = "Yuan",
        ["明"] = "Ming",
        ["南明"] = "Southern Ming",
        ["後金"] = "Later Jin (Manchu)",
        ["清"] = "Qing",
        ["中華帝國"] = "Empire of China (Hongxian)",
        ["中華民國"] = "Republic of China",
    };

    /// <summary>The English name, or null for a dynasty this table does not know (then only Chinese is shown).</summary>
    public static string? English(string dynasty) => Names.GetValueOrDefault(dynasty);
}
