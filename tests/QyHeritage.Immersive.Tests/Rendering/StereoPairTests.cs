using System.Numerics;
using QyHeritage.Immersive.Rendering;

namespace QyHeritage.Immersive.Tests.Rendering;

public sealed class StereoPairTests
{
    [Fact]
    public void The_eyes_see_a_near_bar_shifted_by_the_parallax_of_64_mm()
    {
        var camera = new HallCamera(new Vector3(0, 1.6f, 0), 0, 0, 60, 800, 600);
        var hall = new TestHall();
        hall.Quad("near bar", new Vector3(-0.3f, 1.6f, -2), 0.1f, 0.4f, 0, hall.Colour("red", 230, 30, 30));
        hall.Quad("far bar", new Vector3(2f, 1.6f, -8), 0.3f, 1f, 0, hall.Colour("green", 30, 200, 30));

        using var renderer = HallRenderer.Load(hall.ToGlb());
        var pair = renderer.RenderStereo(camera);
        RenderOutput.Keep(pair, "stereo-pair");

        Assert.Equal((1600, 600), (pair.Width, pair.Height));
        var left = pair.Crop(0, 0, 800, 600);
        var right = pair.Crop(800, 0, 800, 600);
        foreach (var (depth, bar, colour) in new[] { (2f, new Vector3(-0.3f, 1.6f, -2), ((byte)230, (byte)30, (byte)30)), (8f, new Vector3(2f, 1.6f, -8), ((byte)30, (byte)200, (byte)30)) })
        {
            int row = (int)camera.Project(bar).Y;
            float expected = HallRenderer.DefaultInterpupillaryMetres * camera.FocalPixels / depth;
            // The left eye sits 32 mm to the left, so it sees the bar further right.
            float measured = CentreOf(left, row, colour) - CentreOf(right, row, colour);
            Assert.True(Math.Abs(measured - expected) < 0.75f, $"parallax at {depth} m: expected {expected:F2} px, measured {measured:F2} px");
        }
    }

    /// <summary>Mean x of the pixels of one colour on a row.</summary>
    static float CentreOf(RenderedImage image, int row, (byte, byte, byte) colour)
    {
        float sum = 0, weight = 0;
        for (int x = 0; x < image.Width; x++)
        {
            // Weight edge pixels by how much of the colour they carry (MSAA blends them with the background).
            var (r, g, b) = image.Pixel(x, row);
            float coverage = Math.Clamp(1f - RenderOutput.Distance((r, g, b), colour) / 200f, 0, 1);
            if (coverage > 0.05f)
            {
                sum += (x + 0.5f) * coverage;
                weight += coverage;
            }
        }
        Assert.True(weight > 0, $"{colour} not seen on row {row}");
        return sum / weight;
    }
}
