// Times the headless hall renderer (immersive/Rendering) on a synthetic gallery: a 10 m × 10 m room,
// 4 m high (floor, ceiling, four walls, each a colour-ramp texture) and 94 framed pictures, each its own 512×384 sRGB JPEG texture, so
// 100 draw calls. Prints one line per measurement; bench/halls/render.sh runs it and keeps the output.
using System.Diagnostics;
using System.Numerics;
using QyHeritage.Immersive.Rendering;
using QyHeritage.Immersive.Tests.Rendering;

int frames = args.Length > 0 ? int.Parse(args[0]) : 10;
int panoramas = args.Length > 1 ? int.Parse(args[1]) : 3;
string outFolder = args.Length > 2 ? args[2] : Path.GetTempPath();

var hall = new TestHall();
hall.Room(halfSize: 5, height: 4);
int pictures = 94;
for (int i = 0; i < pictures; i++)
{
    // Four rows of twelve on each side wall, turned inwards, 0.8 m apart.
    bool left = i % 2 == 0;
    int slot = i / 2;
    float z = -4.6f + (slot % 12) * 0.8f;
    float y = slot < 12 ? 1.4f : slot < 24 ? 2.3f : slot < 36 ? 3.1f : 0.7f;
    var jpeg = PictureJpeg(i);
    hall.Quad($"picture {i}", new Vector3(left ? -4.95f : 4.95f, y, z), 0.64f, 0.48f, left ? 90 : -90, hall.Textured($"picture {i}", jpeg));
}
var glb = hall.ToGlb();
Console.WriteLine($"glb_bytes {glb.Length}");

var load = Stopwatch.StartNew();
using var renderer = HallRenderer.Load(glb, new RenderSettings { Background = (20, 20, 20) });
Console.WriteLine($"renderer {renderer.GlRenderer}");
Console.WriteLine($"load_ms {load.Elapsed.TotalMilliseconds:F0} draws {renderer.DrawCount} triangles {renderer.TriangleCount}");

var camera = new HallCamera(new Vector3(0, 1.6f, 4), 0, 0, 60, 2048, 1024);
foreach (int samples in new[] { 4, 1 })
{
    using var r = samples == 4 ? null : HallRenderer.Load(glb, new RenderSettings { Background = (20, 20, 20), Samples = samples });
    var target = r ?? renderer;
    target.Render(camera);  // warm-up: shader compile, texture residency
    var times = new List<double>();
    var cpu = Cpu();
    for (int i = 0; i < frames; i++)
    {
        var sw = Stopwatch.StartNew();
        target.Render(camera with { YawDegrees = i * 36 });
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"frame_2048x1024_msaa{samples}_ms median {Median(times):F1} min {times.Min():F1} max {times.Max():F1} n {frames} cpu_ms_per_frame {(Cpu() - cpu) / frames:F0}");
}

var faceTimes = new List<double>();
for (int i = 0; i < panoramas; i++)
{
    var sw = Stopwatch.StartNew();
    for (int f = 0; f < 6; f++)
        renderer.Render(new HallCamera(new Vector3(0, 1.6f, 0), f * 60, 0, 90, 1344, 1344));
    faceTimes.Add(sw.Elapsed.TotalMilliseconds);
}
Console.WriteLine($"six_views_1344_msaa4_ms median {Median(faceTimes):F0} (each read back: an upper bound for the cube faces)");

var panoramaTimes = new List<double>();
var encodeTimes = new List<double>();
double panoramaCpu = 0;
RenderedImage? last = null;
for (int i = 0; i < panoramas; i++)
{
    var sw = Stopwatch.StartNew();
    var cpu = Cpu();
    last = renderer.RenderPanorama(new Vector3(0, 1.6f, 0), i * 30);
    panoramaCpu += Cpu() - cpu;
    panoramaTimes.Add(sw.Elapsed.TotalMilliseconds);
    sw.Restart();
    var jpeg = last.ToJpeg();
    encodeTimes.Add(sw.Elapsed.TotalMilliseconds);
    if (i == 0)
        File.WriteAllBytes(Path.Combine(outFolder, "bench-panorama.jpg"), jpeg);
}
Console.WriteLine($"panorama_4096x2048_ms median {Median(panoramaTimes):F0} min {panoramaTimes.Min():F0} n {panoramas} cpu_ms_each {panoramaCpu / panoramas:F0} (faces 1344² MSAA 4, GPU resample, read back)");
Console.WriteLine($"panorama_jpeg_q88_ms median {Median(encodeTimes):F0}");
renderer.Render(camera).SaveJpeg(Path.Combine(outFolder, "bench-frame.jpg"));

// CPU time of this process (all llvmpipe threads), in ms: on a shared machine, what the work costs.
static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static byte[] PictureJpeg(int seed)
{
    // A different picture each: colour ramps with a seed-dependent tint and stripes.
    int w = 512, h = 384;
    var rgb = new byte[w * h * 3];
    var random = new Random(seed);
    byte tint = (byte)random.Next(40, 220);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            int i = (y * w + x) * 3;
            rgb[i] = (byte)(x * 255 / w);
            rgb[i + 1] = (byte)((y * 255 / h) ^ (((x / 16) & 1) * 40));
            rgb[i + 2] = tint;
        }
    using var image = NetVips.Image.NewFromMemory(rgb, w, h, 3, NetVips.Enums.BandFormat.Uchar);
    return image.JpegsaveBuffer(q: 85);
}
