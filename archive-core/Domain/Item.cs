namespace QyHeritage.Archive.Domain;

/// <summary>How the text runs on the page; decides the OCR model and the viewer's reading direction.</summary>
public enum TextLayout
{
    /// <summary>Columns top to bottom, read right to left (classical books, Republic-era print).</summary>
    VerticalRightToLeft,
    /// <summary>Lines left to right, top to bottom (modern print).</summary>
    Horizontal,
}

/// <summary>Which Chinese character set the text is in.</summary>
public enum Script
{
    Traditional,
    Simplified,
}

/// <summary>
/// One catalogued object of the collection: a juan of a gazetteer, an essay, a newspaper issue.
/// The identifier (e.g. QY-RB-001) is stable and is the OCFL object id.
/// </summary>
public sealed record Item
{
    public required string Id { get; init; }
    public required CollectionKind Collection { get; init; }
    public required string TitleZh { get; init; }
    public string TitleEn { get; init; } = "";
    public string Creator { get; init; } = "";
    public ItemDate Date { get; init; } = ItemDate.Unknown;
    public string Place { get; init; } = "";
    /// <summary>Language and script as the cataloguer wrote it.</summary>
    public string LanguageScript { get; init; } = "";
    public Script Script { get; init; }
    public TextLayout Layout { get; init; }
    public string Rights { get; init; } = "";
    /// <summary>Where the text and images come from (provenance).</summary>
    public string Source { get; init; } = "";
    /// <summary>How the page images were made (scan, rendered from transcription).</summary>
    public string ImageOrigin { get; init; } = "";
    public string Description { get; init; } = "";
    public IReadOnlyList<Page> Pages { get; init; } = [];

    /// <summary>Item identifiers: letters, digits and '-', 1–64 characters, so they are safe in keys and URLs.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && char.IsAsciiLetterOrDigit(id[0]);

    /// <summary>Infers script and layout from the cataloguer's description ("traditional characters, vertical").</summary>
    public static (Script Script, TextLayout Layout) InferScriptAndLayout(string languageScript)
    {
        var s = languageScript.ToLowerInvariant();
        var script = s.Contains("simplified") && !s.Contains("traditional characters") ? Script.Simplified : Script.Traditional;
        if (s.Contains("simplified characters")) script = Script.Simplified;
        var layout = s.Contains("vertical") ? TextLayout.VerticalRightToLeft : TextLayout.Horizontal;
        return (script, layout);
    }
}

/// <summary>
/// One page (image and/or text) of an item. Paths are logical paths inside the item's OCFL object
/// (master/p001.jpg, ocr/p001.hocr, text/p001.txt, text/p001.hocr), derivative a blob key outside OCFL.
/// </summary>
public sealed record Page
{
    public required int Order { get; init; }
    public required string Label { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public string? Master { get; init; }
    public string? Derivative { get; init; }
    /// <summary>The raw OCR of the image (hOCR with line and character boxes).</summary>
    public string? Ocr { get; init; }
    /// <summary>The transcription, the text of record where there is one.</summary>
    public string? Transcription { get; init; }
    /// <summary>The transcription aligned to the image: every character with its box (hOCR).</summary>
    public string? TextBoxes { get; init; }
    /// <summary>How far the OCR of the image can be trusted, 0–1 (<see cref="QyHeritage.Archive.Ocr.OcrConfidence"/>); absent without OCR.</summary>
    public double? OcrConfidence { get; init; }
    /// <summary>
    /// The OCR is too weak to stand for the page's text (confidence below <see cref="QyHeritage.Archive.Ocr.OcrConfidence.NeedsTranscriptionBelow"/>):
    /// the page wants a transcription. Its OCR text is searched only as low-confidence text, never in place of a transcription.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool NeedsTranscription { get; init; }

    /// <summary>The page's short name, p001, p002 …: used in file names and IIIF identifiers.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Name => PageName(Order);

    public static string PageName(int order) => $"p{order:D3}";
}
