using QyHeritage.Archive.Domain;

namespace QyHeritage.Recognition;

/// <summary>
/// How a page is recognised: the tesseract model and what the page layout looks like.
/// </summary>
/// <param name="Language">tesseract model name (chi_tra_vert, chi_tra, chi_sim, chi_sim_vert).</param>
/// <param name="Layout">How the text runs on the page.</param>
/// <param name="HasColumnRules">The page has ruled columns/frames (朱絲欄) that must be removed before OCR.</param>
/// <param name="IsMultiTierNewspaper">The page has horizontal tiers of vertical columns, a masthead and headlines.</param>
/// <param name="HasSmallNotes">Columns may hold double-line small notes (雙行小注) read right sub-column first.</param>
/// <param name="StandardForms">The page is set in modern type, whose traditional characters are the standard set (Big5: 內 黃 沒),
/// not the forms of a Qing print (内 黄 没); see <see cref="SimplifiedForms.ModernType"/>.</param>
public sealed record OcrProfile(string Language, TextLayout Layout, bool HasColumnRules, bool IsMultiTierNewspaper, bool HasSmallNotes = false, bool StandardForms = false)
{
    /// <summary>The horizontal model of the same script, for mastheads, folio numbers and other horizontal lines on vertical pages.</summary>
    public string HorizontalLanguage => Language.EndsWith("_vert", StringComparison.Ordinal) ? Language[..^"_vert".Length] : Language;

    public bool IsVertical => Layout == TextLayout.VerticalRightToLeft;

    /// <summary>
    /// Chooses the profile from the catalogue: vertical text needs a _vert model (the horizontal models read
    /// columns as garbage), and only classical books carry ruled columns and double-line notes.
    /// </summary>
    public static OcrProfile For(CollectionKind collection, Script script, TextLayout layout)
    {
        var vertical = layout == TextLayout.VerticalRightToLeft;
        var language = (script, vertical) switch
        {
            (Script.Simplified, true) => "chi_sim_vert",
            (Script.Simplified, false) => "chi_sim",
            (_, true) => "chi_tra_vert",
            _ => "chi_tra",
        };
        // Classical texts (rare books, and the gazetteer extracts kept as local history) are written on ruled paper with notes.
        var classical = vertical && (collection == CollectionKind.RareBook || (collection == CollectionKind.LocalHistory && script == Script.Traditional));
        var newspaper = collection == CollectionKind.Newspaper && vertical;
        // Republic-era documents and newspapers are set in modern type (a newspaper's reprinted gazetteer extract too).
        var modernType = collection is CollectionKind.RepublicanDoc or CollectionKind.Newspaper;
        return new OcrProfile(language, layout, HasColumnRules: classical || newspaper, IsMultiTierNewspaper: newspaper, HasSmallNotes: classical,
            StandardForms: modernType);
    }
}
