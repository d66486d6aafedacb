using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using QyHeritage.Immersive.Layout;
using QyHeritage.Immersive.Panels;
using QyHeritage.Immersive.Templates;
using SharpGLTF.Schema2;

namespace QyHeritage.Immersive.Scene;

/// <summary>Where a drawn panel goes: on a wall face (<see cref="Rect"/>) or flat on the floor (<see cref="Floor"/>: x0, z0, x1, z1).</summary>
public sealed record PanelPlace(string Key, FaceRect? Rect, Vector4? Floor = null);

/// <summary>An exhibit picture for the scene: its key in the atlas, its texture size there and the node's extras.</summary>
public sealed record ScenePicture(ExhibitPlacement Placement, string AtlasKey, int Width, int Height, JsonObject Extras);

/// <summary>A camera for a tour stop.</summary>
public sealed record SceneStop(int Number, Vector3 Position, Vector3 Direction, JsonObject Extras);

/// <summary>
/// Writes a hall as glTF 2.0 with SharpGLTF: static geometry merged into one mesh (one primitive per template
/// material), every panel and exhibit picture merged into one primitive per atlas page, an empty node per exhibit
/// at its picture with its extras (so a client can find it and draw sharper tiles over it), tour stops as camera
/// nodes, lights as KHR_lights_punctual.
/// </summary>
public static class HallScene
{
    private const float PictureDepth = 0.034f;
    private const float FrameDepth = 0.03f;
    private const float PanelDepth = 0.006f;

    public static ModelRoot Build(HallLayout layout, TextureAtlas atlas, IReadOnlyList<byte[]> atlasPages, IReadOnlyList<PanelPlace> panels, IReadOnlyList<ScenePicture> pictures,
        IReadOnlyList<SceneStop> stops, JsonObject sceneExtras, string name)
    {
        var t = layout.Plan.Template;
        var model = ModelRoot.CreateModel();
        var scene = model.UseScene(name);
        scene.Extras = sceneExtras;
        var sampler = model.UseTextureSampler(TextureWrapMode.CLAMP_TO_EDGE, TextureWrapMode.CLAMP_TO_EDGE,
            TextureMipMapFilter.LINEAR_MIPMAP_LINEAR, TextureInterpolationFilter.LINEAR);

        // Static, untextured geometry: one primitive per material.
        var parts = new SortedDictionary<string, MeshData>(StringComparer.Ordinal)
        {
            ["wall"] = new(), ["floor"] = new(), ["frame"] = new(), ["fixture"] = new(),
        };
        foreach (var w in layout.Plan.Walls) AddWall(parts["wall"], w);
        foreach (var f in layout.Plan.Floors) AddFloor(parts["floor"], f);
        foreach (var f in layout.Plan.Fixtures)
            parts[t.Materials.ContainsKey(f.Material) && parts.ContainsKey(f.Material) ? f.Material : "fixture"].Box(
                new Vector3((float)f.At[0], (float)f.Size[1] / 2, (float)f.At[1]), Vector3.UnitX, Vector3.UnitY, Vector3.UnitZ,
                (float)f.Size[0] / 2, (float)f.Size[1] / 2, (float)f.Size[2] / 2);
        foreach (var x in layout.Exhibits) AddFrame(parts["frame"], x.Frame);
        var structure = model.CreateMesh("hall");
        foreach (var (material, data) in parts)
        {
            if (data.IsEmpty) continue;
            Primitive(model, structure, data, LitMaterial(model, material, t.Materials[material]));
        }
        scene.CreateNode("hall").Mesh = structure;

        // Panels and exhibit pictures: one primitive per atlas page.
        var pages = atlas.PageSizes.Select(_ => new MeshData()).ToList();
        foreach (var p in panels)
        {
            var slot = atlas.Slots[p.Key];
            var data = pages[slot.Page];
            if (p.Rect is { } r)
            {
                var (right, up) = Axes(r);
                data.Quad(r.Centre(PanelDepth), right * (float)(r.Width / 2), up * (float)(r.Height / 2), slot.U0, slot.V0, slot.U1, slot.V1);
            }
            else if (p.Floor is { } f)
            {
                var c = new Vector3((f.X + f.Z) / 2, 0.004f, (f.Y + f.W) / 2);
                data.Quad(c, Vector3.UnitX * ((f.Z - f.X) / 2), -Vector3.UnitZ * ((f.W - f.Y) / 2), slot.U0, slot.V0, slot.U1, slot.V1);
            }
        }
        foreach (var p in pictures)
        {
            var r = p.Placement.Picture;
            var slot = atlas.Slots[p.AtlasKey];
            var (right, up) = Axes(r);
            pages[slot.Page].Quad(r.Centre(PictureDepth), right * (float)(r.Width / 2), up * (float)(r.Height / 2), slot.U0, slot.V0, slot.U1, slot.V1);
        }
        var atlasMesh = model.CreateMesh("atlas");
        for (var i = 0; i < pages.Count; i++)
        {
            if (pages[i].IsEmpty) continue;
            var image = model.UseImage(new SharpGLTF.Memory.MemoryImage(atlasPages[i]));
            image.Name = AtlasName(i);
            Primitive(model, atlasMesh, pages[i], TexturedMaterial(model, AtlasName(i), image, sampler));
        }
        if (atlasMesh.Primitives.Count > 0) scene.CreateNode("atlas").Mesh = atlasMesh;

        // Exhibits: a node each (no mesh: its picture is in the atlas mesh), centred on the picture and facing out of
        // the wall along its +Z, with the extras a client needs to find it, open it and stream sharper tiles over it.
        foreach (var p in pictures)
        {
            var r = p.Placement.Picture;
            var node = scene.CreateNode($"exhibit:{p.Placement.Exhibit.Id}");
            node.LocalTransform = new SharpGLTF.Transforms.AffineTransform(null, r.Rotation, r.Centre(PictureDepth));
            node.Extras = p.Extras;
        }

        foreach (var s in stops)
        {
            var camera = model.CreateCamera($"stop-{s.Number}");
            camera.SetPerspectiveMode(null, 1.0f, 0.05f, 500f);
            var node = scene.CreateNode($"stop:{s.Number}");
            node.Camera = camera;
            node.LocalTransform = new SharpGLTF.Transforms.AffineTransform(null, LookRotation(s.Direction), s.Position);
            node.Extras = s.Extras;
        }

        foreach (var l in layout.Plan.Lights)
        {
            HallTemplateJson.TryColor(l.Color, out var c);
            var colour = new Vector3(c.R / 255f, c.G / 255f, c.B / 255f);
            var light = model.CreatePunctualLight(l.Id, l.Kind == "point" ? PunctualLightType.Point : PunctualLightType.Directional);
            light.SetColor(colour, (float)l.Intensity, l.Kind == "point" ? (float)(l.Range ?? 0) : 0);
            var node = scene.CreateNode($"light:{l.Id}");
            node.PunctualLight = light;
            if (l.Kind == "point") node.LocalTransform = new SharpGLTF.Transforms.AffineTransform(null, null, new Vector3((float)l.At![0], (float)l.At[1], (float)l.At[2]));
            else node.LocalTransform = new SharpGLTF.Transforms.AffineTransform(null, LookRotation(Vector3.Normalize(new Vector3((float)l.Direction![0], (float)l.Direction[1], (float)l.Direction[2]))), null);
        }
        return model;
    }

