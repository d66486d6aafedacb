using System.Text;

namespace QyHeritage.Search.Analysis;

/// <summary>
/// A blank left in a printed column (an honorific gap, a byline 「蘇 軾」) or a note bracket 〔 〕 is layout, not a word
/// break, for a researcher. <see cref="Bridged"/> gives, for each such gap between two Han characters, the Han text around
/// it joined without the gap (up to <see cref="Reach"/> characters on each side, one gap per window), the windows
/// separated by line breaks: indexed as <see cref="Indexing.SearchFields.TextGaps"/>, a phrase over them finds a string
/// printed across one gap.
/// </summary>
public static class LayoutGaps
{
    /// <summary>How many characters each side of a gap a window holds: strings up to this long are found across a gap at any point.</summary>
    public const int Reach = 8;

    /// <summary>The longest run of blanks and note brackets read as one gap.</summary>
    public const int MaxGap = 3;

    /// <summary>A blank or a note bracket: what a gap is made of (a line break is not: it separates articles).</summary>
    public static bool IsGapChar(string c) => c is " " or "\u3000" or "〔" or "〕";

    public static string Bridged(string text)
    {
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        var sb = new StringBuilder();
        for (var i = 0; i < runes.Count; i++)
        {
            if (!IsGapChar(runes[i]) || i == 0 || !ContainsQueryBuilder.IsHan(runes[i - 1])) continue;
            var j = i;
            while (j < runes.Count && j - i < MaxGap && IsGapChar(runes[j])) j++;
            if (j >= runes.Count || !ContainsQueryBuilder.IsHan(runes[j])) { i = j; continue; }
            var left = i;
            while (left > 0 && i - left < Reach && ContainsQueryBuilder.IsHan(runes[left - 1])) left--;
            var right = j;
            while (right < runes.Count && right - j < Reach && ContainsQueryBuilder.IsHan(runes[right])) right++;
            if (sb.Length > 0) sb.Append('\n');
            for (var k = left; k < i; k++) sb.Append(runes[k]);
            for (var k = j; k < right; k++) sb.Append(runes[k]);
            i = j - 1;
        }
        return sb.ToString();
    }
}
