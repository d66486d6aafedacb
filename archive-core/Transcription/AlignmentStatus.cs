namespace QyHeritage.Archive.Transcription;

/// <summary>How an aligned character got its box, from most to least trustworthy.</summary>
public enum AlignmentStatus
{
    /// <summary>The OCR read the same character here: the box is the OCR glyph's box.</summary>
    Confirmed,

    /// <summary>The OCR read a different character in this place: the box is that glyph's box, the text is the transcription's.</summary>
    Substituted,

    /// <summary>No usable OCR glyph: the box is interpolated along the line between aligned neighbours.</summary>
    Interpolated,

    /// <summary>Nothing on the whole line was aligned: the line's place is estimated from neighbouring lines.</summary>
    Estimated,
}
