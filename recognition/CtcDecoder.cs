namespace QyHeritage.Recognition;

/// <summary>One character decoded from a CTC output: its text, the time steps it spans and its probability (0–1).</summary>
/// <param name="FirstStep">First time step of the run of the character.</param>
/// <param name="LastStep">Last time step of the run (inclusive).</param>
internal readonly record struct CtcChar(string Text, int FirstStep, int LastStep, double Confidence)
{
    /// <summary>Middle of the run in time steps: where the character sits along the line.</summary>
    public double CentreStep => (FirstStep + LastStep) / 2.0;

    /// <summary>The next most probable characters at the character's surest step, most probable first (empty unless asked for).</summary>
    public IReadOnlyList<(string Text, float P)> Next { get; init; } = [];
}

/// <summary>
/// Greedy (best path) CTC decoding: the most probable class at each time step, runs of the same class collapsed to
/// one character, blanks dropped. A blank between two runs of the same class keeps them as two characters (書書);
/// without one they are one. Beam search buys nothing here: one line is a few characters and the model is sure of most.
/// </summary>
internal static class CtcDecoder
{
    /// <param name="scores">Row-major [steps × classes] probabilities (PP-OCR's rec model ends in a softmax).</param>
    /// <param name="keys">The class names: index 0 is the blank and is never emitted.</param>
    /// <param name="only">When given, the classes that may be written: a step whose best class is not the blank writes
    /// the most probable of these (a leaf number's 十 that the model, seeing it alone, takes for +).</param>
    /// <param name="next">How many of the next most probable characters to keep with each character (<see cref="CtcChar.Next"/>).</param>
    public static List<CtcChar> Decode(ReadOnlySpan<float> scores, int steps, int classes, IReadOnlyList<string> keys, bool[]? only = null, int next = 0)
    {
        if (scores.Length < steps * classes) throw new ArgumentException($"expected {steps}×{classes} scores, got {scores.Length}", nameof(scores));
        var result = new List<CtcChar>();
        var previous = 0;
        int runStart = 0, runClass = 0, runBestStep = 0;
        double runBest = 0;
        for (var t = 0; t < steps; t++)
        {
            var row = scores.Slice(t * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
            if (only is not null && best != 0)
            {
                var allowed = 0;
                for (var c = 1; c < classes && c < only.Length; c++) if (only[c] && (allowed == 0 || row[c] > row[allowed])) allowed = c;
                best = allowed;
            }
            if (best != previous)
            {
                if (runClass != 0) Emit(result, keys, runClass, runStart, t - 1, runBest, Next(scores, runBestStep, classes, keys, runClass, next));
                runStart = t; runClass = best; runBest = 0;
            }
            // A character's confidence is its most confident step: the edges of a run are always less sure.
            if (best != 0 && row[best] > runBest) { runBest = row[best]; runBestStep = t; }
            previous = best;
        }
        if (runClass != 0) Emit(result, keys, runClass, runStart, steps - 1, runBest, Next(scores, runBestStep, classes, keys, runClass, next));
        return result;
    }

    private static void Emit(List<CtcChar> result, IReadOnlyList<string> keys, int cls, int first, int last, double confidence, IReadOnlyList<(string, float)> next)
    {
        // A class beyond the key list (a model and list that do not match) is dropped, not guessed.
        if (cls < keys.Count) result.Add(new CtcChar(keys[cls], first, last, confidence) { Next = next });
    }

    /// <summary>The <paramref name="count"/> most probable characters of one step other than the one written and the blank.</summary>
    private static IReadOnlyList<(string, float)> Next(ReadOnlySpan<float> scores, int step, int classes, IReadOnlyList<string> keys, int written, int count)
    {
        if (count <= 0) return [];
        var row = scores.Slice(step * classes, classes);
        var top = new PriorityQueue<int, float>();
        for (var c = 1; c < Math.Min(classes, keys.Count); c++)
        {
            if (c == written) continue;
            if (top.Count < count) top.Enqueue(c, row[c]);
            else if (top.TryPeek(out _, out var least) && row[c] > least) top.EnqueueDequeue(c, row[c]);
        }
        var result = new List<(string, float)>(top.Count);
        while (top.TryDequeue(out var c, out var p)) result.Add((keys[c], p));
        result.Reverse();
        return result;
    }
}
