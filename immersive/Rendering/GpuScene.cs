using System.Numerics;
using NetVips;
using GltfTexture = SharpGLTF.Schema2.Texture;
using VipsImage = NetVips.Image;
using SharpGLTF.Schema2;
using Silk.NET.OpenGL;
using GltfPrimitiveType = SharpGLTF.Schema2.PrimitiveType;

namespace QyHeritage.Immersive.Rendering;

/// <summary>
/// A glTF scene uploaded to GL: one vertex array per mesh primitive, one sRGB texture per glTF texture
/// used as base colour, and the draw list (node world matrix × primitive) of the default scene.
/// Skins, morph targets, cameras and lights in the file are not drawn.
/// </summary>
sealed class GpuScene : IDisposable
{
    const int FloatsPerVertex = 12; // position 3, normal 3, uv 2, colour 4

    readonly GL gl;
    readonly Dictionary<int, uint> textures = new();
    readonly Dictionary<int, GpuMaterial> materials = new();
    readonly List<GpuPrimitive> primitives = new();
    readonly List<GpuDraw> draws = new();
    readonly List<GpuLight> lights = new();

    public GpuScene(GL gl, ModelRoot model)
    {
        this.gl = gl;
        var meshes = new Dictionary<int, List<GpuPrimitive>>();
        var scene = model.DefaultScene ?? model.LogicalScenes.FirstOrDefault();
        if (scene is null)
            return;
        var min = new Vector3(float.MaxValue);
        var max = new Vector3(float.MinValue);
        foreach (var node in SceneNodes.Walk(scene))
        {
            if (node.PunctualLight is { } light)
                lights.Add(GpuLight.From(light, node.WorldMatrix));
            if (node.Mesh is null)
                continue;
            if (!meshes.TryGetValue(node.Mesh.LogicalIndex, out var uploaded))
                meshes[node.Mesh.LogicalIndex] = uploaded = UploadMesh(node.Mesh);
            var world = node.WorldMatrix;
            Matrix4x4.Invert(world, out var inverse);
            foreach (var primitive in uploaded)
            {
                draws.Add(new GpuDraw(world, Matrix4x4.Transpose(inverse), world.GetDeterminant() < 0, primitive));
                for (int corner = 0; corner < 8; corner++)
                {
                    var local = new Vector3(
                        (corner & 1) == 0 ? primitive.BoundsMin.X : primitive.BoundsMax.X,
                        (corner & 2) == 0 ? primitive.BoundsMin.Y : primitive.BoundsMax.Y,
                        (corner & 4) == 0 ? primitive.BoundsMin.Z : primitive.BoundsMax.Z);
                    var p = Vector3.Transform(local, world);
                    min = Vector3.Min(min, p);
                    max = Vector3.Max(max, p);
                }
            }
        }
        if (draws.Count > 0)
            Bounds = (min, max);
    }

    public IReadOnlyList<GpuDraw> Draws => draws;

    /// <summary>The KHR_lights_punctual lights of the default scene, in world space.</summary>
    public IReadOnlyList<GpuLight> Lights => lights;

    /// <summary>Axis-aligned bounds of the drawn geometry in world space (approximate: primitive boxes' corners).</summary>
    public (Vector3 Min, Vector3 Max)? Bounds { get; }

    public int TriangleCount => draws.Sum(d => (int)(d.Primitive.IndexCount / 3));

