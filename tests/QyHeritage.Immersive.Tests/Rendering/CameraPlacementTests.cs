using System.Numerics;
using QyHeritage.Immersive.Rendering;

namespace QyHeritage.Immersive.Tests.Rendering;

/// <summary>Pictures land in the rendered view where the camera's projection says they should.</summary>
public sealed class CameraPlacementTests
{
    static readonly (byte, byte, byte) Red = (220, 30, 40), Green = (40, 200, 60), Blue = (30, 60, 220), Yellow = (240, 220, 30);

    [Fact]
    public void Pictures_appear_where_the_camera_math_says()
    {
        var camera = new HallCamera(new Vector3(1f, 1.6f, 2f), YawDegrees: 30, PitchDegrees: 5, VerticalFovDegrees: 60, Width: 640, Height: 400);
        var hall = new TestHall();
        // Three small framed pictures at different depths and sides, each turned to face the camera.
        var pictures = new (Vector3 At, (byte R, byte G, byte B) Colour)[]
        {
            (camera.Position + camera.Forward * 4f, Red),
            (camera.Position + camera.Forward * 6f + camera.Right * 2f + Vector3.UnitY * 0.5f, Green),
            (camera.Position + camera.Forward * 3f - camera.Right * 1.2f - Vector3.UnitY * 0.4f, Blue),
        };
        for (int i = 0; i < pictures.Length; i++)
        {
            var (at, (r, g, b)) = pictures[i];
            hall.Quad($"picture {i}", at, 0.5f, 0.5f, camera.YawDegrees, hall.Colour($"paint {i}", r, g, b));
        }

        using var renderer = HallRenderer.Load(hall.ToGlb(), new RenderSettings { Background = (10, 10, 10) });
        var image = renderer.Render(camera);
        RenderOutput.Keep(image, "camera-placement");

        foreach (var (at, colour) in pictures)
        {
            var (x, y, depth) = camera.Project(at);
            Assert.True(depth > 0 && x > 0 && x < image.Width && y > 0 && y < image.Height, $"{at} should be in view");
            Assert.True(RenderOutput.Distance(image.Pixel((int)x, (int)y), colour) <= 3, $"expected {colour} at ({x:F0},{y:F0}), got {image.Pixel((int)x, (int)y)}");
            // Half a picture's width plus a margin to the side is wall, not picture: the size is right too.
            var beside = camera.Project(at + camera.Right * 0.4f);
            Assert.True(RenderOutput.Distance(image.Pixel((int)beside.X, (int)beside.Y), (10, 10, 10)) <= 2, $"expected background beside {colour}");
            var inside = camera.Project(at + camera.Right * 0.2f + Vector3.UnitY * 0.2f);
            Assert.True(RenderOutput.Distance(image.Pixel((int)inside.X, (int)inside.Y), colour) <= 3, $"expected {colour} inside its corner");
        }
    }

    [Fact]
    public void A_picture_texture_is_upright_and_not_mirrored()
    {
        var camera = new HallCamera(new Vector3(0, 1.6f, 0), YawDegrees: -90, PitchDegrees: 0, VerticalFovDegrees: 50, Width: 400, Height: 300);
        var hall = new TestHall();
        var at = camera.Position + camera.Forward * 3f;
        var png = TestHall.QuadrantPng(64, Red, Green, Blue, Yellow);
        hall.Quad("picture", at, 1.2f, 1.2f, camera.YawDegrees, hall.Textured("quadrants", png));

        using var renderer = HallRenderer.Load(hall.ToGlb());
        var image = renderer.Render(camera);
        RenderOutput.Keep(image, "texture-orientation");

        var up = Vector3.UnitY * 0.3f;
        var right = camera.Right * 0.3f;
        Expect(image, camera.Project(at + up - right), Red);
        Expect(image, camera.Project(at + up + right), Green);
        Expect(image, camera.Project(at - up - right), Blue);
        Expect(image, camera.Project(at - up + right), Yellow);
    }

    [Fact]
    public void Pitch_and_yaw_turn_the_view_the_documented_way()
    {
        // Yaw 90 looks along −X; pitch up moves what is ahead down in the picture.
        var level = new HallCamera(Vector3.Zero, 90, 0, 60, 200, 200);
        Assert.True(Vector3.Distance(level.Forward, -Vector3.UnitX) < 1e-5f);
        Assert.True(Vector3.Distance(level.Right, -Vector3.UnitZ) < 1e-5f);
        var raised = level with { PitchDegrees = 20 };
        Assert.True(raised.Project(new Vector3(-5, 0, 0)).Y > level.Project(new Vector3(-5, 0, 0)).Y + 20);
    }

    static void Expect(RenderedImage image, (float X, float Y, float Depth) at, (byte, byte, byte) colour)
    {
        var pixel = image.Pixel((int)at.X, (int)at.Y);
        Assert.True(RenderOutput.Distance(pixel, colour) <= 3, $"expected {colour} at ({at.X:F0},{at.Y:F0}), got {pixel}");
    }
}
