using System.Numerics;
using QyHeritage.Immersive.Templates;

namespace QyHeritage.Immersive.Layout;

/// <summary>A wall placed in the hall: plan coordinates in metres, its faces that carry exhibits.</summary>
public sealed record PlacedWall(string Id, string BaseId, Vector2 From, Vector2 To, double Thickness, double Height, string Face,
    IReadOnlyList<Interval> Slots, IReadOnlyList<DoorSpec> Doors)
{
    public double Length => Vector2.Distance(From, To);

    public Vector2 Direction => Vector2.Normalize(To - From);

    /// <summary>The normal of a face on the plan: +1 the right-hand side walking from → to, −1 the left.</summary>
    public Vector2 Normal(int side) => new Vector2(-Direction.Y, Direction.X) * side;

    public Vector2 At(double along) => From + Direction * (float)along;

    public IEnumerable<int> Sides => Face switch { "right" => [1], "left" => [-1], _ => [1, -1] };
}

/// <summary>
/// A template grown to a size: the concrete walls, floor areas, fixtures and lights of a hall with
/// <see cref="Units"/> repeat units and the first <see cref="Extensions"/> extensions.
/// </summary>
public sealed record HallPlan(HallTemplate Template, int Units, int Extensions,
    IReadOnlyList<PlacedWall> Walls, IReadOnlyList<Vector2[]> Floors, IReadOnlyList<FixtureSpec> Fixtures, IReadOnlyList<LightSpec> Lights)
{
    /// <summary>Grows the template: units along the repeat offset, end-anchored walls after the last unit.</summary>
    public static HallPlan Grow(HallTemplate t, int units, int extensions)
    {
        var repeat = t.Growth.Repeat;
        var offset = repeat is null ? Vector2.Zero : V(repeat.Offset);
        var end = offset * units;
        var walls = new List<PlacedWall>();
        var floors = new List<Vector2[]>();
        var lights = new List<LightSpec>(t.Lights ?? []);
        if (t.Floor is { Count: >= 3 }) floors.Add(t.Floor.Select(V).ToArray());
        foreach (var w in t.Walls ?? []) walls.Add(Place(t, w, w.Anchor == "end" ? end : Vector2.Zero, w.Id));
        if (repeat is not null)
        {
            for (var u = 0; u < units; u++)
            {
                var o = offset * u;
                floors.Add(repeat.Floor.Select(p => V(p) + o).ToArray());
                foreach (var w in repeat.Walls) walls.Add(Place(t, w, o, $"{w.Id}-{u + 1}"));
                foreach (var l in repeat.Lights ?? [])
                    lights.Add(l with { Id = $"{l.Id}-{u + 1}", At = l.At is { Length: 3 } a ? [a[0] + o.X, a[1], a[2] + o.Y] : null });
            }
        }
        var fixtures = new List<FixtureSpec>(t.Fixtures ?? []);
        foreach (var x in t.Growth.Extensions.Take(extensions))
        {
            foreach (var w in x.Walls) walls.Add(Place(t, w, Vector2.Zero, w.Id));
            fixtures.AddRange(x.Fixtures ?? []);
        }
        return new HallPlan(t, units, extensions, walls, floors, fixtures, lights);
    }

    private static PlacedWall Place(HallTemplate t, WallSpec w, Vector2 o, string id) =>
        new(id, w.Id, V(w.From) + o, V(w.To) + o, w.Thickness ?? t.WallThickness, w.Height ?? t.WallHeight, w.Face, w.Slots ?? [], w.Doors ?? []);

    public static Vector2 V(double[] p) => new((float)p[0], (float)p[1]);

    /// <summary>Whether a plan point lies on the floor (inside one of the floor polygons).</summary>
    public bool OnFloor(Vector2 p) => Floors.Any(f => Inside(f, p));

    public static bool Inside(Vector2[] polygon, Vector2 p)
    {
        var inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            var a = polygon[i];
            var b = polygon[j];
            if ((a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X - a.X) * (p.Y - a.Y) / (b.Y - a.Y) + a.X) inside = !inside;
        }
        return inside;
    }

    /// <summary>The hall's extent on the plan (min, max).</summary>
    public (Vector2 Min, Vector2 Max) Bounds()
    {
        var all = Floors.SelectMany(f => f).Concat(Walls.SelectMany(w => new[] { w.From, w.To })).ToList();
        return (new Vector2(all.Min(p => p.X), all.Min(p => p.Y)), new Vector2(all.Max(p => p.X), all.Max(p => p.Y)));
    }
}
