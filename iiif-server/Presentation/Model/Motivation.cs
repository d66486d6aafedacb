namespace QyHeritage.Iiif.Presentation.Model;

/// <summary>
/// Why an Annotation exists (https://iiif.io/api/presentation/3.0/#values-for-motivation). A string in the
/// model, because the W3C list is open; these are the values this project writes.
/// </summary>
public static class Motivation
{
    /// <summary>The content of the Canvas itself (the page image).</summary>
    public const string Painting = "painting";
    /// <summary>Derived from the Canvas's content: a transcription, OCR text.</summary>
    public const string Supplementing = "supplementing";
    public const string Highlighting = "highlighting";
    public const string Commenting = "commenting";
}
