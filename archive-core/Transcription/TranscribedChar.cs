namespace QyHeritage.Archive.Transcription;

/// <summary>
/// One character of a transcription with its place in the printed line.
/// </summary>
/// <param name="Text">The character as transcribed (one text element: a surrogate pair stays one character).</param>
/// <param name="Flags">Note, placeholder, punctuation or blank-cell flags.</param>
/// <param name="Side">Which sub-line of a small note it is drawn in, or <see cref="NoteSide.None"/>.</param>
/// <param name="LineIndex">Index of its line in <see cref="Transcription.Lines"/>.</param>
/// <param name="Cell">
/// Where the character starts along the line, in character cells from the line's start. The two
/// sub-lines of a small note share cells, so this is a position on the page, not an index in the text.
/// </param>
/// <param name="Advance">How many cells it takes along the line: 1, or 0.5 for half-width Latin letters and digits.</param>
public sealed record TranscribedChar(
    string Text,
    TranscribedCharFlags Flags,
    NoteSide Side,
    int LineIndex,
    double Cell,
    double Advance)
{
    /// <summary>True for indentation and inner spaces: they hold a cell but have no ink and get no box.</summary>
    public bool IsBlank => (Flags & (TranscribedCharFlags.Indent | TranscribedCharFlags.Space)) != 0;

    /// <summary>True when the character is part of a small note.</summary>
    public bool IsSmallNote => (Flags & TranscribedCharFlags.SmallNote) != 0;

    /// <summary>The middle of the character along the line, in cells.</summary>
    public double MidCell => Cell + Advance / 2;
}
