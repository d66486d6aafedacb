using System.Reflection;
using System.Text;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Which of PP-OCR's choices for a cell forms words with its neighbours in the column: where a column of modern type
/// reads 革命時代的丈學 with the cell unsure between 丈 and 文, 文學 is a word and 丈學 is not. The words are a general
/// dictionary of modern Chinese with frequencies, not the library's texts: SmartCn's core dictionary (Lucene.Net, the
/// search's analyser), in simplified characters, so a candidate string is folded to simplified before it is looked up
/// (<see cref="ToSimplified"/>). Unsure cells close enough to share a word are chosen together: of the combinations of
/// what PP-OCR wrote and its next choices, the one with the highest sum of log probabilities plus <see cref="Weight"/>
/// times the log probability of the best segmentation of the run and its neighbours into words
/// (<see cref="WordLattice"/>: a word counts once, however many unsure cells it covers); a choice that is in no word of
/// that path, or makes it no likelier than the reading would in the same combination, is never taken. The dictionary
/// is modern vocabulary: on the classical
/// pages it gains nothing (bench/RESULTS.md, h/context: seed 1's rare-book pages 80.1 → 80.0 %), so it reads pages of
/// modern type only.
/// </summary>
internal sealed class WordContext
{
    /// <summary>
    /// How much the words' log probability counts against the model's log probability. Measured with a score per cell
    /// on seed 1's magazine pages (bench/RESULTS.md, h/context; 65.5 % without): a half reads 67.1 %, 66 cells mended
    /// and 8 broken; 0.8 reads 67.2 % but breaks twice as many (75 and 17). With the path score (h/segment) a half and
    /// 1 read the same (67.33 %), the newspaper pages 76.90 and 76.81 %.
    /// </summary>
    public const double Weight = 0.5;

    /// <summary>
    /// PP-OCR's confidence from which a cell is left as read (measured: every cell reads the same on the magazine pages;
    /// a sure reading is not worth the risk of a frequent word of its neighbours).
    /// </summary>
    public const double UnsureBelow = 0.9;

    private const int LongestWord = WordLattice.LongestWord;

    private readonly Func<string, int> _frequency;
    private readonly Func<string, string> _fold;
    private readonly WordLattice _lattice;

    /// <param name="frequency">How often a word (simplified) occurs; 0 for a string that is no word.</param>
    /// <param name="fold">A string written as the dictionary writes it (traditional → simplified, character by character).</param>
    internal WordContext(Func<string, int> frequency, Func<string, string> fold)
    {
        _frequency = frequency;
        _fold = fold;
        _lattice = new WordLattice(frequency, fold);
    }

    /// <summary>
    /// A column reconsidered: each cell of one glyph that PP-OCR read with confidence under <see cref="UnsureBelow"/>
    /// and has <paramref name="next"/> choices for may take one of them (in the page's form, <paramref name="form"/>),
    /// with the model's probability of it as confidence, never above what the reading had. Unsure cells near enough to
    /// share a word are chosen together (<see cref="ChooseTogether"/>): where 明白它 reads 明自它, the cell of 自 may
    /// take 白 while 它 stays, rather than 它 becoming 己 for 自己 around a misread neighbour.
    /// </summary>
    public List<OcrGlyph> Reconsider(IReadOnlyList<OcrGlyph> column, IReadOnlyDictionary<Box, IReadOnlyList<(string Text, float P)>> next, Func<string, string> form)
    {
        var perBox = column.GroupBy(g => g.Box).ToDictionary(c => c.Key, c => c.Count());
        var options = new List<(int At, List<(string Text, double P)> Choices)>();
        for (var i = 0; i < column.Count; i++)
        {
            var read = column[i];
            if (read.Confidence >= UnsureBelow || read.Confidence <= 0 || perBox[read.Box] != 1 || !GlyphJudge.IsIdeograph(read.Text)
                || !next.TryGetValue(read.Box, out var choices) || choices.Count == 0) continue;
            var those = new List<(string Text, double P)> { (read.Text, read.Confidence) };
            foreach (var (text, p) in choices.OrderByDescending(c => c.P))
            {
                var t = form(text);
                if (p <= 0 || !GlyphJudge.IsIdeograph(t) || those.Any(c => c.Text == t)) continue;
                if (those.Count > Choices) break;
                those.Add((t, p));
            }
            if (those.Count > 1) options.Add((i, those));
        }
        var texts = column.Select(g => g.Text).ToArray();
        var changed = new bool[texts.Length];
        var cache = new Dictionary<string, double>();
        // Unsure cells that one word may cover (fewer than LongestWord apart) are one run, chosen together, a few at most.
        for (var r = 0; r < options.Count;)
        {
            var run = new List<(int At, List<(string Text, double P)> Choices)> { options[r++] };
            while (r < options.Count && run.Count < Together && options[r].At - run[^1].At < LongestWord) run.Add(options[r++]);
            ChooseTogether(texts, changed, run, cache);
        }
        var result = column.ToList();
        foreach (var (at, those) in options)
            if (texts[at] != column[at].Text)
                result[at] = column[at] with { Text = texts[at], Confidence = Math.Min(those.First(c => c.Text == texts[at]).P, column[at].Confidence) };
        return result;
    }

    /// <summary>Unsure cells chosen together at most (their choices multiply: 5⁵ combinations).</summary>
    private const int Together = 5;

    /// <summary>PP-OCR's next choices weighed for a cell besides its reading (all four it gives: three lose mended cells).</summary>
    private const int Choices = 4;

