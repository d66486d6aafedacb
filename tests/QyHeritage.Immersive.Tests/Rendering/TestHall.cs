using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

using QyHeritage.Immersive.Rendering;
using SharpGLTF.Memory;
using SharpGLTF.Schema2;

namespace QyHeritage.Immersive.Tests.Rendering;

/// <summary>Builds small GLBs for the renderer tests: unlit coloured and textured quads at known places.</summary>
sealed class TestHall
{
    readonly SharpGLTF.Schema2.Scene scene;

    public TestHall()
    {
        Model = ModelRoot.CreateModel();
        scene = Model.UseScene("test hall");
    }

    public ModelRoot Model { get; }

    /// <summary>An unlit material of one sRGB colour (the factor is stored linear, as glTF says).</summary>
    public Material Colour(string name, byte r, byte g, byte b) => Painted(name, r, g, b, unlit: true);

    /// <summary>An unlit material with a PNG texture (and a white factor).</summary>
    public Material Textured(string name, byte[] png)
    {
        var material = Model.CreateMaterial(name);
        material.InitializeUnlit();
        var image = Model.CreateImage(name);
        image.Content = new MemoryImage(png);
        var texture = Model.UseTexture(image, Model.UseTextureSampler(TextureWrapMode.CLAMP_TO_EDGE, TextureWrapMode.CLAMP_TO_EDGE, TextureMipMapFilter.LINEAR_MIPMAP_LINEAR, TextureInterpolationFilter.LINEAR));
        var channel = material.FindChannel("BaseColor")!.Value;
        channel.SetTexture(0, texture);
        return material;
    }

    /// <summary>
    /// A width × height quad centred at <paramref name="centre"/>, turned by <paramref name="yawDegrees"/>
    /// about +Y; unturned it faces +Z (seen from a camera at yaw 0 in front of it). Texture top-left at the quad's top-left.
    /// </summary>
    public Node Quad(string name, Vector3 centre, float width, float height, float yawDegrees, Material material, float pitchDegrees = 0)
    {
        float w = width / 2, h = height / 2;
        var positions = new[] { new Vector3(-w, -h, 0), new Vector3(w, -h, 0), new Vector3(w, h, 0), new Vector3(-w, h, 0) };
        var normals = Enumerable.Repeat(Vector3.UnitZ, 4).ToArray();
        var uvs = new[] { new Vector2(0, 1), new Vector2(1, 1), new Vector2(1, 0), new Vector2(0, 0) };
        var mesh = Model.CreateMesh(name);
        var primitive = mesh.CreatePrimitive();
        primitive.SetVertexAccessor("POSITION", Accessor(MemoryMarshal.AsBytes(positions.AsSpan()).ToArray(), 4, DimensionType.VEC3));
        primitive.SetVertexAccessor("NORMAL", Accessor(MemoryMarshal.AsBytes(normals.AsSpan()).ToArray(), 4, DimensionType.VEC3));
        primitive.SetVertexAccessor("TEXCOORD_0", Accessor(MemoryMarshal.AsBytes(uvs.AsSpan()).ToArray(), 4, DimensionType.VEC2));
        var indices = new uint[] { 0, 1, 2, 0, 2, 3 };
        var indexView = Model.UseBufferView(MemoryMarshal.AsBytes(indices.AsSpan()).ToArray(), 0, null, 0, BufferMode.ELEMENT_ARRAY_BUFFER);
        var indexAccessor = Model.CreateAccessor();
        indexAccessor.SetIndexData(indexView, 0, indices.Length, IndexEncodingType.UNSIGNED_INT);
        primitive.SetIndexAccessor(indexAccessor);
        primitive.Material = material;
        var node = scene.CreateNode(name);
        node.Mesh = mesh;
        node.LocalMatrix = Matrix4x4.CreateRotationX(pitchDegrees * MathF.PI / 180) * Matrix4x4.CreateRotationY(yawDegrees * MathF.PI / 180) * Matrix4x4.CreateTranslation(centre);
        return node;
    }

    /// <summary>A PBR (lit) material of one sRGB colour.</summary>
    public Material Plaster(string name, byte r, byte g, byte b) => Painted(name, r, g, b, unlit: false);

    Material Painted(string name, byte r, byte g, byte b, bool unlit)
    {
        var material = Model.CreateMaterial(name);
        if (unlit)
            material.InitializeUnlit();
        else
            material.InitializePBRMetallicRoughness();
        var channel = material.FindChannel("BaseColor")!.Value;
        channel.Color = new Vector4(Srgb.ToLinear(r), Srgb.ToLinear(g), Srgb.ToLinear(b), 1);
        return material;
    }

    /// <summary>A KHR_lights_punctual light; a directional one shines along its node's −Z, turned by yaw and pitch.</summary>
    public Node Light(string name, PunctualLightType type, Vector3 position, float intensity, float yawDegrees = 0, float pitchDegrees = 0, float range = 0)
    {
        var light = Model.CreatePunctualLight(name, type);
        light.Color = Vector3.One;
        light.Intensity = intensity;
        if (range > 0)
            light.Range = range;
        var node = scene.CreateNode(name);
        node.PunctualLight = light;
        node.LocalMatrix = Matrix4x4.CreateRotationX(pitchDegrees * MathF.PI / 180) * Matrix4x4.CreateRotationY(yawDegrees * MathF.PI / 180) * Matrix4x4.CreateTranslation(position);
        return node;
    }

