using System.Numerics;
using QyHeritage.Immersive.Rendering;

namespace QyHeritage.Immersive.Tests.Rendering;

/// <summary>Colours come out as the WebXR client (three.js, sRGB output) shows them.</summary>
public sealed class ColourTests
{
    [Fact]
    public void A_known_srgb_colour_comes_back_as_the_same_srgb_value()
    {
        var camera = new HallCamera(new Vector3(0, 1.6f, 0), 0, 0, 60, 320, 240);
        var hall = new TestHall();
        // Left: an sRGB texture (decoded by the sampler). Right: a base colour factor only (stored linear).
        hall.Quad("textured", new Vector3(-0.6f, 1.6f, -3), 1, 1, 0, hall.Textured("ochre", TestHall.SolidPng(16, 200, 120, 40)));
        hall.Quad("painted", new Vector3(0.6f, 1.6f, -3), 1, 1, 0, hall.Colour("sky", 64, 160, 220));

        using var renderer = HallRenderer.Load(hall.ToGlb(), new RenderSettings { Background = (30, 60, 90) });
        var image = renderer.Render(camera);
        RenderOutput.Keep(image, "colour-srgb");

        Expect(image, camera.Project(new Vector3(-0.6f, 1.6f, -3)), (200, 120, 40));
        Expect(image, camera.Project(new Vector3(0.6f, 1.6f, -3)), (64, 160, 220));
        Expect(image, (5, 5, 0), (30, 60, 90));
        // Mid-grey in linear light is 188 in sRGB, not 128: the target encodes, as three.js's output does.
        Assert.Equal(188, Srgb.FromLinear(0.5f));
    }

    [Fact]
    public void Alpha_mask_cuts_the_transparent_half_away()
    {
        var camera = new HallCamera(new Vector3(0, 1.6f, 0), 0, 0, 60, 320, 240);
        var hall = new TestHall();
        hall.Quad("behind", new Vector3(0, 1.6f, -4), 3, 3, 0, hall.Colour("wall", 40, 180, 90));
        var masked = hall.Textured("stencil", TestHall.HalfTransparentPng(32, (230, 40, 40)));
        masked.Alpha = SharpGLTF.Schema2.AlphaMode.MASK;
        masked.AlphaCutoff = 0.5f;
        hall.Quad("cut-out", new Vector3(0, 1.6f, -3), 1, 1, 0, masked);

        using var renderer = HallRenderer.Load(hall.ToGlb());
        var image = renderer.Render(camera);
        RenderOutput.Keep(image, "alpha-mask");

        Expect(image, camera.Project(new Vector3(-0.25f, 1.6f, -3)), (40, 180, 90));
        Expect(image, camera.Project(new Vector3(0.25f, 1.6f, -3)), (230, 40, 40));
    }

    [Fact]
    public void Lambert_shading_darkens_a_wall_turned_from_the_light_but_leaves_unlit_pictures_alone()
    {
        var camera = new HallCamera(new Vector3(0, 1.6f, 0), 0, 0, 60, 320, 240);
        var hall = new TestHall();
        hall.Quad("wall", new Vector3(0, 1.6f, -4), 4, 3, 0, hall.Plaster("plaster", 200, 200, 200));
        hall.Quad("picture", new Vector3(0, 1.6f, -3.9f), 0.6f, 0.6f, 0, hall.Colour("print", 200, 200, 200));

        var glb = hall.ToGlb();
        // Light from straight above: a vertical wall gets only the ambient part.
        var settings = new RenderSettings { Shading = MaterialShading.Lambert, LightDirection = Vector3.UnitY, AmbientStrength = 0.5f, LightStrength = 0.5f };
        using var lit = HallRenderer.Load(glb, settings);
        using var flat = HallRenderer.Load(glb, settings with { Shading = MaterialShading.Unlit });
        var litImage = lit.Render(camera);
        var flatImage = flat.Render(camera);
        RenderOutput.Keep(litImage, "lambert-lit");

        var wall = camera.Project(new Vector3(1.2f, 1.6f, -4));
        var picture = camera.Project(new Vector3(0, 1.6f, -3.9f));
        Expect(litImage, wall, (Srgb.FromLinear(Srgb.ToLinear(200) * 0.5f), Srgb.FromLinear(Srgb.ToLinear(200) * 0.5f), Srgb.FromLinear(Srgb.ToLinear(200) * 0.5f)));
        Expect(flatImage, wall, (200, 200, 200));
        Expect(litImage, picture, (200, 200, 200));
    }

    [Fact]
    public void The_halls_own_lights_shade_plaster_as_three_js_lambert_does()
    {
        var camera = new HallCamera(new Vector3(0, 1.6f, 0), 0, 0, 70, 320, 240);
        var sun = new TestHall();
        sun.Quad("wall", new Vector3(0, 1.6f, -4), 6, 3, 0, sun.Plaster("plaster", 200, 200, 200));
        // Shining straight at the wall (along −Z) with π/2 lux: half the albedo on top of the ambient.
        sun.Light("sun", SharpGLTF.Schema2.PunctualLightType.Directional, new Vector3(0, 5, 0), MathF.PI / 2);
        var lamp = new TestHall();
        lamp.Quad("wall", new Vector3(0, 1.6f, -4), 6, 3, 0, lamp.Plaster("plaster", 200, 200, 200));
        // 1.2π cd two metres in front of the wall: 0.3 of the albedo straight ahead, less off to the side.
        lamp.Light("lamp", SharpGLTF.Schema2.PunctualLightType.Point, new Vector3(0, 1.6f, -2), 1.2f * MathF.PI);

        var settings = new RenderSettings { AmbientStrength = 0.2f };
        using var sunlit = HallRenderer.Load(sun.ToGlb(), settings);
        using var lamplit = HallRenderer.Load(lamp.ToGlb(), settings);
        var sunImage = sunlit.Render(camera);
        var lampImage = lamplit.Render(camera);
        RenderOutput.Keep(lampImage, "scene-lights-point");

        float albedo = Srgb.ToLinear(200);
        Expect(sunImage, camera.Project(new Vector3(1, 1.6f, -4)), Grey(albedo * (0.2f + 0.5f)));
        Expect(lampImage, camera.Project(new Vector3(0, 1.6f, -4)), Grey(albedo * (0.2f + 0.3f)));
        // Two metres to the side: distance √8, cosine 1/√2, so 0.3 × 4/8 × 0.707.
        Expect(lampImage, camera.Project(new Vector3(2, 1.6f, -4)), Grey(albedo * (0.2f + 0.3f * 0.5f * MathF.Sqrt(0.5f))));
    }

    static (byte, byte, byte) Grey(float linear)
    {
        byte v = Srgb.FromLinear(linear);
        return (v, v, v);
    }

    static void Expect(RenderedImage image, (float X, float Y, float Depth) at, (byte, byte, byte) colour)
    {
        var pixel = image.Pixel((int)at.X, (int)at.Y);
        Assert.True(RenderOutput.Distance(pixel, colour) <= 2, $"expected {colour} at ({at.X:F0},{at.Y:F0}), got {pixel}");
    }
}
