namespace QyHeritage.Archive.Transcription;

/// <summary>Which half of a line a small-note character is drawn in.</summary>
public enum NoteSide
{
    /// <summary>Main text: the character takes the full width of the line.</summary>
    None,

    /// <summary>
    /// The first sub-line of a double-line note, read first: the right half of a vertical column,
    /// the upper half of a horizontal line.
    /// </summary>
    First,

    /// <summary>The second sub-line, read after the whole first one: the left half of a column, the lower half of a line.</summary>
    Second,
}
