using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// What the cell bench (bench/ocr/OcrBench <c>--cells</c>) is told of a page of cells PP-OCR read
/// (<see cref="TesseractOcr.CellsRead"/>): the cleaned page, every cell, PP-OCR's reading of them and its next choices in
/// each, and tesseract's reading of the same cells in its montage.
/// </summary>
internal sealed record CellReadings(InkImage Page, IReadOnlyList<Box> Cells, IReadOnlyList<OcrGlyph> Paddle,
    IReadOnlyDictionary<Box, IReadOnlyList<(string Text, float P)>> PaddleNext, IReadOnlyList<OcrGlyph> Tesseract);

/// <summary>The cell bench's re-reading of cells picked from a page; no part of reading a page.</summary>
internal static class CellProbe
{
    /// <summary>
    /// Reads the given cells of a page with tesseract, each line of cells a line of a montage
    /// (<see cref="Montage.OfCells"/>), in as few processes as tesseract takes images: per line, per cell, the
    /// characters tesseract read in it.
    /// </summary>
    public static async Task<List<(int Line, int Cell, OcrGlyph Glyph)>> ReadCellsAsync(this TesseractOcr ocr, InkImage page, IReadOnlyList<IReadOnlyList<Box>> lines,
        string language, double charSize, CancellationToken ct)
    {
        // tesseract refuses an image over 32767 pixels high: a montage takes as many lines as fit in 30000.
        var perMontage = Math.Max(1, (int)(30000 / (charSize * 2.3)));
        var result = new List<(int Line, int Cell, OcrGlyph Glyph)>();
        for (var start = 0; start < lines.Count; start += perMontage)
        {
            var chunk = lines.Skip(start).Take(perMontage).ToList();
            var montage = Montage.OfCells(page, chunk, charSize, ocr.Options.ThickenStrokes);
            var where = new List<(int Line, int Cell)>();
            for (var l = 0; l < chunk.Count; l++)
                for (var c = 0; c < chunk[l].Count; c++) where.Add((start + l, c));
            var read = await ocr.ReadMontageAsync(page, montage, asColumns: false, language, psm: 6, "cells.tif", ct).ConfigureAwait(false);
            result.AddRange(read.Select(r => (where[r.Placement].Line, where[r.Placement].Cell, r.Glyph)));
        }
        return result;
    }
}
