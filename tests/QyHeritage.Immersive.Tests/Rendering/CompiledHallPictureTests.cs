using System.Numerics;
using QyHeritage.Immersive.Rendering;
using SharpGLTF.Schema2;

namespace QyHeritage.Immersive.Tests.Rendering;

/// <summary>The renderer on halls the compiler built from the shipped exhibitions (real pyramids, real layout).</summary>
[Collection(HallCollection.Name)]
public class CompiledHallPictureTests(HallFixture hall)
{
    [Theory]
    [InlineData("beijiang-history")]
    [InlineData("qingyuan-tea")]
    public async Task Exhibit_pictures_appear_where_the_layout_says(string exhibition)
    {
        var e = exhibition == "beijiang-history" ? hall.Beijiang : hall.Tea;
        var compiled = await hall.Compiler().CompileAsync(e);
        var model = ModelRoot.ParseGLB(compiled.Glb);
        using var renderer = HallRenderer.Load(model);
        var poses = new GlbTourStops().ReadStops(model);
        Assert.Equal(compiled.Stops.Select(s => s.Number), poses.Select(p => p.Number));

        foreach (var placed in compiled.Layout.Exhibits)
        {
            var node = model.LogicalNodes.Single(n => n.Name == $"exhibit:{placed.Exhibit.Id}");
            var stop = compiled.Stops.Single(s => s.Kind == "exhibit" && s.Ref == placed.Exhibit.Id);
            var camera = HallCamera.At(poses.Single(p => p.Number == stop.Number), 60, 480, 360);
            var image = renderer.Render(camera);
            if (placed == compiled.Layout.Exhibits[0])
                RenderOutput.Keep(image, $"compiled-{exhibition}-first-exhibit");

            // The middle of the picture's upper and lower halves, where the camera math puts them, against the same parts
            // of its place on its atlas page (qy-hall/2 extras): right page, right place, right way up.
            var size = node.Extras!["qyExhibit"]!["size"]!.AsArray();
            float w = (float)size[0]!.GetValue<double>(), h = (float)size[1]!.GetValue<double>();
            var atlas = node.Extras!["qyExhibit"]!["atlas"]!;
            var uv = atlas["uv"]!.AsArray().Select(u => u!.GetValue<double>()).ToArray();
            var page = model.LogicalImages.Single(i => i.Name == $"atlas-{(int)atlas["page"]!}");
            var source = RenderedImage.Decode(page.Content.Content.ToArray());
            foreach (var (top, bottom) in new[] { (0.4f, 0.05f), (-0.05f, -0.4f) })
            {
                var a = camera.Project(Vector3.Transform(new Vector3(-0.3f * w, top * h, 0), node.WorldMatrix));
                var b = camera.Project(Vector3.Transform(new Vector3(0.3f * w, bottom * h, 0), node.WorldMatrix));
                var rendered = Mean(image, (int)MathF.Min(a.X, b.X), (int)MathF.Min(a.Y, b.Y), (int)MathF.Max(a.X, b.X), (int)MathF.Max(a.Y, b.Y));
                double U(double f) => (uv[0] + (uv[2] - uv[0]) * f) * source.Width;
                double V(double f) => (uv[1] + (uv[3] - uv[1]) * f) * source.Height;
                var expected = Mean(source, (int)U(0.2), (int)V(0.5 - top), (int)U(0.8), (int)V(0.5 - bottom));
                // Minified through sRGB mipmaps (averaged in linear light) the rendered mean is a few levels lighter.
                double difference = Math.Max(Math.Abs(rendered.R - expected.R), Math.Max(Math.Abs(rendered.G - expected.G), Math.Abs(rendered.B - expected.B)));
                Assert.True(difference < 8, $"{placed.Exhibit.Id}: {(top > 0 ? "upper" : "lower")} half at ({a.X:F0},{a.Y:F0})–({b.X:F0},{b.Y:F0}) averages {rendered}, its texture {expected}");
            }
        }
    }

    [Fact]
    public async Task A_stop_panorama_of_a_compiled_hall_wraps_without_a_seam()
    {
        var compiled = await hall.Compiler().CompileAsync(hall.Beijiang);
        using var renderer = HallRenderer.Load(compiled.Glb);
        var stop = new GlbTourStops().ReadStops(ModelRoot.ParseGLB(compiled.Glb))[0];
        var panorama = renderer.RenderPanorama(stop, width: 1024);
        RenderOutput.Keep(panorama, "compiled-beijiang-stop-1");
        var neighbours = Enumerable.Range(0, panorama.Width - 1).Select(x => panorama.ColumnDifference(x, x + 1)).Order().ToArray();
        double seam = panorama.ColumnDifference(panorama.Width - 1, 0);
        Assert.True(seam <= neighbours[neighbours.Length * 9 / 10] + 0.5, $"seam {seam:F2} levels, 90% of neighbouring columns ≤ {neighbours[neighbours.Length * 9 / 10]:F2}");
    }

    static (double R, double G, double B) Mean(RenderedImage image, int x0, int y0, int x1, int y1)
    {
        double r = 0, g = 0, b = 0;
        int n = 0;
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
            {
                var (pr, pg, pb) = image.Pixel(x, y);
                r += pr; g += pg; b += pb; n++;
            }
        return (Math.Round(r / n, 1), Math.Round(g / n, 1), Math.Round(b / n, 1));
    }
}
