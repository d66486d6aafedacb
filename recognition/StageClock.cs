using System.Diagnostics;
using System.Globalization;

namespace QyHeritage.Recognition;

/// <summary>
/// Where a page's seconds go: the time of each stage of its reading, summed by stage name, for the Debug log line at
/// the page's end (bench/ocr/OcrBench <c>--trace</c>). Stages may run at once (tesseract's process beside PP-OCR), so
/// the sum of the stages may exceed the page's time.
/// </summary>
internal sealed class StageClock
{
    private readonly Lock _gate = new();
    private readonly List<(string Stage, double Ms)> _stages = [];

    /// <summary>Runs <paramref name="work"/> and adds its time to <paramref name="stage"/>.</summary>
    public T Time<T>(string stage, Func<T> work)
    {
        var start = Stopwatch.GetTimestamp();
        try { return work(); }
        finally { Add(stage, Stopwatch.GetElapsedTime(start).TotalMilliseconds); }
    }

    /// <summary>Runs <paramref name="work"/> and adds its time to <paramref name="stage"/>.</summary>
    public void Time(string stage, Action work)
    {
        var start = Stopwatch.GetTimestamp();
        try { work(); }
        finally { Add(stage, Stopwatch.GetElapsedTime(start).TotalMilliseconds); }
    }

    /// <summary>Awaits <paramref name="work"/> and adds its time to <paramref name="stage"/>.</summary>
    public async Task<T> TimeAsync<T>(string stage, Func<Task<T>> work)
    {
        var start = Stopwatch.GetTimestamp();
        try { return await work().ConfigureAwait(false); }
        finally { Add(stage, Stopwatch.GetElapsedTime(start).TotalMilliseconds); }
    }

    public void Add(string stage, double ms)
    {
        lock (_gate)
        {
            var i = _stages.FindIndex(s => s.Stage == stage);
            if (i < 0) _stages.Add((stage, ms));
            else _stages[i] = (stage, _stages[i].Ms + ms);
        }
    }

    /// <summary>Each stage and its milliseconds, in the order the stages first ran.</summary>
    public override string ToString()
    {
        lock (_gate) return string.Join(", ", _stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Stage} {s.Ms:0}")));
    }
}
