using System.Globalization;
using System.Text;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Recognition;

/// <summary>
/// --cells: what the glyph templates and PP-OCR's confidence say about the cells whose true character PP-OCR cannot
/// write (its key list lacks it). Every page of a folder in the
/// sample-collection format is read with the default reader; its characters are aligned with the transcription (edit
/// distance over the ideographs), and each cell's ink is ranked against the templates of every style: where the truth
/// ranks among all characters and among those PP-OCR cannot write, how far its template beats the template of what PP-OCR
/// read, and PP-OCR's confidence in the cell; and the cell re-read by tesseract and PP-OCR (alone, between its
/// neighbours; tesseract's montage reading too) and whether they name the truth where PP-OCR did not. Tables to stdout; with --cells-tsv FILE,
/// one row a cell.
/// </summary>
static class CellsBench
{
    private sealed record Cell(string Page, string Truth, string Read, string? Paddle, double PaddleConfidence, bool Writable, string Styles, string Next, (string? Text, double Confidence)[] ReRead, Box Box);

    public static async Task<int> Run(string folder, IReadOnlyList<(string Folder, string Page, OcrProfile Profile)> pages, RecognitionModels models, string tsv)
    {
        var files = PaddleModelFiles.Find() ?? throw new InvalidOperationException("PP-OCR models not installed");
        var keys = File.ReadAllLines(files.Keys).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        // What PP-OCR can write: its keys. A traditional form the vote makes of a simplified one (谓 → 謂) is not among
        // them: the model learnt the simplified shape, and reads the traditional one as something else (堯 as 克).
        var writable = keys;
        var script = SimplifiedForms.Embedded;
        var cells = new List<Cell>();
        var styles = models.Glyphs(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        foreach (var (item, page, profile) in pages)
        {
            InkImage? ink = null;
            IReadOnlyList<Box> boxes = [];
            IReadOnlyList<OcrGlyph> paddle = [];
            IReadOnlyDictionary<Box, IReadOnlyList<(string Text, float P)>> next = new Dictionary<Box, IReadOnlyList<(string Text, float P)>>();
            IReadOnlyList<OcrGlyph> montage = [];
            using var ocr = new TesseractOcr(null, new TesseractOcrOptions(), models)
            {
                CellsRead = r => { ink = r.Page; boxes = r.Cells; paddle = r.Paddle; next = r.PaddleNext; montage = r.Tesseract; },
            };
            var result = await ocr.RecogniseAsync(Path.Combine(folder, item, page + ".jpg"), profile);
            if (ink is null) continue;
            var reRead = await ReReadings(ocr, ink, boxes, montage, profile.HorizontalLanguage);
            var byOriginal = new Dictionary<Box, Box>();
            foreach (var b in boxes) byOriginal.TryAdd(ink.ToOriginal(b), b);
            var read = result.Lines.SelectMany(l => l.Glyphs).Where(g => Ideograph(g.Text) || g.Text == TesseractOcr.UnreadMark).ToList();
            var truth = CharacterAccuracy.Normalise(await File.ReadAllTextAsync(Path.Combine(folder, item, page + ".txt")))
                .EnumerateRunes().Select(r => r.ToString()).Where(Ideograph).ToList();
            foreach (var (g, t) in Align(read, truth))
            {
                if (g is null || t is null || !byOriginal.TryGetValue(g.Box, out var cell)) continue;
                var inCell = paddle.Where(p => p.Box == cell && Ideograph(p.Text)).MaxBy(p => p.Confidence);
                var shape = GlyphTemplates.ShapeOf(ink, cell);
                var styleText = new StringBuilder();
                if (shape is { } s && (!writable.Contains(t) || (inCell?.Confidence ?? 0) < 0.95 || inCell?.Text != t))
                {
                    foreach (var templates in styles)
                    {
                        var all = templates.ScoreAll(s.Fine).ToList();
                        var truthScore = templates.Score(s.Fine, t);
                        var rank = float.IsNaN(truthScore) ? -1 : 1 + all.Count(a => a.Score > truthScore);
                        var rankNew = float.IsNaN(truthScore) ? -1 : 1 + all.Count(a => a.Score > truthScore && !writable.Contains(a.Text));
                        var paddleScore = inCell is null ? float.NaN : templates.Score(s.Fine, inCell.Text);
                        var readScore = templates.Score(s.Fine, g.Text);
                        var best = templates.Nearest(s, 5, writable);
                        var bestAll = templates.Nearest(s, 5);
                        styleText.Append(CultureInfo.InvariantCulture,
                            $"\t{templates.Style}\t{truthScore:0.000}\t{rank}\t{rankNew}\t{paddleScore:0.000}\t{readScore:0.000}\t{string.Join(' ', best.Select(b => $"{b.Text}:{b.Score:0.000}"))}\t{string.Join(' ', bestAll.Select(b => $"{b.Text}:{b.Score:0.000}"))}");
                    }
                }
                var nextText = next.TryGetValue(cell, out var n) ? string.Join(' ', n.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Text}:{x.P:0.000}"))) : "";
                // The traditional forms PP-OCR cannot write of what it wrote and of its next choices, each with every
                // style's score for it and for PP-OCR's reading.
                if (shape is { } sh && inCell is not null && n is not null)
                {
                    var forms = n.Select(x => x.Text).Prepend(inCell.Text).Select(script.ToTraditional).Where(f => !writable.Contains(f)).Distinct();
                    nextText += "\t" + string.Join(' ', forms.Select(f => f + string.Concat(styles.Select(st =>
                        string.Create(CultureInfo.InvariantCulture, $":{st.Score(sh.Fine, f):0.000}:{st.Score(sh.Fine, inCell.Text):0.000}")))));
                }
                else nextText += "\t";
                cells.Add(new Cell($"{item}/{page}", t, g.Text, inCell?.Text, inCell?.Confidence ?? 0, writable.Contains(t), styleText.ToString(), nextText,
                    reRead.TryGetValue(cell, out var rr) ? rr : new (string?, double)[ReadingNames.Length], cell));
            }
            Console.Error.WriteLine($"{item}/{page}: {read.Count} cells read, {truth.Count} true characters");
        }
        if (tsv.Length > 0)
            await File.WriteAllLinesAsync(tsv, cells.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{c.Page}\t{c.Truth}\t{c.Read}\t{c.Paddle ?? "-"}\t{c.PaddleConfidence:0.000}\t{(c.Writable ? 1 : 0)}\t{c.Box.X},{c.Box.Y},{c.Box.W},{c.Box.H}\t{string.Join('\t', c.ReRead.Select(x => x.Text is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{x.Text}:{x.Confidence:0.000}")))}\t{c.Next}{c.Styles}")));

        // PP-OCR's confidence in three kinds of cell, and the templates' ranks of the characters it cannot write.
        var md = new StringBuilder("| cells | count | PP-OCR read nothing | confidence < 0.5 | < 0.8 | < 0.95 | median confidence |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        void Confidences(string name, List<Cell> set)
        {
            var read = set.Where(c => c.Paddle is not null).Select(c => c.PaddleConfidence).Order().ToList();
            string Share(Func<double, bool> f) => set.Count == 0 ? "–" : $"{read.Count(f)} ({read.Count(f) / (double)set.Count:P0})";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {set.Count} | {set.Count - read.Count} | {Share(v => v < 0.5)} | {Share(v => v < 0.8)} | {Share(v => v < 0.95)} | {(read.Count > 0 ? read[read.Count / 2] : double.NaN):0.000} |");
        }
        Confidences("truth writable, PP-OCR right", cells.Where(c => c.Writable && c.Paddle == c.Truth).ToList());
        Confidences("truth writable, PP-OCR wrong", cells.Where(c => c.Writable && c.Paddle != c.Truth).ToList());
        Confidences("truth not writable", cells.Where(c => !c.Writable).ToList());
        md.AppendLine();
        md.AppendLine("| style | cells (truth not writable) | truth has a template | rank 1 among all | 2–5 | 6–20 | > 20 | rank 1 among the not writable | 2–5 | 6–20 | > 20 | truth's template beats PP-OCR's reading's |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var style in styles.Select((t, i) => (t.Style, i)))
        {
            var rows = cells.Where(c => !c.Writable && c.Styles.Length > 0).Select(c => c.Styles.Split('\t')[1..][(style.i * 8)..(style.i * 8 + 8)]).ToList();
            var known = rows.Where(r => r[2] != "-1").ToList();
            string Bucket(int col, int lo, int hi) => known.Count(r => int.Parse(r[col], CultureInfo.InvariantCulture) is var k && k >= lo && k <= hi).ToString(CultureInfo.InvariantCulture);
            var beats = known.Count(r => r[4] != "NaN" && double.Parse(r[1], CultureInfo.InvariantCulture) > double.Parse(r[4], CultureInfo.InvariantCulture));
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {style.Style} | {rows.Count} | {known.Count} | {Bucket(2, 1, 1)} | {Bucket(2, 2, 5)} | {Bucket(2, 6, 20)} | {Bucket(2, 21, int.MaxValue)} | {Bucket(3, 1, 1)} | {Bucket(3, 2, 5)} | {Bucket(3, 6, 20)} | {Bucket(3, 21, int.MaxValue)} | {beats} |");
        }
        ReReadingTables(md, cells, keys.Concat(script.Traditional?.Values ?? []).ToHashSet(StringComparer.Ordinal));
        Console.WriteLine(md.ToString());
        return 0;
    }

    private static bool Ideograph(string text) => GlyphJudge.IsIdeograph(text);

    /// <summary>
    /// The re-readings of a cell, in this order (Text null: none): tesseract's four — in its montage of the page's
    /// columns (what the reader has today), the cell alone, a line of its own, at 36 and at 48 px, the cell between its
    /// neighbours above and below, a line of three, at 48 px — and, for comparison, PP-OCR's of the cell alone at 40 and
    /// 48 px and between its neighbours at 40 px (its traditional form: 尧 → 堯).
    /// </summary>
    private static readonly string[] ReadingNames = ["tesseract, its montage", "tesseract alone, 36 px", "tesseract alone, 48 px", "tesseract with neighbours, 48 px",
        "PP-OCR alone, 40 px", "PP-OCR alone, 48 px", "PP-OCR with neighbours, 40 px"];

    /// <summary>How many of <see cref="ReadingNames"/> are tesseract's (the first ones).</summary>
    private const int TesseractReadings = 4;

    /// <summary>
    /// Per cell, the ideograph each re-reading of <see cref="ReadingNames"/> is surest of. tesseract reads each
    /// arrangement of cells in one process (<see cref="CellProbe.ReadCellsAsync"/>), PP-OCR each line of it.
    /// </summary>
    private static async Task<Dictionary<Box, (string? Text, double Confidence)[]>> ReReadings(TesseractOcr ocr, InkImage ink, IReadOnlyList<Box> boxes, IReadOnlyList<OcrGlyph> montage, string language)
    {
        static (string?, double) Best(IEnumerable<OcrGlyph> g) => g.Where(x => Ideograph(x.Text)).MaxBy(x => x.Confidence) is { } b ? (b.Text, b.Confidence) : (null, 0);
        static (string?, double) Traditional((string? Text, double Confidence) x) => (x.Text is null ? null : SimplifiedForms.Embedded.ToTraditional(x.Text), x.Confidence);
        var alone = boxes.Select(b => (IReadOnlyList<Box>)[b]).ToList();
        static bool SameColumn(Box a, Box b) => Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X) > Math.Min(a.W, b.W) / 2;
        var context = boxes.Select((b, i) => (IReadOnlyList<Box>)new[] { i > 0 && SameColumn(boxes[i - 1], b) ? boxes[i - 1] : (Box?)null, b,
            i + 1 < boxes.Count && SameColumn(boxes[i + 1], b) ? boxes[i + 1] : (Box?)null }.OfType<Box>().ToList()).ToList();
        var single36 = await ocr.ReadCellsAsync(ink, alone, language, 36, default);
        var single48 = await ocr.ReadCellsAsync(ink, alone, language, 48, default);
        var inContext = await ocr.ReadCellsAsync(ink, context, language, 48, default);
        // PP-OCR: one line a piece of the montage, in the order of the lines given.
        var paddle = ocr.Models.Paddle(PaddleModelFiles.Find()!);
        List<List<OcrGlyph>> PaddleLinesOf(IReadOnlyList<IReadOnlyList<Box>> lines, double size)
        {
            var m = Montage.OfCells(ink, lines, size, thickenStrokes: false);
            var read = PaddleLines.Read(paddle, m, default);
            return m.Placements.Select(p => p.Piece).Distinct<LayoutPiece>(ReferenceEqualityComparer.Instance)
                .Select(p => read.TryGetValue(p, out var g) ? g : []).ToList();
        }
        var paddle40 = PaddleLinesOf(alone, 40);
        var paddle48 = PaddleLinesOf(alone, 48);
        var paddleContext = PaddleLinesOf(context, 40);
        // QY_CELLS_DUMP=FOLDER: the 48 px montages of the cells alone (as many cells as tesseract takes in one image) and
        // where each cell lies in them, to try tesseract's other models and options by hand (bench/ocr/README.md).
        if (Environment.GetEnvironmentVariable("QY_CELLS_DUMP") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            foreach (var chunk in alone.Chunk(250))
            {
                var name = Path.Combine(dump, $"cells-{Directory.GetFiles(dump, "*.tif").Length:00}");
                var m = Montage.OfCells(ink, chunk, 48, thickenStrokes: true);
                m.Save(name + ".tif");
                await File.WriteAllLinesAsync(name + ".tsv", m.Placements.Select(p => string.Create(CultureInfo.InvariantCulture,
                    $"{p.Source.X},{p.Source.Y},{p.Source.W},{p.Source.H}\t{p.Target.X},{p.Target.Y},{p.Target.W},{p.Target.H}")));
            }
        }
        var result = new Dictionary<Box, (string?, double)[]>();
        for (var i = 0; i < boxes.Count; i++)
        {
            var b = boxes[i];
            var mid = context[i].ToList().IndexOf(b);
            result[b] =
            [
                Best(montage.Where(g => g.Box == b)),
                Best(single36.Where(r => r.Line == i).Select(r => r.Glyph)),
                Best(single48.Where(r => r.Line == i).Select(r => r.Glyph)),
                Best(inContext.Where(r => r.Line == i && r.Cell == mid).Select(r => r.Glyph)),
                Traditional(Best(paddle40[i])),
                Traditional(Best(paddle48[i])),
                Traditional(Best(paddleContext[i].Where(g => g.Box == b))),
            ];
        }
        return result;
    }

    private static readonly string[] Bands = ["read nothing", "< 0.5", "0.5–0.8", "0.8–0.95", "≥ 0.95"];

    /// <summary>
    /// How often each re-reading names the truth, by kind of cell (as the reader reads it now) and PP-OCR's confidence;
    /// and what the rule "PP-OCR read the cell with confidence under T, tesseract reads an ideograph PP-OCR cannot
    /// produce (not in its key list nor a traditional form the vote makes of one) with confidence at least U: take
    /// tesseract's" would fix and break.
    /// </summary>
    private static void ReReadingTables(StringBuilder md, List<Cell> cells, IReadOnlySet<string> produce)
    {
        static string Band(Cell c) => c.Paddle is null ? "read nothing" : c.PaddleConfidence < 0.5 ? "< 0.5" : c.PaddleConfidence < 0.8 ? "0.5–0.8" : c.PaddleConfidence < 0.95 ? "0.8–0.95" : "≥ 0.95";
        static string Kind(Cell c) => c.Read == c.Truth ? "read right" : c.Writable ? "read wrong, truth writable" : "read wrong, truth not writable";
        md.AppendLine();
        md.AppendLine($"| cells (final reading) | PP-OCR confidence | count | right: {string.Join(" | ", ReadingNames)} | any tesseract reading |");
        md.AppendLine($"| --- | --- | ---: |{string.Concat(Enumerable.Repeat(" ---: |", ReadingNames.Length + 1))}");
        foreach (var kind in cells.GroupBy(Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            foreach (var band in kind.GroupBy(Band).OrderBy(g => Array.IndexOf(Bands, g.Key)))
            {
                var rights = Enumerable.Range(0, ReadingNames.Length).Select(i => band.Count(c => c.ReRead[i].Text == c.Truth));
                md.AppendLine(CultureInfo.InvariantCulture, $"| {kind.Key} | {band.Key} | {band.Count()} | {string.Join(" | ", rights)} | {band.Count(c => c.ReRead.Take(TesseractReadings).Any(t => t.Text == c.Truth))} |");
            }
        md.AppendLine();
        md.AppendLine("| tesseract's reading | PP-OCR confidence under T | tesseract's at least U | cells fixed | broken | changed, still wrong |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (var i = 0; i < TesseractReadings; i++)
            foreach (var below in new[] { 0.5, 0.8, 0.95, 1.01 })
                foreach (var atLeast in new[] { 0.6, 0.8, 0.9 })
                {
                    var taken = cells.Where(c => c.Paddle is not null && c.PaddleConfidence < below && c.ReRead[i] is { Text: { } t } r
                        && r.Confidence >= atLeast && !produce.Contains(t) && t != c.Read).ToList();
                    var fixedCells = taken.Count(c => c.ReRead[i].Text == c.Truth);
                    var broken = taken.Count(c => c.Read == c.Truth);
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {ReadingNames[i]} | {(below > 1 ? "any" : below.ToString(CultureInfo.InvariantCulture))} | {atLeast} | {fixedCells} | {broken} | {taken.Count - fixedCells - broken} |");
                }
    }

    /// <summary>The read cells and the true characters paired along a cheapest edit path (null: a gap), as the vote pairs two readings.</summary>
    private static IEnumerable<(OcrGlyph? Read, string? Truth)> Align(List<OcrGlyph> read, List<string> truth) =>
        CellVote.Align(read, truth.Select(t => new OcrGlyph(t, default, 0)).ToList()).Select(p => (p.T, p.P?.Text));
}