    List<GpuPrimitive> UploadMesh(Mesh mesh)
    {
        var list = new List<GpuPrimitive>();
        foreach (var primitive in mesh.Primitives)
        {
            if (primitive.DrawPrimitiveType is not (GltfPrimitiveType.TRIANGLES or GltfPrimitiveType.TRIANGLE_STRIP or GltfPrimitiveType.TRIANGLE_FAN))
                continue;
            var positionAccessor = primitive.GetVertexAccessor("POSITION");
            if (positionAccessor is null)
                continue;
            var material = MaterialOf(primitive.Material);
            var positions = positionAccessor.AsVector3Array();
            var normals = primitive.GetVertexAccessor("NORMAL")?.AsVector3Array();
            var uvs = primitive.GetVertexAccessor($"TEXCOORD_{material.TexCoord}")?.AsVector2Array();
            var colors = primitive.GetVertexAccessor("COLOR_0")?.AsColorArray();
            int count = positions.Count;
            var vertices = new float[count * FloatsPerVertex];
            var min = new Vector3(float.MaxValue);
            var max = new Vector3(float.MinValue);
            for (int i = 0; i < count; i++)
            {
                int o = i * FloatsPerVertex;
                var p = positions[i];
                min = Vector3.Min(min, p);
                max = Vector3.Max(max, p);
                vertices[o] = p.X; vertices[o + 1] = p.Y; vertices[o + 2] = p.Z;
                if (normals is not null)
                {
                    var n = normals[i];
                    vertices[o + 3] = n.X; vertices[o + 4] = n.Y; vertices[o + 5] = n.Z;
                }
                if (uvs is not null)
                {
                    var t = uvs[i];
                    vertices[o + 6] = t.X; vertices[o + 7] = t.Y;
                }
                var c = colors is null ? Vector4.One : colors[i];
                vertices[o + 8] = c.X; vertices[o + 9] = c.Y; vertices[o + 10] = c.Z; vertices[o + 11] = c.W;
            }
            var indices = new List<uint>(count);
            foreach (var (a, b, c) in primitive.GetTriangleIndices())
            {
                indices.Add((uint)a);
                indices.Add((uint)b);
                indices.Add((uint)c);
            }
            if (indices.Count == 0)
                continue;
            var gpu = Upload(vertices, indices.ToArray(), material, min, max);
            primitives.Add(gpu);
            list.Add(gpu);
        }
        return list;
    }

    unsafe GpuPrimitive Upload(float[] vertices, uint[] indices, GpuMaterial material, Vector3 min, Vector3 max)
    {
        uint vao = gl.GenVertexArray();
        gl.BindVertexArray(vao);
        uint vbo = gl.GenBuffer();
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, vbo);
        gl.BufferData<float>(BufferTargetARB.ArrayBuffer, vertices, BufferUsageARB.StaticDraw);
        uint ebo = gl.GenBuffer();
        gl.BindBuffer(BufferTargetARB.ElementArrayBuffer, ebo);
        gl.BufferData<uint>(BufferTargetARB.ElementArrayBuffer, indices, BufferUsageARB.StaticDraw);
        const uint stride = FloatsPerVertex * sizeof(float);
        gl.EnableVertexAttribArray(0);
        gl.VertexAttribPointer(0, 3, VertexAttribPointerType.Float, false, stride, (void*)0);
        gl.EnableVertexAttribArray(1);
        gl.VertexAttribPointer(1, 3, VertexAttribPointerType.Float, false, stride, (void*)(3 * sizeof(float)));
        gl.EnableVertexAttribArray(2);
        gl.VertexAttribPointer(2, 2, VertexAttribPointerType.Float, false, stride, (void*)(6 * sizeof(float)));
        gl.EnableVertexAttribArray(3);
        gl.VertexAttribPointer(3, 4, VertexAttribPointerType.Float, false, stride, (void*)(8 * sizeof(float)));
        gl.BindVertexArray(0);
        return new GpuPrimitive(vao, vbo, ebo, (uint)indices.Length, material, min, max);
    }

    GpuMaterial MaterialOf(Material? material)
    {
        if (material is null)
            return GpuMaterial.Default;
        if (materials.TryGetValue(material.LogicalIndex, out var known))
            return known;
        var factor = Vector4.One;
        uint texture = 0;
        int texCoord = 0;
        var channel = material.FindChannel("BaseColor");
        if (channel is { } baseColor)
        {
            factor = baseColor.Color;
            if (baseColor.Texture is { } gltfTexture)
            {
                texture = TextureOf(gltfTexture);
                texCoord = baseColor.TextureCoordinate;
            }
        }
        var mode = material.Alpha switch
        {
            AlphaMode.MASK => GpuAlphaMode.Mask,
            AlphaMode.BLEND => GpuAlphaMode.Blend,
            _ => GpuAlphaMode.Opaque,
        };
        var result = new GpuMaterial(factor, texture, texCoord, mode, material.AlphaCutoff, material.DoubleSided, material.Unlit);
        materials[material.LogicalIndex] = result;
        return result;
    }

    unsafe uint TextureOf(GltfTexture texture)
    {
        if (textures.TryGetValue(texture.LogicalIndex, out var id))
            return id;
        var image = texture.PrimaryImage;
        if (image is null)
            return textures[texture.LogicalIndex] = 0;
        var content = image.Content;
        if (content.IsEmpty)
            throw new InvalidDataException($"glTF image {image.LogicalIndex} ('{image.Name}') has no bytes: a GLB's images must be embedded.");
        int width, height;
        byte[] rgba;
        try
        {
            (width, height, rgba) = DecodeSrgba(content.Content.ToArray());
        }
        catch (VipsException e)
        {
            throw new InvalidDataException($"glTF image {image.LogicalIndex} ('{image.Name}', {content.MimeType}) cannot be decoded: {e.Message}", e);
        }
        id = gl.GenTexture();
        gl.BindTexture(TextureTarget.Texture2D, id);
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
        fixed (byte* pixels = rgba)
            gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Srgb8Alpha8, (uint)width, (uint)height, 0, PixelFormat.Rgba, PixelType.UnsignedByte, pixels);
        gl.GenerateMipmap(TextureTarget.Texture2D);
        var sampler = texture.Sampler;
        int wrapS = sampler is null ? (int)GLEnum.Repeat : (int)sampler.WrapS;
        int wrapT = sampler is null ? (int)GLEnum.Repeat : (int)sampler.WrapT;
        int minFilter = sampler is null || (int)sampler.MinFilter == 0 ? (int)GLEnum.LinearMipmapLinear : (int)sampler.MinFilter;
        int magFilter = sampler is null || (int)sampler.MagFilter == 0 ? (int)GLEnum.Linear : (int)sampler.MagFilter;
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, wrapS);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, wrapT);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, minFilter);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, magFilter);
        gl.BindTexture(TextureTarget.Texture2D, 0);
        textures[texture.LogicalIndex] = id;
        return id;
    }

    /// <summary>Any JPEG/PNG/WebP libvips reads, as 8-bit sRGB RGBA rows from the top (glTF's UV origin).</summary>
    static (int Width, int Height, byte[] Rgba) DecodeSrgba(byte[] encoded)
    {
        var image = VipsImage.NewFromBuffer(encoded);
        try
        {
            if (image.Interpretation != Enums.Interpretation.Srgb || image.Format != Enums.BandFormat.Uchar)
                image = Swap(image, image.Colourspace(Enums.Interpretation.Srgb));
            if (image.Format != Enums.BandFormat.Uchar)
                image = Swap(image, image.Cast(Enums.BandFormat.Uchar));
            if (image.Bands == 3)
                image = Swap(image, image.Bandjoin(255));
            else if (image.Bands > 4)
                image = Swap(image, image.ExtractBand(0, 4));
            return (image.Width, image.Height, image.WriteToMemory<byte>());
        }
        finally
        {
            image.Dispose();
        }
    }

    static VipsImage Swap(VipsImage old, VipsImage next)
    {
        old.Dispose();
        return next;
    }

    public void Dispose()
    {
        foreach (var p in primitives)
        {
            gl.DeleteVertexArray(p.Vao);
            gl.DeleteBuffer(p.Vbo);
            gl.DeleteBuffer(p.Ebo);
        }
        foreach (var t in textures.Values.Where(t => t != 0))
            gl.DeleteTexture(t);
        primitives.Clear();
        textures.Clear();
        draws.Clear();
    }
}

