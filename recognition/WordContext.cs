using System.Reflection;
using System.Text;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Which of PP-OCR's choices for a cell forms words with its neighbours in the column: where a column of modern type
/// reads 革命時代的丈學 with the cell unsure between 丈 and 文, 文學 is a word and 丈學 is not. The words are a general
/// dictionary of modern Chinese with frequencies, not the library's texts: SmartCn's core dictionary (Lucene.Net, the
/// search's analyser), in simplified characters, so a candidate string is folded to simplified before it is looked up
/// (<see cref="ToSimplified"/>). Each unsure cell keeps, of what PP-OCR wrote and its next choices, the one with the
/// highest log probability plus <see cref="Weight"/> times the log of one plus the frequency of the most frequent word
/// of two to four characters that covers it (0 where none does); a choice that forms no better word than the reading
/// is never taken. The dictionary is modern vocabulary: on the classical
/// pages it gains nothing (bench/RESULTS.md, h/context: seed 1's rare-book pages 80.1 → 80.0 %), so it reads pages of
/// modern type only.
/// </summary>
internal sealed class WordContext
{
    /// <summary>
    /// How much a word's log frequency counts against the model's log probability. Measured on seed 1's magazine pages
    /// (bench/RESULTS.md, h/context; 65.5 % without): a half reads 67.1 %, 66 cells mended and 8 broken; 0.8 reads
    /// 67.2 % but breaks twice as many (75 and 17).
    /// </summary>
    public const double Weight = 0.5;

    /// <summary>
    /// PP-OCR's confidence from which a cell is left as read (measured: every cell reads the same on the magazine pages;
    /// a sure reading is not worth the risk of a frequent word of its neighbours).
    /// </summary>
    public const double UnsureBelow = 0.9;

    private const int LongestWord = 4;

    private readonly Func<string, int> _frequency;
    private readonly Func<string, string> _fold;

    /// <param name="frequency">How often a word (simplified) occurs; 0 for a string that is no word.</param>
    /// <param name="fold">A string written as the dictionary writes it (traditional → simplified, character by character).</param>
    internal WordContext(Func<string, int> frequency, Func<string, string> fold)
    {
        _frequency = frequency;
        _fold = fold;
    }

    /// <summary>
    /// A column reconsidered: each cell of one glyph that PP-OCR read with confidence under <see cref="UnsureBelow"/>
    /// and has <paramref name="next"/> choices for may take one of them (in the page's form, <paramref name="form"/>),
    /// with the model's probability of it as confidence, never above what the reading had. Neighbours are read as
    /// PP-OCR read them.
    /// </summary>
    public List<OcrGlyph> Reconsider(IReadOnlyList<OcrGlyph> column, IReadOnlyDictionary<Box, IReadOnlyList<(string Text, float P)>> next, Func<string, string> form)
    {
        var perBox = column.GroupBy(g => g.Box).ToDictionary(c => c.Key, c => c.Count());
        var result = column.ToList();
        for (var i = 0; i < column.Count; i++)
        {
            var read = column[i];
            if (read.Confidence >= UnsureBelow || read.Confidence <= 0 || perBox[read.Box] != 1 || !GlyphJudge.IsIdeograph(read.Text)
                || !next.TryGetValue(read.Box, out var choices) || choices.Count == 0) continue;
            var readFit = Fit(column, i, read.Text);
            var best = (read.Text, read.Confidence, Score: Math.Log(read.Confidence) + Weight * readFit);
            foreach (var (text, p) in choices)
            {
                var t = form(text);
                if (p <= 0 || t == read.Text || !GlyphJudge.IsIdeograph(t)) continue;
                // Only where the words tell the two apart: a choice that forms no better word (於 for 于, one word
                // folded) is left to the model and the prior that chose the reading.
                var fit = Fit(column, i, t);
                if (fit <= readFit) continue;
                var score = Math.Log(p) + Weight * fit;
                if (score > best.Score) best = (t, Math.Min(p, read.Confidence), score);
            }
            if (best.Text != read.Text) result[i] = read with { Text = best.Text, Confidence = best.Confidence };
        }
        return result;
    }

    /// <summary>The log of one plus the frequency of the most frequent word of 2–<see cref="LongestWord"/> glyphs that covers glyph <paramref name="at"/> written as <paramref name="text"/>.</summary>
    internal double Fit(IReadOnlyList<OcrGlyph> column, int at, string text)
    {
        var best = 0;
        for (var length = 2; length <= LongestWord; length++)
            for (var start = Math.Max(0, at - length + 1); start <= at && start + length <= column.Count; start++)
            {
                var word = new StringBuilder();
                for (var k = start; k < start + length; k++) word.Append(k == at ? text : column[k].Text);
                best = Math.Max(best, _frequency(_fold(word.ToString())));
            }
        return Math.Log(1 + best);
    }

    /// <summary>SmartCn's core dictionary, with the search's folding table.</summary>
    public static WordContext Modern => LazyModern.Value;

    private static readonly Lazy<WordContext> LazyModern = new(() => new WordContext(CoreDictionary(), ToSimplified));

    /// <summary>
    /// SmartCn's core word dictionary (coredict.mem, embedded in the package): its type is internal to the package,
    /// its lookup public; called by name (the package's version is pinned in Directory.Packages.props, and
    /// WordContextTests fails if another version moves it).
    /// </summary>
    private static Func<string, int> CoreDictionary()
    {
        var type = typeof(Lucene.Net.Analysis.Cn.Smart.SmartChineseAnalyzer).Assembly.GetType("Lucene.Net.Analysis.Cn.Smart.Hhmm.WordDictionary", throwOnError: true)!;
        var instance = type.GetMethod("GetInstance", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null);
        var frequency = type.GetMethod("GetFrequency", [typeof(char[])])!.CreateDelegate<Func<char[], int>>(instance);
        return word => word.Length == 0 ? 0 : frequency(word.ToCharArray());
    }

    /// <summary>Traditional → simplified, character by character (the search's folding table, embedded: its M rows).</summary>
    internal static string ToSimplified(string text)
    {
        var map = LazyFolding.Value;
        var sb = new StringBuilder(text.Length);
        foreach (var r in text.EnumerateRunes())
            sb.Append(map.TryGetValue(r.Value, out var to) ? to : r.ToString());
        return sb.ToString();
    }

    private static readonly Lazy<Dictionary<int, string>> LazyFolding = new(() =>
    {
        using var stream = typeof(WordContext).Assembly.GetManifestResourceStream("QyHeritage.Recognition.folding-table.tsv")
            ?? throw new InvalidOperationException("embedded folding-table.tsv missing");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            if (f.Length >= 3 && f[0] == "M" && Rune.TryGetRuneAt(f[1], 0, out var from)) map[from.Value] = f[2];
        }
        return map;
    });
}
