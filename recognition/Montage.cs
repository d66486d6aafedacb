using NetVips;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>Where one part of a layout piece (the piece, or one character cell of it) was drawn in a montage, and at what scale.</summary>
/// <param name="Rotated">Drawn turned 90° counter-clockwise: a bracket or dash in its vertical form, made horizontal again.</param>
/// <param name="FullStop">A mark of punctuation that its shape shows to be a full stop, a ring (<see cref="TrailingMarks.InColumn"/>):
/// a comma or a stop read there is a stop (<see cref="CellCorrections"/>).</param>
/// <param name="Comma">A mark of small type that the spread of its ink shows to be a comma, a solid dot (<see cref="TrailingMarks.BySpread"/>):
/// a stop or a comma read there is a comma.</param>
/// <param name="Mark">A mark of punctuation its ink shows (<see cref="MarkInk"/>): a corner bracket read there as a bar
/// is the bracket, a stacked mark read as a comma or stop is the semicolon or colon.</param>
internal sealed record Placement(LayoutPiece Piece, Box Source, Box Target, double Scale, bool Rotated = false, bool FullStop = false, bool Comma = false,
    string? Mark = null)
{
    /// <summary>Maps a box in montage pixels back to page pixels.</summary>
    public Box ToPage(Box m, int pageWidth, int pageHeight)
    {
        var x0 = Source.X + (m.X - Target.X) / Scale;
        var y0 = Source.Y + (m.Y - Target.Y) / Scale;
        var x1 = Source.X + (m.Right - Target.X) / Scale;
        var y1 = Source.Y + (m.Bottom - Target.Y) / Scale;
        int ix0 = Math.Clamp((int)Math.Floor(x0), 0, pageWidth), iy0 = Math.Clamp((int)Math.Floor(y0), 0, pageHeight);
        int ix1 = Math.Clamp((int)Math.Ceiling(x1), ix0, pageWidth), iy1 = Math.Clamp((int)Math.Ceiling(y1), iy0, pageHeight);
        return new Box(ix0, iy0, ix1 - ix0, iy1 - iy0);
    }
}

