using QyHeritage.Archive.Ocr;

namespace QyHeritage.Archive.Transcription;

/// <summary>One transcription line with its characters placed on the page.</summary>
/// <param name="Line">The transcription line.</param>
/// <param name="Box">Union of the characters' boxes (empty for a blank line).</param>
/// <param name="Vertical">True when the line runs top to bottom on the page (a column).</param>
/// <param name="Chars">One entry per inked character of the line, in reading order.</param>
public sealed record AlignedLine(TranscriptionLine Line, Box Box, bool Vertical, IReadOnlyList<AlignedChar> Chars);
