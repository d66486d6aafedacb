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

/// <summary>
/// Where a visitor enters the hall: the scene extras' <c>qyHall.spawn</c> (<c>position</c> at eye
/// height and a <c>direction</c>, as immersive/Compiling writes them), or null when the GLB has none.
/// </summary>
public static class HallSpawn
{
    public static TourStopPose? Read(ModelRoot model)
    {
        var scene = model.DefaultScene ?? model.LogicalScenes.FirstOrDefault();
        if (scene?.Extras is not JsonObject extras
            || extras["qyHall"] is not JsonObject hall
            || hall["spawn"] is not JsonObject spawn
            || Vector(spawn["position"]) is not { } position
            || Vector(spawn["direction"]) is not { } direction
            || direction.LengthSquared() < 1e-12f)
            return null;
        direction = Vector3.Normalize(direction);
        float yaw = MathF.Atan2(-direction.X, -direction.Z) * 180f / MathF.PI;
        float pitch = MathF.Asin(Math.Clamp(direction.Y, -1f, 1f)) * 180f / MathF.PI;
        return new TourStopPose(0, position, yaw, pitch, "spawn");
    }

    static Vector3? Vector(JsonNode? node)
    {
        if (node is not JsonArray { Count: 3 } array)
            return null;
        var values = new float[3];
        for (int i = 0; i < 3; i++)
        {
            if (array[i] is not JsonValue value || !value.TryGetValue<double>(out var number))
                return null;
            values[i] = (float)number;
        }
        return new Vector3(values[0], values[1], values[2]);
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
