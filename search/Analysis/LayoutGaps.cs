using System.Globalization;
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

    /// <summary><see cref="IsGapChar(string)"/> of one character (a Unicode scalar value).</summary>
    public static bool IsGapChar(int c) => c is ' ' or '\u3000' or '〔' or '〕';

    public static string Bridged(string text)
    {
        // Per character (a rune): where it starts in the text and what it is; no string per character.
        var starts = System.Buffers.ArrayPool<int>.Shared.Rent(text.Length + 1);
        var kinds = System.Buffers.ArrayPool<byte>.Shared.Rent(text.Length);
        try
        {
            var n = 0;
            for (var at = 0; at < text.Length;)
            {
                Rune.DecodeFromUtf16(text.AsSpan(at), out var r, out var width);
                starts[n] = at;
                kinds[n++] = IsGapChar(r.Value) ? Gap : Rune.GetUnicodeCategory(r) == UnicodeCategory.OtherLetter ? Han : Other;
                at += width;
            }
            starts[n] = text.Length;
            StringBuilder? sb = null;
            for (var i = 0; i < n; i++)
            {
                if (kinds[i] != Gap || i == 0 || kinds[i - 1] != Han) continue;
                var j = i;
                while (j < n && j - i < MaxGap && kinds[j] == Gap) j++;
                if (j >= n || kinds[j] != Han) { i = j; continue; }
                var left = i;
                while (left > 0 && i - left < Reach && kinds[left - 1] == Han) left--;
                var right = j;
                while (right < n && right - j < Reach && kinds[right] == Han) right++;
                sb ??= new StringBuilder();
                if (sb.Length > 0) sb.Append('\n');
                sb.Append(text, starts[left], starts[i] - starts[left]).Append(text, starts[j], starts[right] - starts[j]);
                i = j - 1;
            }
            return sb?.ToString() ?? "";
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(starts);
            System.Buffers.ArrayPool<byte>.Shared.Return(kinds);
        }
    }

    private const byte Other = 0, Han = 1, Gap = 2;
}
