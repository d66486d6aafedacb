using System.Globalization;
using QyHeritage.Archive.Dates;
using QyHeritage.Archive.Domain;
using QyHeritage.Iiif.Presentation.Model;

namespace QyHeritage.Iiif.Presentation;

/// <summary>
/// The bilingual description of an item from its catalogue fields. The catalogue's <c>description</c> is
/// English prose; its Chinese fields (title, creator, date as written, place) are written in the item's own
/// script, so the Chinese summary is made of those, in that script, and the dynasty comes from the date.
/// </summary>
public static class ItemDescription
{
    /// <summary>https://iiif.io/api/presentation/3.0/#summary: the Chinese fields joined, and the English description.</summary>
    public static LanguageMap? Summary(Item item)
    {
        var chinese = new[] { item.TitleZh, item.Creator, item.Date.AsWritten, item.Place }
            .Where(IsChinese)
            .Select(f => f.Trim());
        return LanguageMap.Of((LanguageTags.Chinese(item.Script), string.Join(" · ", chinese)), (LanguageMap.English, item.Description));
    }

    /// <summary>The dynasty or period the item's date falls in (清 / Qing), when the date names a reign era or a Republic year.</summary>
    public static LanguageMap? Period(Item item)
    {
        var dynasty = Dynasty(item);
        if (dynasty is null) return null;
        var name = item.Script == Script.Simplified ? dynasty.Simplified : dynasty.Name;
        return LanguageMap.Of((LanguageTags.Chinese(item.Script), name), (LanguageMap.English, DynastyNames.English(dynasty.Name)));
    }

    /// <summary>https://iiif.io/api/presentation/3.0/#navdate: 1 January of the first year, for years a timeline can hold.</summary>
    public static DateTimeOffset? NavDate(Item item) =>
        item.Date.StartYear is int year and >= 1 and <= 9999 ? new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero) : null;

    private static Dynasty? Dynasty(Item item)
    {
        var date = ChineseDateParser.FindIn(item.Date.AsWritten);
        if (date is null) return null;
        // The era the parser read names its dynasty first (清雍正, 北宋太平興國); a Western year of the Republic has none.
        var named = ReignTable.Dynasties.Where(d => d.Label.Length > 0 && date.Era.StartsWith(d.Label, StringComparison.Ordinal)).MaxBy(d => d.Label.Length);
        if (named is not null) return named;
        return ReignTable.Dynasties.FirstOrDefault(d => d.Main && d.Gregorian && date.StartYear >= d.FirstYear && date.StartYear <= Math.Min(d.LastYear, 1949));
    }

    /// <summary>Mostly Chinese text: more Han characters than Latin letters (the catalogue mixes in English notes).</summary>
    private static bool IsChinese(string field) =>
        !string.IsNullOrWhiteSpace(field) && field.Count(c => c >= '\u3400' && c <= '\u9fff') > field.Count(char.IsAsciiLetter);
}
