using Microsoft.Extensions.Logging;
using NetVips;

namespace QyHeritage.Archive.Imaging;

/// <summary>
/// Process-wide libvips settings, applied once. libvips keeps them globally, so the composition
/// root may call <see cref="Configure"/> first; otherwise the imaging step applies the defaults
/// below on first use.
/// </summary>
public static class VipsSettings
{
    private static int _configured;
    private static ILogger? _libvipsLog;
    // Held in a static field so the delegate that native code calls is never collected.
    private static Log.LogDelegate? _logHandler;
    private static readonly Lock HandlerLock = new();

    /// <summary>
    /// Sets libvips' worker threads per pipeline, its operation cache and where its log goes.
    /// </summary>
    /// <param name="threadsPerImage">
    /// Worker threads one image pipeline may use. Default 1: ingest runs one page per core, and
    /// libvips' own default (one worker per core in every pipeline) would put 2 × 2 workers and
    /// their buffers on a 2-core machine. A pyramid build is bound by the sequential JPEG decode
    /// and the serial TIFF write, so extra workers buy nothing: on the 10000×7500 benchmark
    /// (bench/RESULTS.md) one build takes the same time with 1 or 2 workers, two builds in
    /// parallel are no faster with 2, and each extra worker adds a few MB of peak memory.
    /// </param>
    /// <param name="operationCache">
    /// Default off for this process (the host may turn it on for request-time work): ingest opens
    /// every file once, so the cache only holds open file descriptors to masters and temporary
    /// files, and could hand back a stale image of a pyramid that was rebuilt and renamed over the
    /// old one.
    /// </param>
    /// <param name="libvipsLog">
    /// Where libvips' own warnings go, at Debug level. libvips logs through GLib, which prints to
    /// stderr, e.g. "error in tile 0 x 8" for every damaged page; the same failure reaches the
    /// caller as a <see cref="MasterRejectedException"/>, so by default (null) these are dropped.
    /// </param>
    public static void Configure(int threadsPerImage = 1, bool operationCache = false, ILogger? libvipsLog = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threadsPerImage, 1);
        Interlocked.Exchange(ref _configured, 1);
        NetVips.NetVips.Concurrency = threadsPerImage;

        // Off: nothing cached. On: libvips' own defaults (100 operations, 100 MB, 100 files), so a
        // host that turns it back on after the imaging step has run gets a working cache.
        Cache.Max = operationCache ? 100 : 0;
        Cache.MaxMem = operationCache ? 100UL * 1024 * 1024 : 0;
        Cache.MaxFiles = operationCache ? 100 : 0;

        Volatile.Write(ref _libvipsLog, libvipsLog);
        lock (HandlerLock)
        {
            if (_logHandler is null)
            {
                _logHandler = Forward;
                Log.SetLogHandler("VIPS",
                    Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info | Enums.LogLevelFlags.Debug,
                    _logHandler);
            }
        }
    }

    /// <summary>Applies the defaults unless somebody configured libvips already.</summary>
    internal static void EnsureConfigured()
    {
        if (Volatile.Read(ref _configured) == 0) Configure();
    }

    private static void Forward(string domain, Enums.LogLevelFlags level, string message)
    {
        var logger = Volatile.Read(ref _libvipsLog);
        if (logger is not null && logger.IsEnabled(LogLevel.Debug))
            ImagingLog.Libvips(logger, domain, level.ToString(), message);
    }
}
