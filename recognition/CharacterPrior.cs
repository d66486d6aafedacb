using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// How often each character occurs in text of the library's in traditional characters (embedded
/// TraditionalCharacterCounts.txt: the sample collection's traditional-script transcriptions, written by
/// bench/ocr/character-counts.py), as a prior on PP-OCR's readings where it reads a page alone. PP-OCR was trained
/// mostly on modern simplified text: on a copyist's hand it reads 曰 as 白 or 堯 as 克 with its right reading next
/// (尧, written 堯 on a traditional page). Each cell keeps, of what PP-OCR wrote and its next choices there, the one with
/// the highest log probability plus <see cref="Weight"/> times the log of its prior (add-one, over every URO ideograph),
/// so a rare character is taken over a common one only where the model was nearly as sure of it.
/// Measured on real scans (bench/RESULTS.md, bench/ocr/OcrBench <c>--cells</c>): the weight a quarter, of a quarter, a
/// half and one; the larger weights changed more cells wrongly than rightly.
/// </summary>
internal sealed class CharacterPrior
{
    /// <summary>How much the prior's log counts against the model's: a quarter.</summary>
    public const double Weight = 0.25;

    /// <summary>Every character the prior has room for: the URO ideographs (U+4E00–U+9FFF).</summary>
    private const int Vocabulary = 0x9FFF - 0x4E00 + 1;

    private readonly IReadOnlyDictionary<string, int> _counts;
    private readonly long _total;

    internal CharacterPrior(IReadOnlyDictionary<string, int> counts)
    {
        _counts = counts;
        _total = counts.Values.Sum(c => (long)c);
    }

    /// <summary>Whether the texts counted use this character at all.</summary>
    public bool Knows(string text) => _counts.ContainsKey(text);

    public double LogP(string text) => Math.Log((_counts.GetValueOrDefault(text) + 1.0) / (_total + Vocabulary));

    /// <summary>
    /// The reading of one cell, reconsidered: <paramref name="read"/> or one of PP-OCR's <paramref name="next"/> choices
    /// there (each in the page's form, <paramref name="form"/>), with the probability the model gave it as confidence
    /// (never above what the reading had). Not an ideograph, or no next choices: as read.
    /// </summary>
    public OcrGlyph Reconsider(OcrGlyph read, IReadOnlyList<(string Text, float P)> next, Func<string, string> form)
    {
        if (next.Count == 0 || read.Confidence <= 0 || !GlyphJudge.IsIdeograph(read.Text)) return read;
        var best = (read.Text, Confidence: read.Confidence, Score: Math.Log(read.Confidence) + Weight * LogP(read.Text));
        foreach (var (text, p) in next)
        {
            var t = form(text);
            if (p <= 0 || !GlyphJudge.IsIdeograph(t)) continue;
            var score = Math.Log(p) + Weight * LogP(t);
            if (score > best.Score) best = (t, Math.Min(p, read.Confidence), score);
        }
        return best.Text == read.Text ? read : read with { Text = best.Text, Confidence = best.Confidence };
    }

    public static CharacterPrior Traditional => LazyTraditional.Value;

    private static readonly Lazy<CharacterPrior> LazyTraditional = new(() =>
    {
        using var stream = typeof(CharacterPrior).Assembly.GetManifestResourceStream("QyHeritage.Recognition.TraditionalCharacterCounts.txt")
            ?? throw new InvalidOperationException("embedded TraditionalCharacterCounts.txt missing");
        using var reader = new StreamReader(stream);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in reader.ReadToEnd().Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var n)) counts[parts[0]] = n;
        }
        return new CharacterPrior(counts);
    });
}
