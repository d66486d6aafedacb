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

        var folded = CompatibilityForm(element);
        var rune = Rune.GetRuneAt(folded, 0);
        var value = Rune.IsLetter(rune) && rune.Value < 0x2E80 ? Rune.ToLowerInvariant(rune).Value : rune.Value;
        return Variants.TryGetValue(value, out var canonical) ? canonical : value;
    }

    /// <summary>True for punctuation marks and symbols (but not the placeholder 〓), in any width or orientation.</summary>
    public static bool IsPunctuation(string element)
    {
        if (string.IsNullOrEmpty(element) || element == "〓") return false;
        var folded = CompatibilityForm(element);
        var category = Rune.GetUnicodeCategory(Rune.GetRuneAt(folded, 0));
        return category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol
            or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
            or UnicodeCategory.OtherSymbol;
    }

    /// <summary>
    /// The element's NFKC form. A lone character that has no compatibility or canonical decomposition and composes with
    /// nothing before it is its own form: the Han ideographs of the unified blocks (not the compatibility ideographs
    /// U+F900–U+FAFF, nor the radicals U+2F00–U+2FDF, which NFKC maps) and ASCII. Those are nearly every character of a
    /// classical page, and NFKC through ICU cost about a tenth of a rebuild's indexing time, called for each character.
    /// </summary>
    private static string CompatibilityForm(string element) =>
        element.Length == 1 && element[0] is < '\u00A0' or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')
            ? element
            : element.Normalize(NormalizationForm.FormKC);

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
