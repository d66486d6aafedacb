namespace QyHeritage.Archive.Imaging;

/// <summary>Why a master was refused; lets ingest report and count refusals without parsing messages.</summary>
public enum RejectionReason
{
    /// <summary>The file does not exist or cannot be opened.</summary>
    Unreadable,

    /// <summary>The file has zero bytes.</summary>
    Empty,

    /// <summary>The magic bytes are not JPEG, PNG or TIFF, whatever the extension says.</summary>
    UnsupportedFormat,

    /// <summary>The decoder found the file damaged or cut short.</summary>
    Corrupt,

    /// <summary>The header declares more pixels than <see cref="ImagingOptions.MaxPixels"/>.</summary>
    TooManyPixels,
}
