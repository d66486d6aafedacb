using System.Collections.Concurrent;

namespace QyHeritage.Iiif.Caching;

/// <summary>
/// Concurrent calls for the same key share one computation: the first caller starts it, the others
/// await the same task. When a viewer opens a page, fifty clients may ask for the same uncached tile
/// within milliseconds; this makes that one render, not fifty.
/// </summary>
public sealed class SingleFlight<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="compute"/> unless a call for <paramref name="key"/> is already running; either way returns its result.</summary>
    public async Task<T> RunAsync(string key, Func<Task<T>> compute)
    {
        var lazy = _inFlight.GetOrAdd(key, _ => new Lazy<Task<T>>(compute, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return await lazy.Value;
        }
        finally
        {
            // Only the entry we awaited, so a later flight for the same key is never removed by an earlier one.
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, lazy));
        }
    }

    /// <summary>Calls now in flight (for tests and metrics).</summary>
    public int Count => _inFlight.Count;
}