/// <summary>
/// Redraws the pieces of a page, cleaned (paper, stains and removed rules white), in one image with wide white gaps,
/// so that tesseract reads a whole page in one process (its start-up and model load cost more than a column) and
/// cannot run two columns or a note's two sub-columns together. Two arrangements:
/// <list type="bullet">
/// <item>columns side by side, right to left, for a vertical model;</item>
/// <item>lines stacked top to bottom, for a horizontal model; a vertical column becomes a line of its character cells
/// laid left to right, upright (the horizontal models read the sample pages far better than the _vert ones).</item>
/// </list>
/// </summary>
internal sealed class Montage
{
    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }
    public IReadOnlyList<Placement> Placements { get; }

    private Montage(int width, int height, byte[] pixels, IReadOnlyList<Placement> placements)
    {
        Width = width; Height = height; Pixels = pixels; Placements = placements;
    }

    /// <summary>
    /// Each piece is scaled so that its characters are about <paramref name="targetCharSize"/> pixels across: the fast
    /// LSTM models read characters of 40–50 px best. A vertical piece's character size is its width; a single
    /// horizontal line's, its height. Small type is drawn from <paramref name="flattened"/>, the page's
    /// <see cref="FlattenedGrey"/> (computed here when not given: a reader that builds several montages of one page
    /// passes one, computed once).
    /// </summary>
    public static Montage Build(InkImage page, IReadOnlyList<LayoutPiece> pieces, bool asColumns, double targetCharSize, bool turnPunctuation, bool thickenStrokes,
        Lazy<byte[]>? flattened = null)
    {
        // Small type is drawn from the page's grey levels, its paper flattened: at 10–12 px a stroke is a pixel wide and
        // lighter than the page's ink threshold, and the ink mask loses it (一, the dots of punctuation, the thin
        // strokes of a dense character).
        var flat = pieces.Any(p => p.SmallType) ? flattened?.Value ?? FlattenedGrey(page) : null;
        var (margin, gap) = Spacing(targetCharSize);
        var placements = new List<Placement>();
        int width, height;
        if (asColumns)
        {
            var sizes = pieces.Select(p => (Piece: p, Scale: Scale(p, targetCharSize))).Select(x => (x.Piece, x.Scale, W: Scaled(x.Piece.Box.W, x.Scale), H: Scaled(x.Piece.Box.H, x.Scale))).ToList();
            width = margin * 2 + sizes.Sum(s => s.W) + gap * Math.Max(0, sizes.Count - 1);
            height = margin * 2 + (sizes.Count == 0 ? 0 : sizes.Max(s => s.H));
            var right = width - margin;
            foreach (var s in sizes)
            {
                placements.Add(new Placement(s.Piece, s.Piece.Box, new Box(right - s.W, margin, s.W, s.H), s.Scale));
                right -= s.W + gap;
            }
        }
        else
        {
            var top = margin;
            width = 0;
            foreach (var piece in pieces)
            {
                var scale = Scale(piece, targetCharSize);
                if (!piece.Vertical)
                {
                    int w = Scaled(piece.Box.W, scale), h = Scaled(piece.Box.H, scale);
                    placements.Add(new Placement(piece, piece.Box, new Box(margin, top, w, h), scale));
                    width = Math.Max(width, margin * 2 + w);
                    top += h + gap;
                    continue;
                }
                var charSize = piece.Pitch > 0 ? (int)Math.Round(piece.Pitch * 0.9) : piece.Box.W;
                var stops = new HashSet<Box>();
                var cells = piece.Pitch > 0 ? ColumnCells.Grid(page, piece.Box, piece.Pitch, keepMarks: piece.SmallType) : ColumnCells.Cells(page, piece.Box, marks: turnPunctuation, stops);
                // Punctuated small type: a mark under its character in one cell becomes a cell of its own (TrailingMarks).
                if (turnPunctuation && piece.SmallType) cells = TrailingMarks.Split(page, cells, charSize, flat);
                // Small type's marks are told stop from comma by how far their ink spreads: no hole or tail is left at 10 px.
                var commas = new HashSet<Box>();
                // A mark of two parts stacked (；：) is neither: its ink says which it is.
                var stacked = new Dictionary<Box, string>();
                if (turnPunctuation)
                    foreach (var cell in cells)
                        if (MarkInk.Stacked(page, cell, charSize) is { } two) stacked[cell] = two;
                if (turnPunctuation && piece.SmallType)
                    foreach (var cell in cells.Where(c => !stacked.ContainsKey(c)))
                        switch (TrailingMarks.BySpread(page, cell, charSize))
                        {
                            case "。": stops.Add(cell); break;
                            case "，": commas.Add(cell); break;
                        }
                var (right, lineHeight) = LayLine(placements, piece, cells.Select(cell => (cell,
                    Rotated: turnPunctuation && IsTurnedPunctuation(cell, charSize) && !IsSolidBar(page, cell),
                    Small: cell.W < charSize * 0.45 && cell.H < charSize * 0.45, FullStop: stops.Contains(cell), Comma: commas.Contains(cell))), scale, (int)Math.Round(charSize * scale), margin, top);
                // A corner bracket whose stub the readers lose reads as 一, a semicolon or colon as a comma: the ink says which.
                if (turnPunctuation)
                    for (var k = placements.Count - cells.Count; k < placements.Count; k++)
                        if ((MarkInk.CornerBracket(page, placements[k].Source, charSize) ?? stacked.GetValueOrDefault(placements[k].Source)) is { } mark)
                            placements[k] = placements[k] with { Mark = mark };
                width = Math.Max(width, right + margin);
                top += lineHeight + gap;
            }
            height = top - gap + margin;
            width = Math.Max(width, margin * 2 + 1);
            height = Math.Max(height, margin * 2 + 1);
        }
        return Paint(page, placements, p => p.Piece.SmallType && flat is not null ? flat : null, width, height, thickenStrokes);
    }

    /// <summary>
    /// Given character cells of a page drawn as lines of their own, each line's cells left to right, upright, at
    /// <paramref name="targetCharSize"/>: a montage of cells picked from anywhere on the page (those a reader was unsure
    /// of), read by one tesseract process. Each line is a placement list of its own piece, laid out as
    /// <see cref="Build"/> lays out a column (<see cref="LayLine"/>), its slot the line's median cell.
    /// </summary>
    public static Montage OfCells(InkImage page, IReadOnlyList<IReadOnlyList<Box>> lines, double targetCharSize, bool thickenStrokes)
    {
        var (margin, gap) = Spacing(targetCharSize);
        var placements = new List<Placement>();
        int top = margin, width = margin * 2 + 1;
        foreach (var line in lines.Where(l => l.Count > 0))
        {
            var piece = new LayoutPiece(Box.Union(line), Vertical: true);
            var size = line.Select(c => Math.Max(c.W, c.H)).Order().ElementAt(line.Count / 2);
            var scale = Math.Clamp(targetCharSize / Math.Max(1, size), 0.25, 4);
            var (right, lineHeight) = LayLine(placements, piece, line.Select(cell => (cell, Rotated: false, Small: false, FullStop: false, Comma: false)), scale, Scaled(size, scale), margin, top);
            width = Math.Max(width, right + margin);
            top += lineHeight + gap;
        }
        var height = Math.Max(margin * 2 + 1, top - gap + margin);
        return Paint(page, placements, _ => null, width, height, thickenStrokes);
    }

    /// <summary>The white border around a montage and the white gap between its lines or columns, for characters of <paramref name="targetCharSize"/>.</summary>
    private static (int Margin, int Gap) Spacing(double targetCharSize) => ((int)Math.Max(20, targetCharSize), (int)Math.Max(24, targetCharSize * 1.2));

    /// <summary>
    /// Lays character cells out as one line of a montage, left to right from <paramref name="margin"/>, its top at
    /// <paramref name="top"/>: one cell a square slot of <paramref name="slot"/> pixels (as wide as the cell where it is
    /// wider), a sixth of a slot apart, each cell centred in its slot; a small cell (punctuation) sits low at the left of
    /// its slot, as horizontal type sets it, instead of high at the right as vertical type does; a rotated cell is turned
    /// a quarter turn (<see cref="Placement.Rotated"/>). Returns where the line ends on the right and its height.
    /// </summary>
    private static (int Right, int Height) LayLine(List<Placement> placements, LayoutPiece piece, IEnumerable<(Box Cell, bool Rotated, bool Small, bool FullStop, bool Comma)> cells,
        double scale, int slot, int margin, int top)
    {
        var spacing = Math.Max(4, slot / 6);
        var x = margin;
        var lineHeight = slot;
        foreach (var (cell, rotated, small, stop, comma) in cells)
        {
            int w = Scaled(rotated ? cell.H : cell.W, scale), h = Scaled(rotated ? cell.W : cell.H, scale);
            var dx = small ? 0 : Math.Max(0, (slot - w) / 2);
            var dy = small ? Math.Max(0, slot - h) : Math.Max(0, (slot - h) / 2);
            placements.Add(new Placement(piece, cell, new Box(x + dx, top + dy, w, h), scale, rotated, stop, comma));
            lineHeight = Math.Max(lineHeight, dy + h);
            x += Math.Max(slot, w) + spacing;
        }
        return (x, lineHeight);
    }

    /// <summary>
    /// Draws every placement on white, thickened when asked: from its source grey page (<paramref name="source"/>), or
    /// where that is null from the page's clean grey (<see cref="CleanGrey"/>), cleaned only within the placement's box.
    /// </summary>
    private static Montage Paint(InkImage page, List<Placement> placements, Func<Placement, byte[]?> source, int width, int height, bool thickenStrokes)
    {
        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        foreach (var p in placements)
        {
            var (grey, greyWidth, box) = source(p) is { } whole ? (whole, page.Width, p.Source) : (CleanGrey(page, p.Source), p.Source.W, new Box(0, 0, p.Source.W, p.Source.H));
            if (!p.Rotated) { Draw(grey, greyWidth, box, pixels, width, p.Target, p.Scale); continue; }
            var turned = TurnCounterClockwise(grey, greyWidth, box);
            Draw(turned, box.H, new Box(0, 0, box.H, box.W), pixels, width, p.Target, p.Scale);
        }
        if (thickenStrokes) pixels = DarkenNeighbourhood(pixels, width, height);
        return new Montage(width, height, pixels, placements);
    }

    /// <summary>
    /// Grey-level erosion with a 3×3 square: every stroke grows by a pixel on each side. Hair-thin brush strokes
    /// shrunk to 36 px characters read better thicker (rare-book pages +1.9 points in a trial on four pages).
    /// Separable: the darkest of three across, then of three of those down (a newspaper's montage of 7 Mpixels took
    /// a quarter of a second pixel by pixel over the square).
    /// </summary>
    internal static byte[] DarkenNeighbourhood(byte[] src, int width, int height)
    {
        var across = new byte[src.Length];
        for (var y = 0; y < height; y++)
        {
            var row = src.AsSpan(y * width, width);
            var to = across.AsSpan(y * width, width);
            if (width == 1) { to[0] = row[0]; continue; }
            to[0] = Math.Min(row[0], row[1]);
            for (var x = 1; x < width - 1; x++) to[x] = Math.Min(Math.Min(row[x - 1], row[x]), row[x + 1]);
            to[width - 1] = Math.Min(row[width - 2], row[width - 1]);
        }
        var dst = new byte[src.Length];
        for (var y = 0; y < height; y++)
        {
            var to = dst.AsSpan(y * width, width);
            across.AsSpan(y * width, width).CopyTo(to);
            if (y > 0) Darkest(to, across.AsSpan((y - 1) * width, width));
            if (y + 1 < height) Darkest(to, across.AsSpan((y + 1) * width, width));
        }
        return dst;
    }

    /// <summary>Each value of <paramref name="to"/> made the darker of it and its counterpart in <paramref name="other"/>.</summary>
    private static void Darkest(Span<byte> to, ReadOnlySpan<byte> other)
    {
        var x = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var n = System.Numerics.Vector<byte>.Count;
            for (; x + n <= to.Length; x += n)
                System.Numerics.Vector.Min(new System.Numerics.Vector<byte>(to[x..]), new System.Numerics.Vector<byte>(other[x..])).CopyTo(to[x..]);
        }
        for (; x < to.Length; x++) if (other[x] < to[x]) to[x] = other[x];
    }

    /// <summary>
    /// Vertical type turns brackets and quotation marks a quarter turn (︵ ﹁ ︽ for （ 「 《): a flat cell, wide but far
    /// taller than a 一, and not small like a comma. The horizontal model reads them only when turned back.
    /// Unpunctuated classical text is never turned: a brush-written 一 is as thick as a turned bracket.
    /// </summary>
    internal static bool IsTurnedPunctuation(Box cell, int columnWidth)
    {
        var ratio = cell.H / (double)Math.Max(1, cell.W);
        return cell.W >= columnWidth * 0.5 && ratio >= 0.18 && ratio <= 0.5;
    }

    /// <summary>
    /// A cell its ink nearly fills is a bar: 一, which small type (a stroke two pixels high under a character ten wide)
    /// draws as flat as a turned bracket; a turned bracket or chevron (﹁ ︵ ︽) is a hook or an arc and leaves most of
    /// its box blank.
    /// </summary>
    internal static bool IsSolidBar(InkImage page, Box cell)
    {
        var ink = 0;
        for (var y = cell.Y; y < cell.Bottom; y++)
            for (var x = cell.X; x < cell.Right; x++) ink += page.Ink[y * page.Width + x];
        return ink >= cell.W * cell.H * 0.7;
    }

    private static int Scaled(int size, double scale) => Math.Max(1, (int)Math.Round(size * scale));

    private static double Scale(LayoutPiece piece, double target)
    {
        if (target <= 0) return 1;
        var size = piece.Pitch > 0 ? piece.Pitch * 0.9 : piece.Vertical ? piece.Box.W : piece.Box.H;
        // A block of several horizontal lines (a modern page) keeps its size: its line height is not known here.
        if (!piece.Vertical && piece.Box.H > 4 * target && piece.Box.H > piece.Box.W / 4.0) return 1;
        // Small type (a magazine's 10–11 px characters) is enlarged up to fourfold, to the size the readers read; a
        // note's sub-column, measured by its narrow width, no more than 2.5 times as before (a clean generated
        // rare-book page, GeneratedPageTests, fell from 82 % to 77.7 % with its notes enlarged fourfold).
        return Math.Clamp(target / Math.Max(1, size), 0.25, piece.SmallNote ? 2.5 : 4);
    }

    public void Save(string path)
    {
        using var image = Image.NewFromMemory(Pixels, Width, Height, 1, Enums.BandFormat.Uchar);
        image.WriteToFile(path);
    }

    /// <summary>
    /// The box of the page with ink and its anti-aliased edge (a pixel beside ink, on the page) in their grey; everything
    /// else, including removed rules, white. Each pixel depends on the page and its four neighbours only, so a box is
    /// cleaned alone (a montage draws only its pieces' boxes: on a 26-Mpixel sheet of four half-folios, cleaning all of
    /// it took a tenth of a second for each montage).
    /// </summary>
    private static byte[] CleanGrey(InkImage page, Box b)
    {
        int w = page.Width, h = page.Height;
        var clean = new byte[b.W * b.H];
        Array.Fill(clean, (byte)255);
        var ink = page.Ink;
        for (var y = b.Y; y < b.Bottom; y++)
        {
            var to = (y - b.Y) * b.W - b.X;
            for (var x = b.X; x < b.Right; x++)
            {
                var i = y * w + x;
                if (ink[i] != 0) { clean[to + x] = page.Grey[i]; continue; }
                if (page.Removed[i]) continue;
                var near = (x > 0 && ink[i - 1] != 0) || (x + 1 < w && ink[i + 1] != 0) || (y > 0 && ink[i - w] != 0) || (y + 1 < h && ink[i + w] != 0);
                if (near) clean[to + x] = page.Grey[i];
            }
        }
        return clean;
    }

    /// <summary>
    /// The page's grey levels with the paper made white: each pixel divided by the paper's tone there (under a stain or a
    /// darker band of the scan), then stretched so that the page's typical ink is black and anything within a tenth of
    /// the paper (show-through, grain) white. Removed rules stay white. The paper's tone is the lightest level near each
    /// pixel, or the grey closing of the page (then the darkest of those levels near it) where that is darker by more
    /// than a tenth: strokes narrower than the square are lifted to the paper around them, while a stain wider than it
    /// keeps its own tone up to its edge. The lightest level
    /// alone took the clean paper beside a stain as the paper within a radius of its edge, and the stain's rim became ink
    /// that buried the characters under it (seed 1's magazine page rd02 lost 38 characters so).
    /// </summary>
    internal static byte[] FlattenedGrey(InkImage page, int radius = 10) => FlattenedGrey(page, PaperRatio(page, radius));

    /// <summary>
    /// <see cref="FlattenedGrey(InkImage, int)"/> from the page's <see cref="PaperRatio"/> taken before: it depends on the
    /// grey levels alone, which a re-ink leaves as they are, so a page inked again from its flattened grey levels and
    /// then flattened for its montages filters its grey levels once.
    /// </summary>
    internal static byte[] FlattenedGrey(InkImage page, float[] ratio)
    {
        int w = page.Width, h = page.Height;
        if (ratio.Length != w * h) throw new ArgumentException($"a paper ratio of {ratio.Length} pixels for a page of {w}×{h}", nameof(ratio));
        // The page's ink: the darker quarter of its ink pixels' ratios.
        var inkRatios = new List<float>();
        for (var i = 0; i < ratio.Length; i++) if (page.Ink[i] != 0) inkRatios.Add(ratio[i]);
        inkRatios.Sort();
        var ink = inkRatios.Count > 0 ? inkRatios[inkRatios.Count / 4] : 0.3f;
        var span = Math.Max(0.05f, PaperWhite - ink);
        var flat = new byte[w * h];
        for (var i = 0; i < flat.Length; i++)
            flat[i] = page.Removed[i] ? (byte)255 : (byte)Math.Clamp((int)Math.Round(255 * (ratio[i] - ink) / span), 0, 255);
        return flat;
    }

    /// <summary>A ratio to the paper's tone from which a pixel is paper (<see cref="FlattenedGrey(InkImage, int)"/>).</summary>
    private const float PaperWhite = 0.9f;

    /// <summary>Each pixel's grey level divided by the paper's tone around it (<see cref="FlattenedGrey(InkImage, int)"/>).</summary>
    internal static float[] PaperRatio(InkImage page, int radius = 10)
    {
        int w = page.Width, h = page.Height;
        var lightest = Filter(page.Grey, w, h, radius, lightest: true);
        var closed = Filter(lightest, w, h, radius, lightest: false);
        var ratio = new float[w * h];
        for (var i = 0; i < ratio.Length; i++)
        {
            // Where the closing is within a tenth of the lightest level the two agree but for the paper's grain, and the
            // lightest level keeps faint strokes darker (seed 1's magazines and newspapers lost 1–2 points on the closing
            // alone); further below, the lightest level is clean paper beside a stain, and the closing is the stain's tone.
            var paper = closed[i] < PaperWhite * lightest[i] ? closed[i] : lightest[i];
            ratio[i] = page.Grey[i] / (float)Math.Max((byte)1, paper);
        }
        return ratio;
    }

    /// <summary>
    /// Grey-level dilation (<paramref name="lightest"/>) or erosion with a square of side 2·radius+1, separable (rows, then
    /// columns), each line in two passes of running extremes over blocks of the square's side (van Herk, Gil and Werman):
    /// a few operations a pixel whatever the radius.
    /// </summary>
    private static byte[] Filter(byte[] src, int w, int h, int radius, bool lightest)
    {
        var rows = new byte[src.Length];
        var line = new byte[Math.Max(w, h)];
        var result = new byte[line.Length];
        for (var y = 0; y < h; y++)
        {
            Array.Copy(src, y * w, line, 0, w);
            RunningExtreme(line, w, radius, lightest, result);
            Array.Copy(result, 0, rows, y * w, w);
        }
        var dst = new byte[src.Length];
        for (var x = 0; x < w; x++)
        {
            for (var y = 0; y < h; y++) line[y] = rows[y * w + x];
            RunningExtreme(line, h, radius, lightest, result);
            for (var y = 0; y < h; y++) dst[y * w + x] = result[y];
        }
        return dst;
    }

    /// <summary>The extreme of each window [i−radius, i+radius] of the first <paramref name="n"/> values (clipped at the ends).</summary>
    private static void RunningExtreme(byte[] v, int n, int radius, bool lightest, byte[] result)
    {
        var k = 2 * radius + 1;
        var left = new byte[n];
        var right = new byte[n];
        for (var i = 0; i < n; i++)
            left[i] = i % k == 0 ? v[i] : Pick(left[i - 1], v[i], lightest);
        for (var i = n - 1; i >= 0; i--)
            right[i] = i == n - 1 || (i + 1) % k == 0 ? v[i] : Pick(right[i + 1], v[i], lightest);
        for (var i = 0; i < n; i++)
        {
            int a = Math.Max(0, i - radius), b = Math.Min(n - 1, i + radius);
            // The window [a, b] spans at most two blocks: the tail of a's block (right[a]) and the head of b's (left[b]);
            // a window within one block (clipped at the line's start or end) is the head or the tail of that block alone.
            result[i] = a / k != b / k ? Pick(right[a], left[b], lightest) : a % k == 0 ? left[b] : right[a];
        }
    }

    private static byte Pick(byte a, byte b, bool lightest) => lightest ? Math.Max(a, b) : Math.Min(a, b);

    /// <summary>The box's pixels turned a quarter turn counter-clockwise (its right edge becomes the top).</summary>
    private static byte[] TurnCounterClockwise(byte[] src, int srcWidth, Box b)
    {
        // Result is b.H wide and b.W high: target (tx, ty) shows source (b.W - 1 - ty, tx).
        var turned = new byte[b.W * b.H];
        for (var ty = 0; ty < b.W; ty++)
            for (var tx = 0; tx < b.H; tx++)
                turned[ty * b.H + tx] = src[(b.Y + tx) * srcWidth + b.X + b.W - 1 - ty];
        return turned;
    }

    /// <summary>Resamples the source box into the target: area average when shrinking (no aliasing of thin strokes), bilinear when enlarging.</summary>
    private static void Draw(byte[] src, int srcWidth, Box b, byte[] dst, int dstWidth, Box t, double scale)
    {
        var p = (Scale: scale, Source: b, Target: t);
        if (p.Scale < 1)
        {
            for (var ty = 0; ty < t.H; ty++)
            {
                int sy0 = Math.Min(b.H - 1, (int)(ty / p.Scale)), sy1 = Math.Clamp((int)Math.Ceiling((ty + 1) / p.Scale), sy0 + 1, b.H);
                for (var tx = 0; tx < t.W; tx++)
                {
                    int sx0 = Math.Min(b.W - 1, (int)(tx / p.Scale)), sx1 = Math.Clamp((int)Math.Ceiling((tx + 1) / p.Scale), sx0 + 1, b.W);
                    var sum = 0;
                    for (var sy = sy0; sy < sy1; sy++)
                    {
                        var row = (b.Y + sy) * srcWidth + b.X;
                        for (var sx = sx0; sx < sx1; sx++) sum += src[row + sx];
                    }
                    dst[(t.Y + ty) * dstWidth + t.X + tx] = (byte)(sum / ((sy1 - sy0) * (sx1 - sx0)));
                }
            }
            return;
        }
        for (var ty = 0; ty < t.H; ty++)
        {
            var sy = Math.Clamp((ty + 0.5) / p.Scale - 0.5, 0, b.H - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, b.H - 1);
            var fy = sy - y0;
            for (var tx = 0; tx < t.W; tx++)
            {
                var sx = Math.Clamp((tx + 0.5) / p.Scale - 0.5, 0, b.W - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, b.W - 1);
                var fx = sx - x0;
                double v00 = src[(b.Y + y0) * srcWidth + b.X + x0], v01 = src[(b.Y + y0) * srcWidth + b.X + x1];
                double v10 = src[(b.Y + y1) * srcWidth + b.X + x0], v11 = src[(b.Y + y1) * srcWidth + b.X + x1];
                var v = (v00 * (1 - fx) + v01 * fx) * (1 - fy) + (v10 * (1 - fx) + v11 * fx) * fy;
                dst[(t.Y + ty) * dstWidth + t.X + tx] = (byte)Math.Clamp((int)Math.Round(v), 0, 255);
            }
        }
    }
}
