namespace QyHeritage.Archive.Ocr;

/// <summary>Settings of <see cref="TesseractOcr"/>; the defaults are what the sample collection was measured with.</summary>
public sealed record TesseractOcrOptions
{
    /// <summary>Longest one tesseract run may take before it is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How much a double-line note's narrow sub-column is enlarged before recognition.</summary>
    public double SmallNoteScale { get; init; } = 1.0;

    /// <summary>Where the cleaned montages sent to tesseract are kept for inspection (null: not kept).</summary>
    public string? DebugFolder { get; init; }
}
