namespace QyHeritage.Archive.Transcription;

/// <summary>What a character of a transcription is, beyond its text.</summary>
[Flags]
public enum TranscribedCharFlags
{
    /// <summary>An ordinary character of the main text.</summary>
    None = 0,

    /// <summary>Part of a double-line small note (雙行小注, written 〔…〕 in the transcription).</summary>
    SmallNote = 1,

    /// <summary>The placeholder 〓 for a character the transcription could not encode; it is still drawn on the page.</summary>
    Placeholder = 2,

    /// <summary>A punctuation mark or other symbol; matched against any OCR punctuation.</summary>
    Punctuation = 4,

    /// <summary>A leading full-width space: indentation, an empty cell at the start of the line, no ink.</summary>
    Indent = 8,

    /// <summary>A space after the first character: an empty cell inside the line, no ink.</summary>
    Space = 16,
}
