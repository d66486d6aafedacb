namespace QyHeritage.Archive.Ocr;

/// <summary>
/// What the page's script says about a character PP-OCR read. PP-OCR's key list mixes both scripts (mostly simplified);
/// on a traditional page, a simplified form (峡 for 峽) is likely a misreading, and a character tesseract's traditional
/// model lacks altogether (湟, 庾) is one tesseract could only have got wrong.
/// </summary>
internal sealed class ScriptPrior(IReadOnlySet<string> tesseractKnows, IReadOnlySet<string> simplifiedOnly, double penalty, double bonus)
{
    /// <summary>No adjustment: simplified pages, or no tesseract model to compare with.</summary>
    public static ScriptPrior None { get; } = new(new HashSet<string>(), new HashSet<string>(), 0, 0);

    public double Adjust(string text, double confidence)
    {
        // Without tesseract's character set there is nothing to compare with.
        if (tesseractKnows.Count == 0 || tesseractKnows.Contains(text) || text.Length == 0 || !char.IsLetter(text, 0)) return confidence;
        return simplifiedOnly.Contains(text) ? confidence - penalty : confidence + bonus;
    }
}
