using System.Numerics;

namespace QyHeritage.Immersive.Scene;

/// <summary>Triangles of one material, gathered before they become one glTF primitive (one draw call).</summary>
public sealed class MeshData
{
    public List<Vector3> Positions { get; } = [];
    public List<Vector3> Normals { get; } = [];
    public List<Vector2> Uvs { get; } = [];
    public List<int> Indices { get; } = [];

    public int Triangles => Indices.Count / 3;

    public bool IsEmpty => Indices.Count == 0;

    /// <summary>A quad around <paramref name="centre"/> spanning ±<paramref name="right"/> and ±<paramref name="up"/>, facing right × up; uv (u0,v0) at its top left.</summary>
    public void Quad(Vector3 centre, Vector3 right, Vector3 up, float u0 = 0, float v0 = 0, float u1 = 1, float v1 = 1)
    {
        var n = Vector3.Normalize(Vector3.Cross(right, up));
        var b = Positions.Count;
        Positions.AddRange([centre - right + up, centre + right + up, centre + right - up, centre - right - up]);
        Normals.AddRange([n, n, n, n]);
        Uvs.AddRange([new(u0, v0), new(u1, v0), new(u1, v1), new(u0, v1)]);
        Indices.AddRange([b, b + 3, b + 2, b, b + 2, b + 1]);
    }

    /// <summary>A box with its own frame: centre, half extents along three orthogonal unit axes. Bottom face left out when <paramref name="open"/>.</summary>
    public void Box(Vector3 centre, Vector3 ax, Vector3 ay, Vector3 az, float hx, float hy, float hz, bool open = true)
    {
        Vector3 x = ax * hx, y = ay * hy, z = az * hz;
        Quad(centre + z, x, y);          // +z
        Quad(centre - z, -x, y);         // −z
        Quad(centre + x, -z, y);         // +x
        Quad(centre - x, z, y);          // −x
        Quad(centre + y, x, -z);         // top
        if (!open) Quad(centre - y, x, z); // bottom
    }
}
