namespace QyHeritage.Recognition;

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

    /// <summary>Who reads the character cells of vertical columns: tesseract, PP-OCR, or both with a choice per cell.</summary>
    public CellReader Reader { get; init; } = CellReader.Glyphs;

    /// <summary>The PP-OCR recognition model and key list (null: QY_OCR_MODELS or tools/ocr-models, see <see cref="PaddleModelFiles.Find"/>).</summary>
    public PaddleModelFiles? PaddleModels { get; init; }

    /// <summary>Character size of the montage PP-OCR reads; its lines are then scaled to the model's 48 px height.</summary>
    public double PaddleCharSize { get; init; } = 40;

    /// <summary>Thicken strokes in PP-OCR's montage too (tesseract's fast model wants it; PP-OCR was trained on real print).</summary>
    public bool PaddleThickenStrokes { get; init; }

    /// <summary>How much more confident PP-OCR must be than tesseract to replace its reading of a cell (<see cref="CellVote"/>).</summary>
    public double PaddleMargin { get; init; }

    /// <summary>A character only PP-OCR read (tesseract has none there) is added when its confidence reaches this.</summary>
    public double PaddleAddAbove { get; init; } = 0.9;

    /// <summary>How much better the best glyph template must match than every model's reading to name another character.</summary>
    public double GlyphOverrideMargin { get; init; } = 0.05;

    /// <summary>How much better one reading's glyph template must match than the other's to settle a disagreement.</summary>
    public double GlyphPreferMargin { get; init; } = 0.02;

    /// <summary>
    /// The glyph templates vote on a page only when the cells both models read surely match their templates at least this
    /// well on average (normalised cross-correlation): otherwise the page's type is not like the installed fonts.
    /// </summary>
    public double GlyphMinFit { get; init; } = 0.8;

    /// <summary>The glyph template styles a page may be judged with ("kai", "ming"; null: all, see <see cref="GlyphStyle.Defaults"/>).</summary>
    public IReadOnlyList<string>? GlyphStyles { get; init; }

    /// <summary>Where both models agree, the glyph templates are asked only when a confidence is below this.</summary>
    public double GlyphUnsureBelow { get; init; } = 0.9;

    /// <summary>
    /// Where PP-OCR reads a traditional page alone, its next choices in each cell are weighed with the character prior of
    /// the library's traditional texts (<see cref="CharacterPrior"/>).
    /// </summary>
    public bool PaddlePrior { get; init; } = true;
}
