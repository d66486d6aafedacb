using System.Numerics;

namespace QyHeritage.Immersive.Rendering;

/// <summary>
/// A pinhole camera in glTF space (metres, +Y up, right-handed). Yaw turns about +Y, counter-clockwise
/// seen from above: yaw 0 looks along −Z, yaw 90 along −X, yaw −90 along +X. Pitch lifts the view:
/// +90 looks straight up. Field of view is vertical, in degrees; the horizontal one follows the aspect.
/// </summary>
public readonly record struct HallCamera(Vector3 Position, float YawDegrees, float PitchDegrees, float VerticalFovDegrees, int Width, int Height)
{
    public const float NearPlane = 0.05f;
    public const float FarPlane = 500f;

    /// <summary>A camera at a tour stop's pose.</summary>
    public static HallCamera At(TourStopPose pose, float verticalFovDegrees, int width, int height) =>
        new(pose.Position, pose.YawDegrees, pose.PitchDegrees, verticalFovDegrees, width, height);

    /// <summary>Camera to world: rotate by pitch about X, then yaw about Y, then move to the position.</summary>
    public Matrix4x4 CameraToWorld =>
        Matrix4x4.CreateRotationX(Radians(PitchDegrees)) * Matrix4x4.CreateRotationY(Radians(YawDegrees)) * Matrix4x4.CreateTranslation(Position);

    public Matrix4x4 View
    {
        get
        {
            Matrix4x4.Invert(CameraToWorld, out var view);
            return view;
        }
    }

    /// <summary>The unit direction the camera looks along.</summary>
    public Vector3 Forward => Vector3.Normalize(Vector3.TransformNormal(-Vector3.UnitZ, CameraToWorld));

    /// <summary>The camera's right, level with the floor when there is no roll (there never is).</summary>
    public Vector3 Right => Vector3.Normalize(Vector3.TransformNormal(Vector3.UnitX, CameraToWorld));

    public Matrix4x4 Projection => GlPerspective(Radians(VerticalFovDegrees), (float)Width / Height, NearPlane, FarPlane);

    /// <summary>Focal length in pixels (vertical): a point at (x, y, −d) in camera space lands f·x/d pixels right of centre.</summary>
    public float FocalPixels => Height / 2f / MathF.Tan(Radians(VerticalFovDegrees) / 2);

    /// <summary>Where a world point lands in the picture: pixels from the top-left corner, and its depth in front of the camera (≤ 0 when behind).</summary>
    public (float X, float Y, float Depth) Project(Vector3 world)
    {
        var p = Vector3.Transform(world, View);
        float depth = -p.Z;
        if (depth <= 0)
            return (float.NaN, float.NaN, depth);
        float f = FocalPixels;
        return (Width / 2f + f * p.X / depth, Height / 2f - f * p.Y / depth, depth);
    }

    /// <summary>The same view moved sideways along <see cref="Right"/> by <paramref name="metres"/> (an eye of a stereo pair).</summary>
    public HallCamera Shifted(float metres) => this with { Position = Position + Right * metres };

    /// <summary>OpenGL clip space (z in −1…1), right-handed view space.</summary>
    internal static Matrix4x4 GlPerspective(float fovY, float aspect, float near, float far)
    {
        float f = 1f / MathF.Tan(fovY / 2);
        // Row-vector layout (System.Numerics): uploaded untransposed, GLSL reads it as the column-major P.
        return new Matrix4x4(
            f / aspect, 0, 0, 0,
            0, f, 0, 0,
            0, 0, (far + near) / (near - far), -1,
            0, 0, 2 * far * near / (near - far), 0);
    }

    internal static float Radians(float degrees) => degrees * MathF.PI / 180f;
}
