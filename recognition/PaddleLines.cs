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
    /// <param name="helpWhen">When given, a second thread takes the lines not yet read once this is done (tesseract's
    /// process, which until then has the other core): a line reads the same on either thread, and the lines keep their order.</param>
    public static Dictionary<LayoutPiece, List<OcrGlyph>> Read(PaddleRecogniser recogniser, Montage montage, CancellationToken ct,
        Dictionary<OcrGlyph, IReadOnlyList<(string Text, float P)>>? next = null, Task? helpWhen = null)
    {
        var columns = montage.Placements.Where(p => p.Piece.Vertical).GroupBy<Placement, LayoutPiece>(p => p.Piece, ReferenceEqualityComparer.Instance)
            .Select(g => (Piece: g.Key, Cells: g.ToList())).ToList();
        var read = new List<(OcrGlyph Glyph, IReadOnlyList<(string Text, float P)> Next)>[columns.Count];
        var taken = -1;
        void Work()
        {
            int k;
            while ((k = Interlocked.Increment(ref taken)) < columns.Count)
            {
                ct.ThrowIfCancellationRequested();
                read[k] = ReadColumn(recogniser, montage, columns[k].Cells, next is null ? 0 : 4);
            }
        }
        var helper = helpWhen is not null && Environment.ProcessorCount > 1 && columns.Count > 1
            ? helpWhen.ContinueWith(_ => Work(), ct, TaskContinuationOptions.None, TaskScheduler.Default)
            : null;
        Work();
        // Every line is taken; one the helper took may still be being read. A helper not started yet takes none.
        if (helper is { Status: TaskStatus.Running or TaskStatus.RanToCompletion or TaskStatus.Faulted }) helper.GetAwaiter().GetResult();
        var result = new Dictionary<LayoutPiece, List<OcrGlyph>>(ReferenceEqualityComparer.Instance);
        for (var k = 0; k < columns.Count; k++)
        {
            result[columns[k].Piece] = read[k].Select(r => r.Glyph).ToList();
            if (next is not null) foreach (var (glyph, others) in read[k]) next[glyph] = others;
        }
        return result;
    }

    /// <summary>One column's cells, read as the line they are drawn in: each character in the cell it was read from.</summary>
    private static List<(OcrGlyph Glyph, IReadOnlyList<(string Text, float P)> Next)> ReadColumn(PaddleRecogniser recogniser, Montage montage, List<Placement> cells, int next)
    {
        var glyphs = ReadCells(recogniser, montage, cells, next);
        if (!cells[0].Piece.SmallType) return glyphs;
        // Small type's blank cells read again, lightened, in a window of cells around each (LightenedReading). The next
        // choices stay with this column until the caller gathers them: columns are read on two threads.
        Dictionary<OcrGlyph, IReadOnlyList<(string Text, float P)>>? choices = null;
        if (next > 0)
        {
            choices = new(ReferenceEqualityComparer.Instance);
            foreach (var (glyph, others) in glyphs) choices[glyph] = others;
        }
        return LightenedReading.Reconsider(recogniser, montage, cells, glyphs.Select(g => g.Item1).ToList(), choices)
            .Select(g => (g, choices?.GetValueOrDefault(g) ?? [])).ToList();
    }

    /// <summary>
    /// A run of a column's cells read as the line they are drawn in, each character in the cell it was read from (with
    /// its <paramref name="next"/> next choices): the column's first reading, and <see cref="LightenedReading"/>'s
    /// windows with their grey levels mapped through <paramref name="levels"/>. Writes to nothing shared: it runs on
    /// either of <see cref="Read"/>'s threads.
    /// </summary>
    internal static List<(OcrGlyph Glyph, IReadOnlyList<(string Text, float P)> Next)> ReadCells(PaddleRecogniser recogniser, Montage montage,
        IReadOnlyList<Placement> cells, int next, byte[]? levels = null)
    {
        var crop = LineCrop(montage, Box.Union(cells.Select(c => c.Target)));
        var glyphs = new List<(OcrGlyph, IReadOnlyList<(string Text, float P)>)>();
        foreach (var c in recogniser.Read(Crop(montage.Pixels, montage.Width, crop, levels), crop.W, crop.H, next: next))
        {
            var cell = Nearest(cells, crop.X + c.CentreX);
            var text = CellCorrections.Apply(c.Text, cell.Source, cell.Rotated, cell.Piece.Box.W);
            glyphs.Add((new OcrGlyph(text, cell.Source, c.Confidence), c.Next));
        }
        return glyphs;
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
            var crop = LineCrop(montage, line);
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

    /// <summary>
    /// A line of the montage with some white around it, as the model saw in training (text lines cut loosely by the
    /// detector), within the montage.
    /// </summary>
    internal static Box LineCrop(Montage montage, Box line)
    {
        var pad = Math.Max(4, line.H / 6);
        var crop = new Box(Math.Max(0, line.X - pad), Math.Max(0, line.Y - pad), 0, 0);
        return crop with { W = Math.Min(montage.Width, line.Right + pad) - crop.X, H = Math.Min(montage.Height, line.Bottom + pad) - crop.Y };
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

    /// <summary>The box's pixels, each grey level mapped through <paramref name="levels"/> when given.</summary>
    private static byte[] Crop(byte[] src, int srcWidth, Box b, byte[]? levels = null)
    {
        var dst = new byte[b.W * b.H];
        for (var y = 0; y < b.H; y++) Array.Copy(src, (b.Y + y) * srcWidth + b.X, dst, y * b.W, b.W);
        if (levels is not null) for (var i = 0; i < dst.Length; i++) dst[i] = levels[dst[i]];
        return dst;
    }
}
