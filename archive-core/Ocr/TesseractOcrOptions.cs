namespace QyHeritage.Archive.Ocr;

/// <summary>Settings of <see cref="TesseractOcr"/>; the defaults are what the sample collection was measured with.</summary>
public sealed record TesseractOcrOptions
{
    /// <summary>The tesseract command (a name on PATH or a full path).</summary>
    public string Executable { get; init; } = "tesseract";

    /// <summary>Longest one tesseract run may take before it is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Size in pixels that characters are scaled to before recognition (0: keep the page's size).</summary>
    public double TargetCharSize { get; init; } = 36;

    /// <summary>
    /// Read vertical columns as horizontal lines of their character cells with the horizontal model, instead of as
    /// columns with the _vert model.
    /// </summary>
    public bool VerticalAsLines { get; init; } = true;

    /// <summary>
    /// Character size of a second reading of every character cell (0: none). Each cell keeps the reading with the
    /// higher mean confidence; costs a second tesseract run per page.
    /// </summary>
    public double SecondOpinionCharSize { get; init; }

    /// <summary>
    /// A band of ink that starts in this bottom fraction of the page is not read: the sample collection prints a
    /// provenance line in the bottom 3.5 % of every image. Set 0 for real scans.
    /// </summary>
    public double IgnoredBottomFraction { get; init; } = 0.035;

    /// <summary>Thicken strokes by a pixel after scaling, before recognition.</summary>
    public bool ThickenStrokes { get; init; } = true;

    /// <summary>Where the cleaned montages sent to tesseract are kept for inspection (null: not kept).</summary>
    public string? DebugFolder { get; init; }
}