    /// <summary>The name of atlas page <paramref name="page"/> (from 0): its image and its material.</summary>
    public static string AtlasName(int page) => $"atlas-{page + 1}";

    /// <summary>A rotation that turns −Z (where glTF cameras and lights point) to <paramref name="direction"/>, keeping the horizon level.</summary>
    public static Quaternion LookRotation(Vector3 direction)
    {
        var d = Vector3.Normalize(direction);
        var yaw = MathF.Atan2(-d.X, -d.Z);
        var pitch = MathF.Asin(Math.Clamp(d.Y, -1, 1));
        return Quaternion.Normalize(Quaternion.CreateFromAxisAngle(Vector3.UnitY, yaw) * Quaternion.CreateFromAxisAngle(Vector3.UnitX, pitch));
    }

    /// <summary>The visitor's right and up for a rectangle on a wall face, as they stand facing it.</summary>
    private static (Vector3 Right, Vector3 Up) Axes(FaceRect r) => (new Vector3(r.Normal.Y, 0, -r.Normal.X), Vector3.UnitY);

    private static void AddWall(MeshData m, PlacedWall w)
    {
        var ax = new Vector3(w.Direction.X, 0, w.Direction.Y);
        var az = Vector3.Cross(ax, Vector3.UnitY);
        var ht = (float)w.Thickness / 2;
        void Piece(double from, double to, double bottom, double top)
        {
            if (to - from < 1e-3 || top - bottom < 1e-3) return;
            var p = w.At((from + to) / 2);
            m.Box(new Vector3(p.X, (float)(bottom + top) / 2, p.Y), ax, Vector3.UnitY, az, (float)(to - from) / 2, (float)(top - bottom) / 2, ht);
        }
        double cursor = 0;
        foreach (var d in w.Doors.OrderBy(d => d.From))
        {
            Piece(cursor, d.From, 0, w.Height);
            Piece(d.From, d.To, d.Height, w.Height);
            cursor = d.To;
        }
        Piece(cursor, w.Length, 0, w.Height);
    }

