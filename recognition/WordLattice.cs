namespace QyHeritage.Recognition;

/// <summary>
/// How well a string of cells reads as words: the log probability of its best segmentation into dictionary words, each
/// word weighed by its own frequency (a unigram model, the path SmartCn's segmenter takes through its word lattice
/// before its word pairs weigh in). A single character is always a word, at its own frequency in the dictionary; a word
/// of two to <see cref="LongestWord"/> characters is one the dictionary holds. Where 明白它 reads 明自它, 明白|它 and
/// 明|自己 are each one path: a word is counted once however many unsure cells it covers.
/// </summary>
internal sealed class WordLattice(Func<string, int> frequency, Func<string, string> fold)
{
    /// <summary>The longest word the lattice holds, in characters (the dictionary's common words; longer ones are few).</summary>
    public const int LongestWord = 4;

    /// <summary>SmartCn's total of its dictionary's frequencies (Utility.MAX_FREQUENCE), a word's probability its frequency over it.</summary>
    private const double Total = 2079997 + 80000;

    /// <summary>
    /// The log probability of the best path through cells [<paramref name="from"/>, <paramref name="to"/>) of
    /// <paramref name="cells"/>. A word of several characters all of which are <paramref name="changed"/> (choices, not
    /// readings) is not in the lattice: the page does not bear it out (two adjacent unsure cells both changed to 民族).
    /// <paramref name="inWord"/>, where given, is set for each cell of the range: whether the path holds it in a word of
    /// several characters.
    /// </summary>
    public double BestPath(string[] cells, bool[] changed, int from, int to, Dictionary<string, double> cache, bool[]? inWord = null)
    {
        var n = to - from;
        Span<double> best = stackalloc double[n + 1];
        Span<int> last = stackalloc int[n + 1];
        best[0] = 0;
        for (var end = 1; end <= n; end++)
        {
            best[end] = double.NegativeInfinity;
            for (var length = 1; length <= Math.Min(LongestWord, end); length++)
            {
                var start = from + end - length;
                if (length > 1 && Array.IndexOf(changed, false, start, length) < 0) continue;
                var logP = Cached(cells, start, length, cache);
                if (!double.IsNegativeInfinity(logP) && best[end - length] + logP > best[end]) { best[end] = best[end - length] + logP; last[end] = length; }
            }
        }
        if (inWord != null)
            for (var end = n; end > 0; end -= last[end])
                for (var k = end - last[end]; k < end; k++) inWord[from + k] = last[end] > 1;
        return best[n];
    }

    /// <summary>
    /// The log probability of the word of cells [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>),
    /// looked up by its characters: a run's thousands of combinations ask for the same few words again, and a string
    /// made for each asking was most of the lattice's time.
    /// </summary>
    private double Cached(string[] cells, int start, int length, Dictionary<string, double> cache)
    {
        if (length == 1) return cache.TryGetValue(cells[start], out var one) ? one : cache[cells[start]] = LogProbability(cells[start], 1);
        var chars = 0;
        for (var k = start; k < start + length; k++) chars += cells[k].Length;
        Span<char> buffer = chars <= 64 ? stackalloc char[chars] : new char[chars];
        var at = 0;
        for (var k = start; k < start + length; k++) { cells[k].CopyTo(buffer[at..]); at += cells[k].Length; }
        if (cache.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(buffer, out var logP)) return logP;
        var word = new string(buffer);
        return cache[word] = LogProbability(word, length);
    }

    /// <summary>A word's log probability; a string of several characters the dictionary does not hold is no word.</summary>
    private double LogProbability(string word, int length)
    {
        var f = frequency(fold(word));
        return length > 1 && f == 0 ? double.NegativeInfinity : Math.Log((1.0 + f) / Total);
    }
}