    /// <summary>
    /// The combination of choices for a run of unsure cells (<paramref name="texts"/> written with it) with the highest
    /// sum of their log probabilities plus <see cref="Weight"/> times the log probability of the best segmentation of
    /// the run and <see cref="LongestWord"/> − 1 neighbours each side into words (<see cref="WordLattice"/>), where each
    /// cell that differs from its reading is in a word of that path and makes the path likelier than its reading would
    /// in the same combination: a choice taken for a word, never for a single character's own frequency (without it,
    /// seed 1's frequent single characters 要 是 我 overwrote wrong readings with other wrong ones, 352 cells changed,
    /// the newspaper pages 76.70 → 76.24 %).
    /// </summary>
    private void ChooseTogether(string[] texts, bool[] changed, List<(int At, List<(string Text, double P)> Choices)> run, Dictionary<string, double> cache)
    {
        var from = Math.Max(0, run[0].At - LongestWord + 1);
        var to = Math.Min(texts.Length, run[^1].At + LongestWord);
        var pick = new int[run.Count];
        var best = (int[])pick.Clone();
        var bestScore = double.NegativeInfinity;
        var inWord = new bool[texts.Length];
        while (true)
        {
            var score = 0.0;
            for (var k = 0; k < run.Count; k++)
            {
                texts[run[k].At] = run[k].Choices[pick[k]].Text;
                changed[run[k].At] = pick[k] != 0;
                score += Math.Log(run[k].Choices[pick[k]].P);
            }
            var path = _lattice.BestPath(texts, changed, from, to, cache, inWord);
            score += Weight * path;
            if (score > bestScore && EachChangeReadsBetter(texts, changed, run, pick, path, inWord, from, to, cache)) { bestScore = score; best = (int[])pick.Clone(); }
            var j = 0;
            while (j < run.Count && ++pick[j] == run[j].Choices.Count) pick[j++] = 0;
            if (j == run.Count) break;
        }
        for (var k = 0; k < run.Count; k++) { texts[run[k].At] = run[k].Choices[best[k]].Text; changed[run[k].At] = false; }
    }

    /// <summary>Whether each changed cell of the combination is in a word of its path (<paramref name="inWord"/>) and makes the path likelier than its reading would.</summary>
    private bool EachChangeReadsBetter(string[] texts, bool[] changed, List<(int At, List<(string Text, double P)> Choices)> run, int[] pick, double path, bool[] inWord, int from, int to, Dictionary<string, double> cache)
    {
        for (var k = 0; k < run.Count; k++)
        {
            if (pick[k] == 0) continue;
            var at = run[k].At;
            if (!inWord[at]) return false;
            texts[at] = run[k].Choices[0].Text;
            changed[at] = false;
            var asRead = _lattice.BestPath(texts, changed, from, to, cache);
            texts[at] = run[k].Choices[pick[k]].Text;
            changed[at] = true;
            if (path <= asRead) return false;
        }
        return true;
    }

    /// <summary>SmartCn's core dictionary, with the search's folding table.</summary>
    public static WordContext Modern => LazyModern.Value;

    private static readonly Lazy<WordContext> LazyModern = new(CreateModern);

    private static WordContext CreateModern() => new(WithAlternatives(CoreDictionary(), LazyFolding.Value.Alternatives), ToSimplified);

    /// <summary>
    /// A word's frequency as the most frequent of its spellings with the folding table's alternatives (its A rows: 於 also
    /// as 于, 乾 also as 干): the folding keeps such a character, while the dictionary writes the word with the other one
    /// (于是, not 於是), so without them a choice of 于 formed the word and the reading 於 did not.
    /// </summary>
    internal static Func<string, int> WithAlternatives(Func<string, int> frequency, IReadOnlyDictionary<int, string[]> alternatives) => word =>
    {
        var best = frequency(word);
        var runes = word.EnumerateRunes().ToArray();
        for (var i = 0; i < runes.Length; i++)
        {
            if (!alternatives.TryGetValue(runes[i].Value, out var others)) continue;
            // One character replaced at a time: the words are of four characters at most, and two such characters in one
            // word are rare.
            foreach (var other in others)
                best = Math.Max(best, frequency(string.Concat(runes.Take(i).Select(r => r.ToString())) + other + string.Concat(runes.Skip(i + 1).Select(r => r.ToString()))));
        }
        return best;
    };

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
        var map = LazyFolding.Value.Map;
        var sb = new StringBuilder(text.Length);
        foreach (var r in text.EnumerateRunes())
            sb.Append(map.TryGetValue(r.Value, out var to) ? to : r.ToString());
        return sb.ToString();
    }

    /// <summary>The folding table's M rows (a character folded to another) and A rows (a kept character's alternatives).</summary>
    private static readonly Lazy<(Dictionary<int, string> Map, Dictionary<int, string[]> Alternatives)> LazyFolding = new(() =>
    {
        using var stream = typeof(WordContext).Assembly.GetManifestResourceStream("QyHeritage.Recognition.folding-table.tsv")
            ?? throw new InvalidOperationException("embedded folding-table.tsv missing");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<int, string>();
        var alternatives = new Dictionary<int, string[]>();
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            if (f.Length < 3 || !Rune.TryGetRuneAt(f[1], 0, out var from)) continue;
            if (f[0] == "M") map[from.Value] = f[2];
            else if (f[0] == "A") alternatives[from.Value] = f[2].EnumerateRunes().Select(r => r.ToString()).ToArray();
        }
        return (map, alternatives);
    });
}
