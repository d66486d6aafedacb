using System.Collections;
using System.Text.Json.Serialization;
using QyHeritage.Iiif.Presentation.Model.Json;

namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// A language map (https://iiif.io/api/presentation/3.0/#44-language-of-property-values): from a BCP 47
/// tag, or <c>none</c>, to one or more strings. Languages keep the order they were added or read in, so a
/// map written back is the map that was read. Blank strings are left out by <see cref="Of"/>, and a map
/// with nothing in it is null, so no empty map is ever sent.
/// </summary>
[JsonConverter(typeof(LanguageMapConverter))]
public sealed class LanguageMap : IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>>
{
    public const string Traditional = "zh-Hant";
    public const string Simplified = "zh-Hans";
    public const string English = "en";
    /// <summary>Values in no language: identifiers, page numbers, years.</summary>
    public const string None = "none";

    private readonly List<KeyValuePair<string, IReadOnlyList<string>>> _entries;

    public LanguageMap(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> entries) => _entries = entries.ToList();

    /// <summary>The map of the non-blank values, several of one language kept together in order; null when none is left.</summary>
    public static LanguageMap? Of(params (string Language, string? Value)[] values)
    {
        var map = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var (language, value) in values)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            var at = map.FindIndex(e => e.Key == language);
            if (at < 0) map.Add(new(language, [value.Trim()]));
            else map[at] = new(language, [.. map[at].Value, value.Trim()]);
        }
        return map.Count == 0 ? null : new LanguageMap(map);
    }

    /// <summary>Interface text: 简体中文 first, then English.</summary>
    public static LanguageMap Ui(string zh, string en) => Of((Simplified, zh), (English, en))!;

    /// <summary>The strings of one language, or an empty list.</summary>
    public IReadOnlyList<string> this[string language] => _entries.FirstOrDefault(e => e.Key == language).Value ?? [];

    public IEnumerable<string> Languages => _entries.Select(e => e.Key);

    public int Count => _entries.Count;

    public KeyValuePair<string, IReadOnlyList<string>> this[int index] => _entries[index];

    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