    private static void AddFloor(MeshData m, Vector2[] polygon)
    {
        var b = m.Positions.Count;
        foreach (var p in polygon)
        {
            m.Positions.Add(new Vector3(p.X, 0, p.Y));
            m.Normals.Add(Vector3.UnitY);
            m.Uvs.Add(new Vector2(p.X, p.Y));
        }
        // A fan; floor polygons are convex. Wound to face up (+y) whichever way the polygon runs.
        var area = 0f;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++) area += (polygon[j].X * polygon[i].Y) - (polygon[i].X * polygon[j].Y);
        for (var i = 1; i + 1 < polygon.Length; i++)
        {
            if (area > 0) m.Indices.AddRange([b, b + i + 1, b + i]);
            else m.Indices.AddRange([b, b + i, b + i + 1]);
        }
    }

    private static void AddFrame(MeshData m, FaceRect f)
    {
        var n = new Vector3(f.Normal.X, 0, f.Normal.Y);
        var ax = Vector3.Cross(Vector3.UnitY, n);
        m.Box(f.Centre(FrameDepth / 2), ax, Vector3.UnitY, n, (float)f.Width / 2, (float)f.Height / 2, FrameDepth / 2, open: false);
    }

    private static Material LitMaterial(ModelRoot model, string name, MaterialSpec spec)
    {
        var m = model.CreateMaterial(name);
        m.InitializePBRMetallicRoughness();
        HallTemplateJson.TryColor(spec.Color, out var c);
        // Parameter is marked obsolete in 1.0.7 in favour of Parameters[], which names its entries per channel; it still writes the factor.
#pragma warning disable CS0618
        var baseColor = m.FindChannel("BaseColor")!.Value;
        baseColor.Parameter = new Vector4(Linear(c.R), Linear(c.G), Linear(c.B), 1);
        var mr = m.FindChannel("MetallicRoughness")!.Value;
        mr.Parameter = new Vector4(0, (float)spec.Roughness, 0, 0);
#pragma warning restore CS0618
        return m;
    }

    private static Material TexturedMaterial(ModelRoot model, string name, Image image, TextureSampler sampler)
    {
        var m = model.CreateMaterial(name);
        m.InitializeUnlit();
        var baseColor = m.FindChannel("BaseColor")!.Value;
        baseColor.SetTexture(0, model.UseTexture(image, sampler));
        return m;
    }

    /// <summary>sRGB byte to the linear factor glTF's baseColorFactor takes.</summary>
    private static float Linear(byte v)
    {
        var c = v / 255.0;
        return (float)Math.Round(c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4), 5);
    }

    private static void Primitive(ModelRoot model, Mesh mesh, MeshData data, Material material)
    {
        var p = mesh.CreatePrimitive();
        p.Material = material;
        p.SetVertexAccessor("POSITION", Accessor(model, MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(data.Positions)).ToArray(), data.Positions.Count, DimensionType.VEC3));
        p.SetVertexAccessor("NORMAL", Accessor(model, MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(data.Normals)).ToArray(), data.Normals.Count, DimensionType.VEC3));
        p.SetVertexAccessor("TEXCOORD_0", Accessor(model, MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(data.Uvs)).ToArray(), data.Uvs.Count, DimensionType.VEC2));
        var wide = data.Positions.Count > ushort.MaxValue;
        byte[] indices = wide
            ? MemoryMarshal.AsBytes(data.Indices.Select(i => (uint)i).ToArray().AsSpan()).ToArray()
            : MemoryMarshal.AsBytes(data.Indices.Select(i => (ushort)i).ToArray().AsSpan()).ToArray();
        var view = model.UseBufferView(Pad(indices), 0, indices.Length, 0, BufferMode.ELEMENT_ARRAY_BUFFER);
        var index = model.CreateAccessor();
        index.SetIndexData(view, 0, data.Indices.Count, wide ? IndexEncodingType.UNSIGNED_INT : IndexEncodingType.UNSIGNED_SHORT);
        p.SetIndexAccessor(index);
    }

    private static Accessor Accessor(ModelRoot model, byte[] bytes, int count, DimensionType dimensions)
    {
        var view = model.UseBufferView(bytes, 0, null, 0, BufferMode.ARRAY_BUFFER);
        var a = model.CreateAccessor();
        a.SetVertexData(view, 0, count, new SharpGLTF.Memory.AttributeFormat(dimensions));
        a.UpdateBounds();
        return a;
    }

    private static byte[] Pad(byte[] bytes) => bytes.Length % 4 == 0 ? bytes : [.. bytes, .. new byte[4 - bytes.Length % 4]];
}
