using System.Text.RegularExpressions;
using QyHeritage.Archive.Dates;

namespace QyHeritage.Iiif.Presentation.Structure;

/// <summary>
/// What a catalogue title says of a book's structure: 廣東通志 卷四 疆域志·廣州府清遠縣 is the work 廣東通志,
/// its 卷 (juan) 4, and the section 疆域志·廣州府清遠縣; the English title names the section after "j.4".
/// </summary>
public sealed partial record JuanTitle(string Work, string Juan, int Number, string Section, string? SectionEn)
{
    public static JuanTitle? Read(string titleZh, string titleEn)
    {
        var m = Pattern().Match(titleZh.Trim());
        if (!m.Success || !ChineseNumerals.TryParse(m.Groups["n"].Value, out var number)) return null;
        var en = EnglishSection().Match(titleEn);
        return new JuanTitle(m.Groups["work"].Value.Trim(), "卷" + m.Groups["n"].Value, number, m.Groups["section"].Value.Trim(),
            en.Success ? en.Groups["section"].Value.Trim() : null);
    }

    [GeneratedRegex(@"^(?<work>.+?)\s*卷(?<n>[〇零一二三四五六七八九十百千]+)\s*(?<section>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"\bj\.\s*\d+\s+(?<section>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishSection();
}
