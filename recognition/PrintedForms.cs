using System.Text;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// The form a page is printed in, for each group of variant forms (爲 為, 㑹 會, 數 数, 廣 广), decided by the page's ink.
/// The readers read such forms by the word, not by the ink: tesseract's model has no 爲 and PP-OCR prefers 為, so a
/// page printed with 爲 read 為; PP-OCR's simplified keys leave 数 楼 广 (traditional forms too, so the vote keeps them)
/// on rare-book pages. A page's type draws each such character one way, so the glyph templates' scores of every cell
/// read as any member of a group, summed over the page, choose the form the page uses, far surer than one cell's
/// score; every cell of the group is then written in it. Groups are the search's folding table's (characters folded to
/// one character, Unihan and OpenCC); members, the forms the page's script allows (<see cref="SimplifiedForms"/>) that a
/// reader can write or the library's texts use (not 䆐 for 國), drawn by one font of a style (UKai lacks 爲 and 㑹, which
/// Noto Serif draws: forms of two faces differ by the face too). Each form's score counts less its mean over the page's
/// other cells. A group the ink does not settle (under <see cref="MinCells"/> cells, a margin under
/// <see cref="MinMargin"/> a cell, or templates fitting the page under <see cref="MinFit"/>) stays as read. A cell whose
/// own ink is clearly of the form it was read as (<see cref="CellKeeps"/>) keeps it: a group also joins different
/// characters (后 後, 于 於), which a page uses side by side.
/// </summary>
internal sealed class PrintedForms(IReadOnlyDictionary<string, string[]> groups)
{
    /// <summary>
    /// The glyph templates' fit to the page (<see cref="GlyphJudge.ForPage"/>) from which its forms are decided: on a
    /// generated magazine page's 10 px type (0.58) the ink preferred 黄 to the 黃 printed, cell after cell.
    /// </summary>
    public const double MinFit = 0.6;

    /// <summary>How many of the page's cells measure each form's score on ink of other characters.</summary>
    public const int SampleCells = 48;

    /// <summary>The fewest cells of a group on a page from which the page's form is decided.</summary>
    public const int MinCells = 2;

    /// <summary>
    /// The winning form's lead in template score over the next, a cell on average, from which the page's form is decided.
    /// Noto Serif's 髙 matched generated pages' 高 cells better than its 高 by 0.05–0.09 (seed 1, five pages; 0.02 cost
    /// local history 0.7 points); 爲 and 為 led by 0.15–0.27, 廣 over 广 by 0.5.
    /// </summary>
    public const float MinMargin = 0.1f;

    /// <summary>A cell's own lead for the form it was read as over the page's form from which it keeps its reading.</summary>
    public const float CellKeeps = 0.03f;

    /// <summary>The groups of the embedded folding table: each folded character with those folded to it.</summary>
    public static PrintedForms Embedded => LazyEmbedded.Value;

