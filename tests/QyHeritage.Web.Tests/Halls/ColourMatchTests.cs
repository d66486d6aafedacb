using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QyHeritage.Archive.Tests;
using QyHeritage.Immersive.Rendering;
using QyHeritage.Web.Features.Halls;
using QyHeritage.Web.Tests.Exhibitions;
using QyHeritage.Web.Tests.Pages;
using Xunit.Abstractions;

namespace QyHeritage.Web.Tests.Halls;

/// <summary>
/// The same view of the same hall drawn by the C# renderer (immersive/Rendering on llvmpipe, with the hall client's lights:
/// <see cref="RenderSettings.HallClient"/>) and by the three.js client in headless chromium (WebGL 2 on SwiftShader,
/// through <c>qyHall.fixView</c>): the mean absolute difference per channel, in sRGB levels (0–255), stays under the
/// bounds below over the whole frame and over each exhibit picture in it. Both pictures are kept as test output
/// (TestResults/renders/colour-match-*.png) with the figures (colour-match.txt); bench/RESULTS.md quotes them.
/// </summary>
[Collection(HallSiteCollection.Name)]
public class ColourMatchTests(HallSite site, ITestOutputHelper output)
{
    /// <summary>Mean absolute difference per channel (levels of 255) allowed over the whole frame: lit walls, floor, ceiling, labels, edges.</summary>
    public const double FrameBound = 3.0;

    /// <summary>… and over each exhibit picture in view (unlit: the sRGB texture decode, filtering and the sRGB target).</summary>
    public const double PictureBound = 3.0;

    /// <summary>Mean signed difference (three.js − C#) allowed in any channel over the frame: no overall brightness or tint shift.</summary>
    public const double BiasBound = 1.5;

    [Fact]
    public async Task The_spawn_view_and_an_exhibits_tour_stop_drawn_by_the_csharp_renderer_and_by_the_three_js_client_differ_by_a_few_levels_on_average()
    {
        var id = ExhibitionSite.Id;
        // The first request compiles the hall: on a busy machine that can outlast the client's 60 s.
        byte[]? glb = null;
        for (var deadline0 = DateTime.UtcNow.AddSeconds(300); glb is null;)
        {
            try { glb = await site.Host.Client.GetByteArrayAsync($"/halls/{id}.glb"); }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline0) { }
        }
        var scene = (await site.Host.Services.GetRequiredService<HallDerivatives>().ReadSceneAsync(id, default))!;

