using System.Text;

namespace QyHeritage.Recognition;

/// <summary>
/// Character accuracy in reading order: 1 − Levenshtein(ground truth, recognised) / length(ground truth), over Unicode
/// code points after <see cref="Normalise"/>. Can go below 0 when the recognised text is much longer than the truth;
/// it is clamped at 0.
/// </summary>
public static class CharacterAccuracy
{
    public static double Measure(string groundTruth, string recognised)
    {
        var truth = CodePoints(Normalise(groundTruth));
        var ocr = CodePoints(Normalise(recognised));
        if (truth.Length == 0) return ocr.Length == 0 ? 1 : 0;
        return Math.Max(0, 1 - (double)Levenshtein(truth, ocr) / truth.Length);
    }

    /// <summary>
    /// What is compared: layout and typography are dropped, characters are kept.
    /// <list type="bullet">
    /// <item>all whitespace goes, including the full-width indentation spaces (U+3000) and line breaks;</item>
    /// <item>the 〔〕 that the transcriptions put around double-line notes go (they are not printed);</item>
    /// <item>NFKC folds vertical presentation forms (︐ ︒ ﹁ ︵) to their standard punctuation and full-width Latin
    /// letters, digits and punctuation to ASCII (，→, （→( １→1), so that the same mark set either way compares equal;</item>
    /// <item>dash variants (—, ―, ─, ‒, –, －, ︱) become one dash, the ellipsis variants one form, and the middle dots
    /// (· ‧ ・ •) one dot.</item>
    /// </list>
    /// CJK characters are never folded: a variant form (㑹/會) read as the other counts as an error.
    /// </summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune)) continue;
            var c = rune.Value;
            switch (c)
            {
                case '〔' or '〕':
                    continue;
                case 0x2012 or 0x2013 or 0x2014 or 0x2015 or 0x2500 or 0x2501 or '-' or 0xFE31 or 0xFE32:
                    sb.Append('\u2014');
                    continue;
                case 0x22EE or 0x2026:
                    sb.Append("...");
                    continue;
                case 0x00B7 or 0x2027 or 0x30FB or 0x2022 or 0xFF65 or 0x2219:
                    sb.Append('\u00B7');
                    continue;
                default:
                    sb.Append(rune.ToString());
                    continue;
            }
        }
        return sb.ToString();
    }

    private static int[] CodePoints(string s)
    {
        var list = new List<int>(s.Length);
        foreach (var r in s.EnumerateRunes()) list.Add(r.Value);
        return list.ToArray();
    }

    /// <summary>Edit distance with unit costs, two rows of memory.</summary>
    internal static int Levenshtein(int[] a, int[] b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