enum GpuAlphaMode { Opaque = 0, Mask = 1, Blend = 2 }

sealed record GpuMaterial(Vector4 BaseColorFactor, uint Texture, int TexCoord, GpuAlphaMode AlphaMode, float AlphaCutoff, bool DoubleSided, bool Unlit)
{
    public static readonly GpuMaterial Default = new(Vector4.One, 0, 0, GpuAlphaMode.Opaque, 0.5f, false, false);
}

sealed record GpuPrimitive(uint Vao, uint Vbo, uint Ebo, uint IndexCount, GpuMaterial Material, Vector3 BoundsMin, Vector3 BoundsMax);

sealed record GpuDraw(Matrix4x4 World, Matrix4x4 NormalMatrix, bool MirroredWinding, GpuPrimitive Primitive);

/// <summary>A light in world space: <see cref="Position"/>.W = 0 directional (XYZ towards the light), 1 point/spot (XYZ where it is).</summary>
sealed record GpuLight(Vector4 Position, Vector3 Radiance, float Range)
{
    public static GpuLight From(PunctualLight light, Matrix4x4 world)
    {
        var radiance = light.Color * light.Intensity;
        if (light.LightType == PunctualLightType.Directional)
        {
            // The light shines along its node's −Z; the shader wants the way back to it.
            var towards = Vector3.Normalize(Vector3.TransformNormal(Vector3.UnitZ, world));
            return new GpuLight(new Vector4(towards, 0), radiance, 0);
        }
        // Spot lights are drawn as point lights (no cone).
        float range = float.IsFinite(light.Range) && light.Range > 0 ? light.Range : 0;
        return new GpuLight(new Vector4(world.Translation, 1), radiance, range);
    }
}
