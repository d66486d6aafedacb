using System.Runtime.InteropServices;

namespace QyHeritage.Iiif.Caching;

/// <summary>
/// glibc malloc settings for this process, made once at start (before libvips starts its threads).
/// libvips allocates its pixel buffers with malloc; glibc's default moves its mmap threshold up to
/// the largest block freed (up to 32 MB), after which big buffers come from the arenas and stay
/// there when freed, and it keeps up to 8 arenas per core. A fixed threshold sends every buffer of
/// at least that size to mmap, so freeing it returns it to the system at once; fewer arenas keep
/// less free memory stranded. No effect where the C library is not glibc.
/// </summary>
public static class NativeAllocator
{
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;
    private const int MArenaMax = -8;
    private static int _configured;

    /// <param name="mmapThresholdKilobytes">Blocks from this size are mmapped (and unmapped when freed); 0 keeps glibc's sliding default.</param>
    /// <param name="arenas">Most malloc arenas; 0 keeps glibc's default (8 per core).</param>
    /// <returns>Whether glibc took the settings.</returns>
    public static bool Configure(int mmapThresholdKilobytes, int arenas)
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _configured, 1) == 1) return false;
        try
        {
            var ok = true;
            if (mmapThresholdKilobytes > 0)
            {
                ok &= Mallopt(MMmapThreshold, mmapThresholdKilobytes * 1024) == 1;
                // Setting the mmap threshold fixes the trim threshold too (at glibc's 128 KB): free heap tops go back.
                ok &= Mallopt(MTrimThreshold, Math.Max(128, mmapThresholdKilobytes) * 1024) == 1;
            }
            if (arenas > 0) ok &= Mallopt(MArenaMax, arenas) == 1;
            return ok;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int param, int value);
}
