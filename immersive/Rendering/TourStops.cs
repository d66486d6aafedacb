using System.Numerics;
using System.Text.Json.Nodes;
using SharpGLTF.Schema2;

namespace QyHeritage.Immersive.Rendering;

/// <summary>
/// Where a tour stop stands and looks: eye position in glTF space (metres, +Y up), yaw and pitch as in
/// <see cref="HallCamera"/>. <paramref name="Number"/> names the panorama file (<c>stops/{Number}.jpg</c>).
/// </summary>
public sealed record TourStopPose(int Number, Vector3 Position, float YawDegrees, float PitchDegrees, string? Name = null)
{
    /// <summary>The pose of a node whose local −Z is the view direction (the glTF camera convention); roll is dropped.</summary>
    public static TourStopPose FromWorldMatrix(int number, Matrix4x4 world, string? name = null)
    {
        var forward = Vector3.Normalize(Vector3.TransformNormal(-Vector3.UnitZ, world));
        float yaw = MathF.Atan2(-forward.X, -forward.Z) * 180f / MathF.PI;
        float pitch = MathF.Asin(Math.Clamp(forward.Y, -1f, 1f)) * 180f / MathF.PI;
        return new TourStopPose(number, world.Translation, yaw, pitch, name);
    }
}

/// <summary>Where the renderer gets the tour stops of a hall from.</summary>
public interface ITourStopSource
{
    IReadOnlyList<TourStopPose> ReadStops(ModelRoot model);
}

/// <summary>A fixed list (tests, or stops that come from elsewhere than the GLB).</summary>
public sealed class ListedTourStops(IReadOnlyList<TourStopPose> stops) : ITourStopSource
{
    public IReadOnlyList<TourStopPose> ReadStops(ModelRoot model) => stops;
}

/// <summary>
/// Tour stops written into the GLB by the hall compiler: nodes of the default scene whose extras carry
/// <c>"kind": "tourStop"</c>, or a <c>"qyStop"</c> object (what immersive/Compiling writes on its
/// <c>stop:{n}</c> camera nodes). The node's world transform is the pose (its local −Z is the view
/// direction, as for a glTF camera). The stop number is the stop object's <c>"n"</c>, <c>"stop"</c>,
/// <c>"index"</c> or <c>"number"</c> when one is an integer, else the 1-based order of the stops in the scene.
/// </summary>
public sealed class GlbTourStops : ITourStopSource
{
    public const string Kind = "tourStop";

    public IReadOnlyList<TourStopPose> ReadStops(ModelRoot model)
    {
        var stops = new List<TourStopPose>();
        var scene = model.DefaultScene ?? model.LogicalScenes.FirstOrDefault();
        if (scene is null)
            return stops;
        foreach (var node in SceneNodes.Walk(scene))
        {
            if (StopObject(node.Extras) is not { } extras)
                continue;
            int number = ExplicitNumber(extras) ?? stops.Count + 1;
            stops.Add(TourStopPose.FromWorldMatrix(number, node.WorldMatrix, node.Name));
        }
        return stops;
    }

    static JsonObject? StopObject(JsonNode? extras)
    {
        if (extras is not JsonObject o)
            return null;
        if (o.TryGetPropertyValue("kind", out var kind) && kind is JsonValue value && value.TryGetValue<string>(out var text) && text == Kind)
            return o;
        return o.TryGetPropertyValue("qyStop", out var stop) && stop is JsonObject compiled ? compiled : null;
    }

    static int? ExplicitNumber(JsonObject extras)
    {
        foreach (var key in new[] { "n", "stop", "index", "number" })
        {
            if (extras.TryGetPropertyValue(key, out var node) && node is JsonValue value && value.TryGetValue<int>(out var n))
                return n;
        }
        return null;
    }
}

static class SceneNodes
{
    /// <summary>Every node of the scene, parents before children, in document order.</summary>
    public static IEnumerable<Node> Walk(SharpGLTF.Schema2.Scene scene)
    {
        var stack = new Stack<Node>(scene.VisualChildren.Reverse());
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in node.VisualChildren.Reverse())
                stack.Push(child);
        }
    }
}
