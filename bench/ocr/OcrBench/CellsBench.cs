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
/// read, and PP-OCR's confidence in the cell. A table to stdout; with --cells-tsv FILE, one row a cell.
/// </summary>
static class CellsBench
{
    private sealed record Cell(string Page, string Truth, string Read, string? Paddle, double PaddleConfidence, bool Writable, string Styles, string Next = "");

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
            var options = new TesseractOcrOptions { CellProbe = (p, b, g, n) => { ink = p; boxes = b; paddle = g; next = n; } };
            using var ocr = new TesseractOcr(null, options, models);
            var result = await ocr.RecogniseAsync(Path.Combine(folder, item, page + ".jpg"), profile);
            if (ink is null) continue;
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
                cells.Add(new Cell($"{item}/{page}", t, g.Text, inCell?.Text, inCell?.Confidence ?? 0, writable.Contains(t), styleText.ToString(), nextText));
            }
            Console.Error.WriteLine($"{item}/{page}: {read.Count} cells read, {truth.Count} true characters");
        }
        if (tsv.Length > 0)
            await File.WriteAllLinesAsync(tsv, cells.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{c.Page}\t{c.Truth}\t{c.Read}\t{c.Paddle ?? "-"}\t{c.PaddleConfidence:0.000}\t{(c.Writable ? 1 : 0)}\t{c.Next}{c.Styles}")));

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
        Console.WriteLine(md.ToString());
        return 0;
    }

    private static bool Ideograph(string text) => GlyphJudge.IsIdeograph(text);

    /// <summary>The read cells and the true characters paired along a cheapest edit path (null: a gap), as the vote pairs two readings.</summary>
    private static IEnumerable<(OcrGlyph? Read, string? Truth)> Align(List<OcrGlyph> read, List<string> truth) =>
        CellVote.Align(read, truth.Select(t => new OcrGlyph(t, default, 0)).ToList()).Select(p => (p.T, p.P?.Text));
}
