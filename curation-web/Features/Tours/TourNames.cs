using System.Globalization;
using System.Text;

namespace QyHeritage.Web.Features.Tours;

/// <summary>What pupils type, made safe to keep and show: NFC, no control or format characters, spaces collapsed, length-limited.</summary>
public static class TourNames
{
    public const int AnswerMaxLength = 200;

    /// <summary>The display name to keep, or null when nothing is left or it is too long.</summary>
    public static string? CleanName(string? typed, int maxLength) => Clean(typed, maxLength);

    /// <summary>A short answer as kept (cut at <see cref="AnswerMaxLength"/> characters), or null when empty.</summary>
    public static string? CleanAnswer(string? typed)
    {
        if (typed is null) return null;
        var info = new StringInfo(typed.Length > AnswerMaxLength * 4 ? typed[..(AnswerMaxLength * 4)] : typed);
        return Clean(info.LengthInTextElements > AnswerMaxLength ? info.SubstringByTextElements(0, AnswerMaxLength) : typed, AnswerMaxLength);
    }

    private static string? Clean(string? typed, int maxLength)
    {
        if (typed is null) return null;
        var text = typed.Normalize(NormalizationForm.FormC);
        var b = new StringBuilder(text.Length);
        var space = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsWhiteSpace(rune)) { space = b.Length > 0; continue; }
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned) continue;
            if (space) b.Append(' ');
            space = false;
            b.Append(rune.ToString());
        }
        var clean = b.ToString();
        var length = new StringInfo(clean).LengthInTextElements;
        return length == 0 || length > maxLength ? null : clean;
    }
}
