namespace QyHeritage.Archive.Transcription;

/// <summary>One line of a transcription: one printed column of a vertical page, one printed line of a horizontal page.</summary>
/// <param name="Index">Index of the line in the file, counting empty lines.</param>
/// <param name="Raw">The line as written in the file, without its line break.</param>
/// <param name="Chars">Every character in reading order, blank cells included.</param>
/// <param name="Indent">Number of leading full-width spaces.</param>
/// <param name="CellCount">How many cells the line takes from its start to its last character.</param>
public sealed record TranscriptionLine(
    int Index,
    string Raw,
    IReadOnlyList<TranscribedChar> Chars,
    int Indent,
    double CellCount)
{
    /// <summary>The characters that have ink (everything but indentation and spaces), in reading order.</summary>
    public IEnumerable<TranscribedChar> InkChars => Chars.Where(c => !c.IsBlank);

    /// <summary>True when nothing is printed on this line (a blank separator line).</summary>
    public bool IsEmpty => !Chars.Any(c => !c.IsBlank);
}