        var page = await site.NewPageAsync(960, 800);
        var console = new ConcurrentQueue<string>();
        page.Console += (_, m) => console.Enqueue($"{m.Type}: {m.Text}");
        page.PageError += (_, e) => console.Enqueue("page error: " + e);
        await page.GotoAsync(site.Url($"/halls/{id}"));
        // three.js on SwiftShader on a shared CI machine: loading can take a while (the client's own tests allow 120 s).
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (await page.EvaluateAsync<string>("() => window.qyHall?.state ?? 'loading'") == "loading")
        {
            Assert.True(DateTime.UtcNow < deadline, "the hall client did not load within 180 s: " + await page.Locator("[data-status]").TextContentAsync() + " | " + string.Join(" | ", console));
            await Task.Delay(250);
        }
        Assert.Equal("ready", await page.EvaluateAsync<string>("() => window.qyHall.state"));
        var exhibits = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-show-exhibit]')].map((b) => b.dataset.showExhibit)");
        Assert.NotEmpty(exhibits);

        // Where the visitor arrives (down the gallery: lit walls, the floor map, the ceiling), then the first exhibit's
        // stop (its picture, its label, the wall around it).
        var spawn = await page.EvaluateAsync<double[]>("() => window.qyHall.camera");
        var spawnHeading = await page.EvaluateAsync<double>("() => window.qyHall.heading");
        var stop = scene["tour"]!.AsArray().First(s => (string?)s!["kind"] == "exhibit")!;
        var direction = Vector3.Normalize(Vec(stop["direction"]!));
        var views = new (string Name, Vector3 Position, float Yaw, float Pitch)[]
        {
            ("spawn", new Vector3((float)spawn[0], (float)spawn[1], (float)spawn[2]), (float)spawnHeading, 0),
            ($"stop-{(int)stop["n"]!}", Vec(stop["position"]!), MathF.Atan2(-direction.X, -direction.Z) * 180 / MathF.PI, MathF.Asin(direction.Y) * 180 / MathF.PI),
        };
        const float fov = 60;

        using var renderer = HallRenderer.Load(glb, RenderSettings.HallClient);
        var report = new StringBuilder();
        var failures = new List<string>();
        var pictures = 0;
        foreach (var (name, position, yaw, pitch) in views)
        {
            // Playwright serialises doubles, not floats: the camera goes over as doubles.
            var dataUrl = await page.EvaluateAsync<string>(
                "([p, yaw, pitch, fov]) => window.qyHall.fixView(p, yaw, pitch, fov)",
                new object[] { new double[] { position.X, position.Y, position.Z }, (double)yaw, (double)pitch, (double)fov });
            var client = RenderedImage.Decode(Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',') + 1)..]));
            var ours = renderer.Render(new HallCamera(position, yaw, pitch, fov, client.Width, client.Height));
            Keep(client, $"colour-match-{name}-threejs");
            Keep(ours, $"colour-match-{name}-csharp");

            var frame = Compare(client, ours);
            var line = Invariant($"{name} ({position.X:F2}, {position.Y:F2}, {position.Z:F2}) yaw {yaw:F1}° pitch {pitch:F1}°, {client.Width}×{client.Height}: frame MAE {frame.Mae:F2} levels (R {frame.Channel[0]:F2}, G {frame.Channel[1]:F2}, B {frame.Channel[2]:F2}; bias three.js − C# {frame.Bias[0]:+0.00;-0.00}, {frame.Bias[1]:+0.00;-0.00}, {frame.Bias[2]:+0.00;-0.00})");
            if (frame.Mae >= FrameBound) failures.Add(line);
            if (frame.Bias.Any(b => Math.Abs(b) >= BiasBound)) failures.Add(line + " (bias)");
            report.AppendLine(line);

            // Each exhibit picture wholly in view and at least 24 px each way, its edges (anti-aliased differently by the
            // two rasterisers, against the frame) left out by 2 px.
            foreach (var exhibit in exhibits)
            {
                var r = await page.EvaluateAsync<double[]?>("(id) => window.qyHall.exhibitRect(id)", exhibit);
                if (r is null) continue;
                int x0 = (int)Math.Ceiling(r[0]) + 2, y0 = (int)Math.Ceiling(r[1]) + 2, x1 = (int)Math.Floor(r[2]) - 2, y1 = (int)Math.Floor(r[3]) - 2;
                if (x0 < 0 || y0 < 0 || x1 > client.Width || y1 > client.Height || x1 - x0 < 24 || y1 - y0 < 24) continue;
                var visible = await page.EvaluateAsync<string[]>("() => window.qyHall.visibleExhibits()");
                if (!visible.Contains(exhibit)) continue;
                var picture = Compare(client.Crop(x0, y0, x1 - x0, y1 - y0), ours.Crop(x0, y0, x1 - x0, y1 - y0));
                var pline = Invariant($"  exhibit {exhibit} at ({x0}, {y0})–({x1}, {y1}): MAE {picture.Mae:F2} levels (bias {picture.Bias[0]:+0.00;-0.00}, {picture.Bias[1]:+0.00;-0.00}, {picture.Bias[2]:+0.00;-0.00})");
                if (picture.Mae >= PictureBound) failures.Add(pline);
                report.AppendLine(pline);
                pictures++;
            }
        }
        await page.Context.CloseAsync();

        var text = Invariant($"Colour match, C# ({renderer.GlRenderer}) against three.js (chromium, SwiftShader); bounds: frame MAE < {FrameBound}, picture MAE < {PictureBound}, |bias| < {BiasBound} levels of 255\n") + report;
        output.WriteLine(text);
        await File.WriteAllTextAsync(Path.Combine(RendersFolder, "colour-match.txt"), text);
        Assert.True(pictures > 0, "no exhibit picture was wholly in view to compare:\n" + text);
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + text);
    }

    private static string RendersFolder => Path.Combine(TestPaths.RepoRoot, "tests", "QyHeritage.Web.Tests", "TestResults", "renders");

    /// <summary>Kept losslessly (PNG): a JPEG's own error would be as large as the differences looked for.</summary>
    private static void Keep(RenderedImage image, string name)
    {
        Directory.CreateDirectory(RendersFolder);
        image.SavePng(Path.Combine(RendersFolder, name + ".png"));
    }

    /// <summary>Mean absolute difference (all channels and per channel) and mean signed difference a − b per channel, in levels of 255.</summary>
    private static (double Mae, double[] Channel, double[] Bias) Compare(RenderedImage a, RenderedImage b)
    {
        var abs = new long[3];
        var signed = new long[3];
        for (int i = 0; i < a.Rgba.Length; i += 4)
        {
            for (int c = 0; c < 3; c++)
            {
                int d = a.Rgba[i + c] - b.Rgba[i + c];
                abs[c] += Math.Abs(d);
                signed[c] += d;
            }
        }
        double n = a.Width * (double)a.Height;
        return (a.MeanAbsoluteError(b), abs.Select(s => s / n).ToArray(), signed.Select(s => s / n).ToArray());
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static Vector3 Vec(JsonNode n) => new((float)n[0]!, (float)n[1]!, (float)n[2]!);
}
