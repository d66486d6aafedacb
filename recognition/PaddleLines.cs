using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Reads the columns of a montage (each a horizontal line of its character cells, as tesseract gets them) with
/// <see cref="PaddleRecogniser"/>, and puts every character back in the cell it was read from: the model's time steps
/// give an x position along the line, the montage says which cell was drawn there.
/// </summary>
internal static class PaddleLines
{
    /// <summary>The characters of every vertical piece of the montage, in cell order, each with its cell's page box.</summary>
    /// <param name="next">When given, filled with each character's next most probable readings (<see cref="LineChar.Next"/>, four).</param>
    public static Dictionary<LayoutPiece, List<OcrGlyph>> Read(PaddleRecogniser recogniser, Montage montage, CancellationToken ct,
        Dictionary<OcrGlyph, IReadOnlyList<(string Text, float P)>>? next = null)
    {
        var result = new Dictionary<LayoutPiece, List<OcrGlyph>>(ReferenceEqualityComparer.Instance);
        foreach (var group in montage.Placements.Where(p => p.Piece.Vertical).GroupBy<Placement, LayoutPiece>(p => p.Piece, ReferenceEqualityComparer.Instance))
        {
            ct.ThrowIfCancellationRequested();
            var cells = group.ToList();
            var line = Box.Union(cells.Select(c => c.Target));
            // Some white around the line, as the model saw in training (text lines cut loosely by the detector).
            var pad = Math.Max(4, line.H / 6);
            var crop = new Box(Math.Max(0, line.X - pad), Math.Max(0, line.Y - pad), 0, 0);
            crop = crop with { W = Math.Min(montage.Width, line.Right + pad) - crop.X, H = Math.Min(montage.Height, line.Bottom + pad) - crop.Y };
            var pixels = Crop(montage.Pixels, montage.Width, crop);
            var glyphs = new List<OcrGlyph>();
            foreach (var c in recogniser.Read(pixels, crop.W, crop.H, next: next is null ? 0 : 4))
            {
                var cell = Nearest(cells, crop.X + c.CentreX);
                var text = CellCorrections.Apply(c.Text, cell.Source, cell.Rotated, cell.Piece.Box.W);
                var glyph = new OcrGlyph(text, cell.Source, c.Confidence);
                glyphs.Add(glyph);
                if (next is not null) next[glyph] = c.Next;
            }
            // Small type's blank cells read again, lightened, in a window of cells around each (LightenedReading).
            result[group.Key] = group.Key.SmallType ? LightenedReading.Reconsider(recogniser, montage, cells, glyphs, next) : glyphs;
        }
        return result;
    }

    /// <summary>
    /// The characters of every horizontal piece of the montage, left to right, each with a box on the page: PP-OCR reads
    /// a line as it was trained to, and a character's time steps give where it lies along the line. Its box spans from
    /// midway to the character before to midway to the one after (no wider than the line is high), the line's height.
    /// </summary>
    /// <param name="next">Filled with each character's next most probable readings (<see cref="LineChar.Next"/>, four).</param>
    public static Dictionary<LayoutPiece, List<OcrGlyph>> ReadHorizontal(PaddleRecogniser recogniser, Montage montage, int pageWidth, int pageHeight, CancellationToken ct,
        Dictionary<OcrGlyph, IReadOnlyList<(string Text, float P)>> next)
    {
        var result = new Dictionary<LayoutPiece, List<OcrGlyph>>(ReferenceEqualityComparer.Instance);
        foreach (var placement in montage.Placements.Where(p => !p.Piece.Vertical))
        {
            ct.ThrowIfCancellationRequested();
            var line = placement.Target;
            var pad = Math.Max(4, line.H / 6);
            var crop = new Box(Math.Max(0, line.X - pad), Math.Max(0, line.Y - pad), 0, 0);
            crop = crop with { W = Math.Min(montage.Width, line.Right + pad) - crop.X, H = Math.Min(montage.Height, line.Bottom + pad) - crop.Y };
            var read = recogniser.Read(Crop(montage.Pixels, montage.Width, crop), crop.W, crop.H, next: 4);
            var glyphs = new List<OcrGlyph>(read.Count);
            for (var i = 0; i < read.Count; i++)
            {
                var centre = crop.X + read[i].CentreX;
                var left = i > 0 ? (crop.X + read[i - 1].CentreX + centre) / 2 : line.X;
                var right = i + 1 < read.Count ? (centre + crop.X + read[i + 1].CentreX) / 2 : line.Right;
                left = Math.Max(left, centre - line.H / 2.0);
                right = Math.Min(right, centre + line.H / 2.0);
                var box = placement.ToPage(new Box((int)Math.Floor(left), line.Y, Math.Max(1, (int)Math.Ceiling(right - left)), line.H), pageWidth, pageHeight);
                var glyph = new OcrGlyph(read[i].Text, box, read[i].Confidence);
                glyphs.Add(glyph);
                next[glyph] = read[i].Next;
            }
            result[placement.Piece] = glyphs;
        }
        return result;
    }

    /// <summary>The cell whose slot holds x, or the nearest one (a step can fall in the gap between two cells).</summary>
    internal static Placement Nearest(IReadOnlyList<Placement> cells, double x)
    {
        var best = cells[0];
        var bestDistance = double.MaxValue;
        foreach (var c in cells)
        {
            var d = Math.Max(0, Math.Max(c.Target.X - x, x - c.Target.Right));
            if (d < bestDistance) { bestDistance = d; best = c; }
        }
        return best;
    }

    private static byte[] Crop(byte[] src, int srcWidth, Box b)
    {
        var dst = new byte[b.W * b.H];
        for (var y = 0; y < b.H; y++) Array.Copy(src, (b.Y + y) * srcWidth + b.X, dst, y * b.W, b.W);
        return dst;
    }
}
