using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace QyHeritage.Iiif.Caching;

/// <summary>
/// Gives memory back to the system after a large render. A 32 MP render passes a few hundred MB
/// through libvips' buffers (native, glibc malloc) and the managed large-object heap (the encoded
/// answer); both keep what they once held: glibc keeps freed pages in its arenas, the GC keeps its
/// committed segments. So after a render above the threshold, once no other large render is running:
/// a blocking, compacting, aggressive collection (LOH included; it decommits what it frees), then
/// glibc's <c>malloc_trim(0)</c>, which unmaps the free pages of every arena. bench/RESULTS.md has
/// the measurements that chose these two.
/// </summary>
public sealed class MemoryReturn(long thresholdPixels, ILogger log)
{
    /// <summary>How long after the last large render memory is returned: its answer is usually sent by then, so its buffer is garbage too.</summary>
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private int _running;
    private int _pending;
    private int _returns;

    /// <summary>Pixels of output from which a render returns memory after it; 0 or less never does.</summary>
    public long ThresholdPixels { get; } = thresholdPixels;

    /// <summary>How many times memory was returned (for tests and metrics).</summary>
    public int Returns => Volatile.Read(ref _returns);

    /// <summary>Call around a render: returns what to dispose when it is done (null below the threshold).</summary>
    public IDisposable? Begin(long outputPixels)
    {
        if (ThresholdPixels <= 0 || outputPixels < ThresholdPixels) return null;
        Interlocked.Increment(ref _running);
        return new Done(this);
    }

    private void End()
    {
        Interlocked.Exchange(ref _pending, 1);
        Interlocked.Decrement(ref _running);
        _ = Task.Run(async () =>
        {
            await Task.Delay(Delay);
            // The last large render of a burst returns for all of them.
            if (Volatile.Read(ref _running) == 0 && Interlocked.Exchange(ref _pending, 0) == 1) Return();
        });
    }

    /// <summary>Collects and trims now. Blocking: call off the request path, or after the answer is made.</summary>
    public void Return()
    {
        var before = Environment.WorkingSet;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var trimmed = TrimNative();
        Interlocked.Increment(ref _returns);
        CacheLog.MemoryReturned(log, before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024), trimmed);
    }

    /// <summary>glibc's malloc_trim(0); false where there is no glibc (musl, macOS, Windows).</summary>
    private static bool TrimNative()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    private sealed class Done(MemoryReturn owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.End();
        }
    }
}