    /// <summary>A tour stop as the compiler writes it: an empty node with extras <c>kind: tourStop</c>, looking along its −Z.</summary>
    public Node TourStop(string name, Vector3 position, float yawDegrees, JsonObject? moreExtras = null)
    {
        var node = scene.CreateNode(name);
        node.LocalMatrix = Matrix4x4.CreateRotationY(yawDegrees * MathF.PI / 180) * Matrix4x4.CreateTranslation(position);
        var extras = moreExtras ?? new JsonObject();
        extras["kind"] = "tourStop";
        node.Extras = extras;
        return node;
    }

    public byte[] ToGlb() => Model.WriteGLB().ToArray();

    Accessor Accessor(byte[] bytes, int count, DimensionType dimensions)
    {
        var view = Model.UseBufferView(bytes, 0, null, 0, BufferMode.ARRAY_BUFFER);
        var accessor = Model.CreateAccessor();
        accessor.SetVertexData(view, 0, count, new AttributeFormat(dimensions, EncodingType.FLOAT, false));
        accessor.UpdateBounds();
        return accessor;
    }

    /// <summary>A PNG whose four quadrants have the given sRGB colours (top-left, top-right, bottom-left, bottom-right).</summary>
    public static byte[] QuadrantPng(int size, (byte, byte, byte) topLeft, (byte, byte, byte) topRight, (byte, byte, byte) bottomLeft, (byte, byte, byte) bottomRight)
    {
        var rgb = new byte[size * size * 3];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                var (r, g, b) = (y < size / 2, x < size / 2) switch
                {
                    (true, true) => topLeft,
                    (true, false) => topRight,
                    (false, true) => bottomLeft,
                    _ => bottomRight,
                };
                int i = (y * size + x) * 3;
                rgb[i] = r; rgb[i + 1] = g; rgb[i + 2] = b;
            }
        return Png(rgb, size, size);
    }

    /// <summary>A PNG with a horizontal and vertical colour ramp: detail everywhere, so a seam would show.</summary>
    public static byte[] RampPng(int width, int height, byte blue)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                rgb[i] = (byte)(40 + 180 * x / (width - 1));
                rgb[i + 1] = (byte)(40 + 180 * y / (height - 1));
                rgb[i + 2] = blue;
            }
        return Png(rgb, width, height);
    }

    /// <summary>A PNG with alpha: the left half transparent, the right half opaque <paramref name="colour"/>.</summary>
    public static byte[] HalfTransparentPng(int size, (byte R, byte G, byte B) colour)
    {
        var rgba = new byte[size * size * 4];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                int i = (y * size + x) * 4;
                (rgba[i], rgba[i + 1], rgba[i + 2]) = colour;
                rgba[i + 3] = x < size / 2 ? (byte)0 : (byte)255;
            }
        using var image = NetVips.Image.NewFromMemory(rgba, size, size, 4, NetVips.Enums.BandFormat.Uchar);
        return image.PngsaveBuffer();
    }

    /// <summary>
    /// A closed room around the origin's vertical: walls <paramref name="halfSize"/> away on each side, floor at 0,
    /// ceiling at <paramref name="height"/>, every surface facing inwards and telling itself apart by its blue channel.
    /// </summary>
    public void Room(float halfSize, float height)
    {
        float mid = height / 2, size = halfSize * 2;
        Quad("front wall (−Z)", new Vector3(0, mid, -halfSize), size, height, 0, Textured("front", RampPng(256, 128, RoomBlue.Front)));
        Quad("back wall (+Z)", new Vector3(0, mid, halfSize), size, height, 180, Textured("back", RampPng(256, 128, RoomBlue.Back)));
        Quad("left wall (−X)", new Vector3(-halfSize, mid, 0), size, height, 90, Textured("left", RampPng(256, 128, RoomBlue.Left)));
        Quad("right wall (+X)", new Vector3(halfSize, mid, 0), size, height, -90, Textured("right", RampPng(256, 128, RoomBlue.Right)));
        Quad("floor", new Vector3(0, 0, 0), size, size, 0, Textured("floor", RampPng(256, 256, RoomBlue.Floor)), pitchDegrees: -90);
        Quad("ceiling", new Vector3(0, height, 0), size, size, 0, Textured("ceiling", RampPng(256, 256, RoomBlue.Ceiling)), pitchDegrees: 90);
    }

    /// <summary>The blue channel of each surface of <see cref="Room"/>.</summary>
    public static class RoomBlue
    {
        public const byte Front = 0, Back = 50, Left = 100, Right = 150, Floor = 200, Ceiling = 250;
    }

    public static byte[] SolidPng(int size, byte r, byte g, byte b) => QuadrantPng(size, (r, g, b), (r, g, b), (r, g, b), (r, g, b));

    static byte[] Png(byte[] rgb, int width, int height)
    {
        using var image = NetVips.Image.NewFromMemory(rgb, width, height, 3, NetVips.Enums.BandFormat.Uchar);
        return image.PngsaveBuffer();
    }
}
