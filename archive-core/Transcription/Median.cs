namespace QyHeritage.Archive.Transcription;

/// <summary>Medians: the robust middle used for sizes and pitches, where one wild OCR box must not move the result.</summary>
internal static class Median
{
    /// <summary>The median of the values, or <paramref name="fallback"/> when there are none.</summary>
    public static double Of(IEnumerable<double> values, double fallback)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return fallback;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
