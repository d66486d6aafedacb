namespace QyHeritage.Archive.Imaging;

/// <summary>
/// Process-wide libvips settings, applied once. libvips keeps them globally, so the composition
/// root may call <see cref="Configure"/> first; otherwise the imaging step applies the defaults
/// below on first use.
/// </summary>
public static class VipsSettings
{
    private static int _configured;

    /// <summary>
    /// Sets libvips' worker threads per pipeline and its operation cache.
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
    /// Default off: ingest opens every file once, so the cache only holds open file descriptors to
    /// masters and temporary files, and could hand back a stale image of a pyramid that was rebuilt
    /// and renamed over the old one.
    /// </param>
    public static void Configure(int threadsPerImage = 1, bool operationCache = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threadsPerImage, 1);
        Interlocked.Exchange(ref _configured, 1);
        NetVips.NetVips.Concurrency = threadsPerImage;
        if (!operationCache)
        {
            NetVips.Cache.Max = 0;
            NetVips.Cache.MaxFiles = 0;
        }
    }

    /// <summary>Applies the defaults unless somebody configured libvips already.</summary>
    internal static void EnsureConfigured()
    {
        if (Volatile.Read(ref _configured) == 0) Configure();
    }
}
