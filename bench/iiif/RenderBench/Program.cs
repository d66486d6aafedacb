using System.Diagnostics;
using QyHeritage.Archive.Imaging;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Iiif.ImageApi.Jpeg;

// Usage: RenderBench PYRAMID [SECONDS_PER_ROW]     (BREAKDOWN=1: also the parts of two thumbnails)
// Times, on one thread, each way of answering the benchmark's request kinds: 512 px tiles at full
// resolution (lossless mosaic against libvips decode, crop and encode) and full/!400,400
// thumbnails (TurboJPEG tile decoding against libvips' tiffload). Prints ms per request, wall and
// CPU; one thread, so load on the machine inflates wall time far more than CPU time.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: RenderBench PYRAMID [SECONDS_PER_ROW]");
    return 2;
}
var path = args[0];
var seconds = args.Length == 2 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
VipsSettings.Configure();
var pyramid = TiffPyramid.Read(path);
var limits = new ImageLimits(65535, 65535, 1L << 32);
ImagePlan Plan(string region, string size) => ImageRequest.Parse(region, size, "0", "default.jpg").Get().Resolve(pyramid.Width, pyramid.Height, limits).Get();

var tiles = new List<ImagePlan>();
for (var y = 0; y + 512 <= pyramid.Height; y += 512)
for (var x = 0; x + 512 <= pyramid.Width; x += 512)
    tiles.Add(Plan($"{x},{y},512,512", "512,"));
var thumbs = Enumerable.Range(351, 50).Select(s => Plan("full", $"!{s},{s}")).ToList();

Row("tiles512 mosaic", tiles, p => JpegMosaic.TryCompose(path, pyramid, p) ?? throw new InvalidOperationException("no mosaic"));
Row("tiles512 libvips", tiles, p => ImageRenderer.Render(path, pyramid, p, directDecode: false));
Row("thumbs libvips", thumbs, p => ImageRenderer.Render(path, pyramid, p, directDecode: false));
Row("thumbs direct", thumbs, p => ImageRenderer.Render(path, pyramid, p));
// The host's default: decoded tiles kept between requests (64 MB), so fifty sizes decode each tile once.
var kept = new QyHeritage.Iiif.Caching.DecodedTileCache(64L * 1024 * 1024);
Row("thumbs direct+tiles", thumbs, p => ImageRenderer.Render(path, pyramid, p, tiles: kept, version: "bench"));
if (Environment.GetEnvironmentVariable("BREAKDOWN") == "1")
{
    foreach (var size in new[] { 360, 400 })
    {
        var plan = Plan("full", $"!{size},{size}");
        var one = new List<ImagePlan> { plan };
        var page = ImageRenderer.ChooseLevel(pyramid, plan);
        var level = pyramid.Levels[page];
        var whole = Plan("full", $"{level.Width},{level.Height}");
        Console.WriteLine($"!{size},{size}: level {page} {level.Width}x{level.Height} -> {plan.Width}x{plan.Height}");
        Row("  render", one, p => ImageRenderer.Render(path, pyramid, p, directDecode: false));
        Row("  render direct", one, p => ImageRenderer.Render(path, pyramid, p));
        Row("  tiffload", one, p => { using var i = NetVips.Image.Tiffload(path, page: page, access: NetVips.Enums.Access.Random); return i.WriteToMemory<byte>(); });
        Row("  +lanczos3", one, p => { using var i = NetVips.Image.Tiffload(path, page: page, access: NetVips.Enums.Access.Random); using var r = i.Resize(p.Width / (double)level.Width); return r.WriteToMemory<byte>(); });
        Row("  +linear", one, p => { using var i = NetVips.Image.Tiffload(path, page: page, access: NetVips.Enums.Access.Random); using var r = i.Resize(p.Width / (double)level.Width, kernel: NetVips.Enums.Kernel.Linear); return r.WriteToMemory<byte>(); });
        var key = $"{path}|bench";
        Row("  kept tiles", one, p => { using var c = DecodedJpegCrop.TryDecode(path, level, 0, 0, level.Width, level.Height, kept, key)!; return []; });
        Row("  +to memory", one, p => { using var c = DecodedJpegCrop.TryDecode(path, level, 0, 0, level.Width, level.Height, kept, key)!; return c.Image.WriteToMemory<byte>(); });
        Row("  +lanczos3 ", one, p => { using var c = DecodedJpegCrop.TryDecode(path, level, 0, 0, level.Width, level.Height, kept, key)!; using var r = c.Image.Resize(p.Width / (double)level.Width); return r.WriteToMemory<byte>(); });
        Row("  +linear ", one, p => { using var c = DecodedJpegCrop.TryDecode(path, level, 0, 0, level.Width, level.Height, kept, key)!; using var r = c.Image.Resize(p.Width / (double)level.Width, kernel: NetVips.Enums.Kernel.Linear); return r.WriteToMemory<byte>(); });
        Row("  render kept", one, p => ImageRenderer.Render(path, pyramid, p, tiles: kept, version: "bench"));
        Row("  mosaic", one, p => JpegMosaic.TryCompose(path, pyramid, whole)!);
        Row("  mosaic+jpegload", one, p => { var m = JpegMosaic.TryCompose(path, pyramid, whole)!; using var i = NetVips.Image.NewFromBuffer(m, access: NetVips.Enums.Access.Sequential); return i.WriteToMemory<byte>(); });
        Row("  +lanczos3+encode", one, p => { var m = JpegMosaic.TryCompose(path, pyramid, whole)!; using var i = NetVips.Image.NewFromBuffer(m, access: NetVips.Enums.Access.Sequential); using var r = i.Resize(p.Width / (double)level.Width); return r.JpegsaveBuffer(q: 85); });
    }
}
return 0;

void Row(string name, List<ImagePlan> plans, Func<ImagePlan, byte[]> make)
{
    for (var i = 0; i < Math.Min(5, plans.Count); i++) make(plans[i]); // warm-up: JIT and libvips start-up
    var clock = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    long n = 0, bytes = 0;
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        bytes += make(plans[(int)(n % plans.Count)]).Length;
        n++;
    }
    var wall = clock.Elapsed.TotalMilliseconds;
    var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
    Console.WriteLine(FormattableString.Invariant($"{name,-20} {wall / n,7:F2} ms/request wall  {cpuMs / n,7:F2} ms CPU  {bytes / n / 1024,5} KiB  (n={n})"));
}
