using System.Numerics;
using QyHeritage.Immersive.Rendering;
using static QyHeritage.Immersive.Tests.Rendering.TestHall;

namespace QyHeritage.Immersive.Tests.Rendering;

/// <summary>Equirectangular panoramas: which way is which, and no seam where the edges meet.</summary>
public sealed class PanoramaTests
{
    static readonly Vector3 Eye = new(0, 1.5f, 0);

    static HallRenderer RoomRenderer()
    {
        var hall = new TestHall();
        hall.Room(halfSize: 3, height: 3);
        return HallRenderer.Load(hall.ToGlb());
    }

    [Fact]
    public void The_centre_looks_along_the_heading_the_left_quarter_to_its_left_and_the_poles_at_ceiling_and_floor()
    {
        using var renderer = RoomRenderer();
        var ahead = renderer.RenderPanorama(Eye, yawDegrees: 0, width: 1024);
        RenderOutput.Keep(ahead, "panorama-room-yaw0");
        Assert.Equal((1024, 512), (ahead.Width, ahead.Height));
        int w = ahead.Width, h = ahead.Height;
        AssertSurface(ahead, w / 2, h / 2, RoomBlue.Front);
        AssertSurface(ahead, w / 4, h / 2, RoomBlue.Left);
        AssertSurface(ahead, 3 * w / 4, h / 2, RoomBlue.Right);
        AssertSurface(ahead, 2, h / 2, RoomBlue.Back);
        AssertSurface(ahead, w - 3, h / 2, RoomBlue.Back);
        AssertSurface(ahead, w / 2, 3, RoomBlue.Ceiling);
        AssertSurface(ahead, w / 2, h - 4, RoomBlue.Floor);

        // Turned 90° to the left (towards −X): the left wall is now in the middle.
        var turned = renderer.RenderPanorama(Eye, yawDegrees: 90, width: 1024);
        AssertSurface(turned, w / 2, h / 2, RoomBlue.Left);
        AssertSurface(turned, 3 * w / 4, h / 2, RoomBlue.Front);
    }

    [Fact]
    public void The_panorama_wraps_seamlessly_at_its_left_and_right_edges()
    {
        using var renderer = RoomRenderer();
        // Heading 30° off a wall so the seam falls in the middle of the back wall's colour ramp, not on a corner.
        var panorama = renderer.RenderPanorama(Eye, yawDegrees: 30, width: 2048);
        RenderOutput.Keep(panorama, "panorama-room-yaw30");
        int w = panorama.Width, h = panorama.Height;

        var neighbours = Enumerable.Range(0, w - 1).Select(x => panorama.ColumnDifference(x, x + 1)).OrderBy(d => d).ToArray();
        double typical = neighbours[neighbours.Length * 9 / 10];
        double seam = panorama.ColumnDifference(w - 1, 0);
        Assert.True(seam <= typical + 0.5, $"seam differs by {seam:F2} levels a pixel; 90% of neighbouring columns by ≤ {typical:F2}");
        // The seam crosses real detail (the back wall's ramp), so the comparison means something.
        AssertSurface(panorama, 0, h / 2, RoomBlue.Back);
        Assert.True(panorama.ColumnDifference(0, 40) > 2, "the back wall should change colour along the seam's neighbourhood");
    }

    static void AssertSurface(RenderedImage image, int x, int y, byte blue)
    {
        var pixel = image.Pixel(x, y);
        Assert.True(Math.Abs(pixel.B - blue) <= 3, $"expected the surface with blue {blue} at ({x},{y}), got {pixel}");
    }
}
