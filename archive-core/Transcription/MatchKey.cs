using System.Globalization;
using System.Text;

namespace QyHeritage.Archive.Transcription;

/// <summary>
/// Folds a character to the key alignment compares, so that differences the OCR cannot or need not
/// see do not count as mismatches: width and vertical presentation forms, letter case, punctuation
/// (all marks are one key: the OCR confuses them with each other far more often than with characters),
/// and a few variant forms (異體字) the OCR models output for the transcription's character.
/// </summary>
public static class MatchKey
{
    /// <summary>The key of every punctuation mark and symbol.</summary>
    public const int Punctuation = -1;

    /// <summary>The key of the placeholder 〓: it equals no OCR output, because the drawn character is unknown.</summary>
    public const int Placeholder = -2;

    /// <summary>The key of empty or blank text.</summary>
    public const int Blank = -3;

    // Variant pairs seen between the sample transcriptions and tesseract's chi_tra models, folded to
    // the first form. Only pairs where the two forms are the same word in this material belong here.
    private static readonly Dictionary<int, int> Variants = BuildVariants(
        "黄黃", "爲為", "髙高", "逺遠", "㑹會", "徳德", "歩步", "卽即", "鼔鼓", "増增", "衞衛", "横橫",
        "虚虛", "録錄", "敎教", "旣既", "淸清", "靑青", "眞真", "産產", "説說", "冲沖", "峯峰", "厯歷",
        "竝並", "囘回", "畱留", "絶絕", "僊仙", "煙烟", "着著", "裏裡", "衆眾", "𨽻隸");

    /// <summary>The match key of one character (one text element).</summary>
    public static int Of(string element)
    {
        if (string.IsNullOrWhiteSpace(element)) return Blank;
        if (element == "〓") return Placeholder;
        if (IsPunctuation(element)) return Punctuation;

        var folded = element.Normalize(NormalizationForm.FormKC);
        var rune = Rune.GetRuneAt(folded, 0);
        var value = Rune.IsLetter(rune) && rune.Value < 0x2E80 ? Rune.ToLowerInvariant(rune).Value : rune.Value;
        return Variants.TryGetValue(value, out var canonical) ? canonical : value;
    }

    /// <summary>True for punctuation marks and symbols (but not the placeholder 〓), in any width or orientation.</summary>
    public static bool IsPunctuation(string element)
    {
        if (string.IsNullOrEmpty(element) || element == "〓") return false;
        var folded = element.Normalize(NormalizationForm.FormKC);
        var category = Rune.GetUnicodeCategory(Rune.GetRuneAt(folded, 0));
        return category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol
            or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
            or UnicodeCategory.OtherSymbol;
    }

    private static Dictionary<int, int> BuildVariants(params string[] pairs)
    {
        var map = new Dictionary<int, int>();
        foreach (var pair in pairs)
        {
            var runes = pair.EnumerateRunes().ToArray();
            map[runes[1].Value] = runes[0].Value;
        }
        return map;
    }
}