    /// <summary>
    /// Writes the cells of each group in the form the page's ink chooses; returns how many cells changed.
    /// </summary>
    /// <param name="judges">The glyph templates' judges of the page, the style that fits it best first.</param>
    /// <param name="written">Whether a reader can write a form or the library's texts use it: others (䆐 for 國) are too rare to choose.</param>
    /// <param name="firstFontOnly">
    /// Only groups whose forms the best-fitting style's first font draws all of: where the templates fit the page well
    /// enough to judge single cells, the page is set in that face, and a form drawn by another (a fallback font, another
    /// style's) wins by its face alone (the sample collection's kai pages: 高 written as Noto's 髙, 遊 as 逰).
    /// </param>
    /// <param name="dump">Where each group's scores are written, to look at (null: nowhere).</param>
    public int Apply(IReadOnlyList<GlyphJudge> judges, SimplifiedForms script, Func<string, bool> written, IReadOnlyList<List<OcrGlyph>> columns,
        bool firstFontOnly = false, TextWriter? dump = null)
    {
        var byGroup = new Dictionary<string[], List<(List<OcrGlyph> Column, int Index)>>(ReferenceEqualityComparer.Instance);
        foreach (var column in columns)
            for (var i = 0; i < column.Count; i++)
                if (groups.TryGetValue(column[i].Text, out var g))
                {
                    if (!byGroup.TryGetValue(g, out var cells)) byGroup[g] = cells = [];
                    cells.Add((column, i));
                }
        // A form's template may match any ink better than another's (one font's 髙 drew generated 高 cells better than
        // its 高): each form's score is taken less its mean over a sample of the page's other cells.
        var all = byGroup.Count == 0 ? new List<OcrGlyph>() : columns.SelectMany(c => c).Where(g => GlyphJudge.IsIdeograph(g.Text)).ToList();
        var sample = all.Where((_, i) => i % Math.Max(1, all.Count / SampleCells) == 0).Select(g => g.Box).ToList();
        var shapes = new Dictionary<(GlyphJudge, Box), float[]?>();
        float[]? Shape(GlyphJudge j, Box b) => shapes.TryGetValue((j, b), out var s) ? s : shapes[(j, b)] = j.ShapeOf(b);
        // Which judges may decide, and by which of their fonts (FontOf: -1 where none draws the form).
        var candidates = firstFontOnly ? judges.Take(1) : judges;
        Func<int, bool> fontAllowed = firstFontOnly ? font => font == 0 : font => font >= 0;
        var changed = 0;
        foreach (var (group, cells) in byGroup)
        {
            // The forms this page may be printed in: not a simplified-only form on a traditional page.
            var forms = group.Where(f => written(f) && !script.Only.Contains(f) && !SimplifiedForms.LeftAfterVote.ContainsKey(f)).ToList();
            if (forms.Count < 2 || cells.Count < MinCells) continue;
            // Forms drawn by different fonts of a style differ by the face too (UKai lacks 爲 and 㑹, which Noto Serif
            // draws): the best-fitting style in which one font draws them all.
            if (candidates.FirstOrDefault(j => j.FontOf(forms[0]) is var font && fontAllowed(font) && forms.All(f => j.FontOf(f) == font)) is not { } judge) continue;
            var baseline = new double[forms.Count];
            var others = sample.Select(b => Shape(judge, b)).OfType<float[]>().ToList();
            foreach (var shape in others)
            {
                var s = judge.Scores(shape, forms);
                for (var k = 0; k < s.Length; k++) baseline[k] += s[k] / others.Count;
            }
            var sums = new double[forms.Count];
            var scored = new List<(List<OcrGlyph> Column, int Index, float[] Scores)>();
            foreach (var (column, index) in cells)
            {
                if (Shape(judge, column[index].Box) is not { } shape) continue;
                var s = judge.Scores(shape, forms);
                for (var k = 0; k < s.Length; k++) s[k] -= (float)baseline[k];
                scored.Add((column, index, s));
                for (var k = 0; k < s.Length; k++) sums[k] += s[k];
                dump?.WriteLine($"forms {column[index].Text} {string.Join(' ', forms.Select((f, k) => $"{f}={s[k]:0.000}"))}");
            }
            if (scored.Count < MinCells) continue;
            var order = Enumerable.Range(0, forms.Count).OrderByDescending(k => sums[k]).ToList();
            var margin = (sums[order[0]] - sums[order[1]]) / scored.Count;
            dump?.WriteLine($"forms page {judge.Style} {string.Join(' ', forms.Select((f, k) => $"{f}={sums[k] / scored.Count:0.000}"))} margin {margin:0.000} over {scored.Count}");
            if (margin < MinMargin) continue;
            var win = forms[order[0]];
            foreach (var (column, index, s) in scored)
            {
                var read = forms.IndexOf(column[index].Text);
                if (column[index].Text == win || read >= 0 && s[read] - s[order[0]] >= CellKeeps) continue;
                column[index] = column[index] with { Text = win };
                changed++;
            }
        }
        return changed;
    }

    private static readonly Lazy<PrintedForms> LazyEmbedded = new(() =>
    {
        using var stream = typeof(PrintedForms).Assembly.GetManifestResourceStream("QyHeritage.Recognition.folding-table.tsv")
            ?? throw new InvalidOperationException("embedded folding-table.tsv missing");
        using var reader = new StreamReader(stream);
        var members = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            // Full-width forms and compatibility ideographs are one character's code points, not forms a page chooses.
            if (f.Length < 4 || f[0] != "M" || f[3] is "width" or "unicode-compat" || !GlyphJudge.IsIdeograph(f[1]) || !GlyphJudge.IsIdeograph(f[2])) continue;
            if (!members.TryGetValue(f[2], out var set)) members[f[2]] = set = new HashSet<string>(StringComparer.Ordinal) { f[2] };
            set.Add(f[1]);
        }
        var groups = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var set in members.Values)
        {
            string[] group = [.. set.OrderBy(c => Rune.GetRuneAt(c, 0).Value)];
            foreach (var c in group) groups[c] = group;
        }
        return new PrintedForms(groups);
    });
}
