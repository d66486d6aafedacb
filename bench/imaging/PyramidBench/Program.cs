using System.Diagnostics;
using QyHeritage.Archive.Imaging;

// Usage: PyramidBench MASTER DESTINATION [THREADS_PER_IMAGE]
//        PyramidBench MASTER --probe-only
// Builds one pyramid with the production code path and prints one line of figures; the calling
// script measures the whole process (start-up included) with /usr/bin/time. --probe-only reads the
// header and stops: the process's floor (.NET runtime plus libvips loaded), to read RSS against.
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: PyramidBench MASTER DESTINATION [THREADS_PER_IMAGE]");
    return 2;
}

if (args[1] == "--probe-only")
{
    var header = MasterProbe.Read(args[0], new ImagingOptions());
    Console.WriteLine(FormattableString.Invariant($"probe-only size={header.Width}x{header.Height}"));
    return 0;
}

var threads = args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;
VipsSettings.Configure(threadsPerImage: threads);

var builder = new PyramidBuilder(new ImagingOptions());
var clock = Stopwatch.StartNew();
var probe = builder.Probe(args[0]);
var probeMs = clock.Elapsed.TotalMilliseconds;
var info = builder.Build(args[0], args[1]);
clock.Stop();

Console.WriteLine(FormattableString.Invariant(
    $"build_ms={clock.Elapsed.TotalMilliseconds:F0} probe_ms={probeMs:F1} size={probe.Width}x{probe.Height} levels={info.Levels.Count} bytes={info.Bytes} threads={threads} vips_mem_highwater_mb={NetVips.Stats.MemHighwater / 1048576.0:F1}"));
return 0;
