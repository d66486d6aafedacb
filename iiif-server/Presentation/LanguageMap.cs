using System.Text.Json.Nodes;
using QyHeritage.Archive.Domain;

namespace QyHeritage.Iiif.Presentation;

/// <summary>
/// Language maps (https://iiif.io/api/presentation/3.0/#44-language-of-property-values): a JSON
/// object from BCP 47 tag to an array of strings. Chinese is tagged by script, zh-Hant or zh-Hans,
/// as the item is written; "none" for values in no language (identifiers, page numbers).
/// Empty strings are left out, and a map with nothing in it is null, so no empty map is ever sent.
/// </summary>
public static class LanguageMap
{
    public const string Traditional = "zh-Hant";
    public const string Simplified = "zh-Hans";
    public const string English = "en";
    public const string None = "none";

    public static string ChineseTag(Script script) => script == Script.Simplified ? Simplified : Traditional;

    public static JsonObject? Of(params (string Language, string? Value)[] values)
    {
        var map = new JsonObject();
        foreach (var (language, value) in values)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            if (map[language] is JsonArray list) list.Add(value.Trim());
            else map[language] = new JsonArray(value.Trim());
        }
        return map.Count == 0 ? null : map;
    }

    /// <summary>Interface text: 简体中文 first, then English.</summary>
    public static JsonObject Ui(string zh, string en) => Of((Simplified, zh), (English, en))!;
}
