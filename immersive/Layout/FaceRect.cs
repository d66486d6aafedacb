using System.Numerics;

namespace QyHeritage.Immersive.Layout;

/// <summary>
/// A rectangle on one face of a wall: from/to metres along the wall, bottom/top metres above the floor.
/// Things hung there (picture, frame, label) are quads facing the face's normal, <c>depth</c> off the wall's surface.
/// </summary>
public sealed record FaceRect(PlacedWall Wall, int Side, double From, double To, double Bottom, double Top)
{
    public double Width => To - From;

    public double Height => Top - Bottom;

    public Vector2 Normal => Wall.Normal(Side);

    /// <summary>The rectangle's centre in the hall (y up), <paramref name="depth"/> metres in front of the face.</summary>
    public Vector3 Centre(double depth)
    {
        var p = Wall.At((From + To) / 2) + Normal * (float)(Wall.Thickness / 2 + depth);
        return new Vector3(p.X, (float)((Bottom + Top) / 2), p.Y);
    }

    /// <summary>Turns a quad in the XY plane facing +Z so that it faces the wall face's normal.</summary>
    public Quaternion Rotation => Quaternion.CreateFromAxisAngle(Vector3.UnitY, MathF.Atan2(Normal.X, Normal.Y));

    /// <summary>Whether two rectangles on the same face share any area.</summary>
    public bool Overlaps(FaceRect o) =>
        ReferenceEquals(Wall, o.Wall) && Side == o.Side && From < o.To && o.From < To && Bottom < o.Top && o.Bottom < Top;

    /// <summary>The same rectangle grown by <paramref name="m"/> metres on every side.</summary>
    public FaceRect Inflate(double m) => this with { From = From - m, To = To + m, Bottom = Bottom - m, Top = Top + m };
}
