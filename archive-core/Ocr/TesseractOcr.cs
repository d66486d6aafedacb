using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace QyHeritage.Archive.Ocr;

/// <summary>
/// Recognises one page image with tesseract: red channel and rule removal, our own layout analysis (tiers, columns,
/// double-line notes) in reading order, one tesseract process per model over a montage of the pieces, and character
/// boxes mapped back to the original page's pixels.
/// </summary>
public sealed partial class TesseractOcr(ILogger<TesseractOcr>? logger = null, TesseractOcrOptions? options = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<TesseractOcr>.Instance;
    private readonly TesseractOcrOptions _options = options ?? new TesseractOcrOptions();

    public async Task<OcrPage> RecogniseAsync(string imagePath, OcrProfile profile, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var clock = Stopwatch.StartNew();
        var page = InkImage.Load(imagePath);
        // The shortest ruled line is longer than any stroke or dash of text (a vertical —— is about two characters).
        var rules = RuleRemoval.Remove(page, Math.Max(40, page.Height * 9 / 100));
        SpeckRemoval.Remove(page, minArea: 12, maxHairline: Math.Max(2, page.Height / 1100));
        var layout = PageLayout.Analyse(page, profile, rules);
        if (_options.DebugFolder is { } debugFolder) SaveInk(page, Path.Combine(debugFolder, DebugName(imagePath, "ink")));
        var prepared = clock.Elapsed;
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
                await RecognisePiecesAsync(page, profile, pieces, asColumns: false, profile.HorizontalLanguage, psm: 6, glyphsByPiece, imagePath, ct).ConfigureAwait(false);
        }
        else
        {
            var verticalPieces = layout.Where(l => l.Vertical).SelectMany(l => l.Pieces).ToList();
            var horizontalPieces = layout.Where(l => !l.Vertical).SelectMany(l => l.Pieces).ToList();
            if (verticalPieces.Count > 0)
                await RecognisePiecesAsync(page, profile, verticalPieces, asColumns: true, profile.Language, psm: 5, glyphsByPiece, imagePath, ct).ConfigureAwait(false);
            if (horizontalPieces.Count > 0)
                await RecognisePiecesAsync(page, profile, horizontalPieces, asColumns: false, profile.HorizontalLanguage, psm: 6, glyphsByPiece, imagePath, ct).ConfigureAwait(false);
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
        var result = new OcrPage(page.Width, page.Height, lines);
        LogPage(imagePath, profile.Language, layout.Count, result.Lines.Sum(l => l.Glyphs.Count), prepared.TotalMilliseconds, clock.Elapsed.TotalMilliseconds);
        return result;
    }

    private async Task RecognisePiecesAsync(InkImage page, OcrProfile profile, List<LayoutPiece> pieces, bool asColumns, string language, int psm,
        Dictionary<LayoutPiece, List<List<OcrGlyph>>> glyphsByPiece, string imagePath, CancellationToken ct)
    {
        var montage = Montage.Build(page, pieces, asColumns, _options.TargetCharSize, turnPunctuation: !profile.HasSmallNotes);
        var file = Path.Combine(Path.GetTempPath(), $"qy-ocr-{Guid.NewGuid():N}.tif");
        try
        {
            montage.Save(file);
            if (_options.DebugFolder is { } debug)
            {
                Directory.CreateDirectory(debug);
                File.Copy(file, Path.Combine(debug, DebugName(imagePath, asColumns ? "v" : "h")), overwrite: true);
            }
            var hocr = await TesseractProcess.RunHocrAsync(_options.Executable, file, language, psm, _options.Timeout, ct).ConfigureAwait(false);
            var doc = HocrDocument.Load(hocr);
            foreach (var tLine in doc.Pages.SelectMany(p => p.Lines))
            {
                // Words of one tesseract line can fall into different pieces when it ran two slots together.
                var perPiece = new Dictionary<LayoutPiece, List<OcrGlyph>>(ReferenceEqualityComparer.Instance);
                foreach (var word in tLine.Words)
                {
                    var split = word.GlyphsOrSplit(asColumns, trustCharBoxes: !asColumns).ToList();
                    foreach (var g in split)
                    {
                        var placement = Locate(montage, g.Box);
                        if (placement is null) continue;
                        // A character cell's own box is better than tesseract's LSTM character box, which is only approximate.
                        var pageBox = !asColumns && placement.Piece.Vertical ? placement.Source : placement.ToPage(g.Box, page.Width, page.Height);
                        if (!perPiece.TryGetValue(placement.Piece, out var list)) perPiece[placement.Piece] = list = [];
                        var text = !asColumns && placement.Piece.Vertical ? CellCorrections.Apply(g.Text, placement.Source, placement.Rotated) : g.Text;
                        list.Add(g with { Text = text, Box = pageBox });
                    }
                }
                foreach (var (piece, list) in perPiece)
                {
                    if (!glyphsByPiece.TryGetValue(piece, out var lines)) glyphsByPiece[piece] = lines = [];
                    lines.Add(list);
                }
            }
            if (asColumns)
            {
                // Within one column piece the characters run top to bottom, whatever lines tesseract made of it.
                // (A column read as a line of cells keeps tesseract's order: its character boxes are too rough to sort.)
                foreach (var piece in pieces.Where(p => p.Vertical))
                {
                    if (!glyphsByPiece.TryGetValue(piece, out var lines)) continue;
                    var ordered = lines.SelectMany(l => l).OrderBy(g => g.Box.Y + g.Box.H / 2.0).ToList();
                    glyphsByPiece[piece] = [ordered];
                }
            }
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

    private static Placement? Locate(Montage montage, Box b)
    {
        double cx = b.X + b.W / 2.0, cy = b.Y + b.H / 2.0;
        Placement? best = null;
        var bestDistance = double.MaxValue;
        foreach (var p in montage.Placements)
        {
            var t = p.Target;
            var dx = Math.Max(0, Math.Max(t.X - cx, cx - t.Right));
            var dy = Math.Max(0, Math.Max(t.Y - cy, cy - t.Bottom));
            var d = dx * dx + dy * dy;
            if (d < bestDistance) { bestDistance = d; best = p; }
        }
        // A glyph far from every slot is noise tesseract found on blank paper.
        return bestDistance <= 40 * 40 ? best : null;
    }

    [LoggerMessage(Level = LogLevel.Trace, Message = "Layout line {Index}: {Box} vertical {Vertical}, pieces {Pieces}")]
    private partial void LogLayoutLine(int index, Box box, bool vertical, string pieces);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OCR {ImagePath} with {Language}: {LineCount} layout lines, {GlyphCount} characters; layout {PrepareMs:0} ms, total {TotalMs:0} ms")]
    private partial void LogPage(string imagePath, string language, int lineCount, int glyphCount, double prepareMs, double totalMs);
}
