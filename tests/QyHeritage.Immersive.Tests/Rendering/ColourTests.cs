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
        var plaster = hall.Model.CreateMaterial("plaster");
        plaster.InitializePBRMetallicRoughness();
        var channel = plaster.FindChannel("BaseColor")!.Value;
        channel.Color = new Vector4(Srgb.ToLinear(200), Srgb.ToLinear(200), Srgb.ToLinear(200), 1);
        hall.Quad("wall", new Vector3(0, 1.6f, -4), 4, 3, 0, plaster);
        hall.Quad("picture", new Vector3(0, 1.6f, -3.9f), 0.6f, 0.6f, 0, hall.Colour("print", 200, 200, 200));

        var glb = hall.ToGlb();
        // Light from straight above: a vertical wall gets only the ambient part.
        var settings = new RenderSettings { LightDirection = Vector3.UnitY, AmbientStrength = 0.5f, LightStrength = 0.5f };
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

    static void Expect(RenderedImage image, (float X, float Y, float Depth) at, (byte, byte, byte) colour)
    {
        var pixel = image.Pixel((int)at.X, (int)at.Y);
        Assert.True(RenderOutput.Distance(pixel, colour) <= 2, $"expected {colour} at ({at.X:F0},{at.Y:F0}), got {pixel}");
    }
}
