using System.Numerics;

namespace QyHeritage.Immersive.Rendering;

/// <summary>How materials that are not KHR_materials_unlit are shaded (unlit ones always show their base colour).</summary>
public enum MaterialShading
{
    /// <summary>Every material shows its base colour, as the unlit pictures and labels do.</summary>
    Unlit,

    /// <summary>PBR materials get ambient light plus one fixed directional light (<see cref="RenderSettings.LightDirection"/>), Lambert only.</summary>
    Lambert,

    /// <summary>
    /// PBR materials get ambient light plus the GLB's own KHR_lights_punctual lights (directional and
    /// point, up to 8), Lambert diffuse in three.js's units (diffuse = albedo / π × irradiance; no
    /// specular, no spot cones). A GLB without lights falls back to <see cref="Lambert"/>.
    /// </summary>
    SceneLights,
}

/// <summary>Renderer settings. Colours are sRGB bytes; light strengths are linear multipliers of the base colour.</summary>
public sealed record RenderSettings
{
    public MaterialShading Shading { get; init; } = MaterialShading.SceneLights;

    /// <summary>MSAA samples per pixel (1 turns it off; the driver's maximum caps it).</summary>
    public int Samples { get; init; } = 4;

    /// <summary>The colour where nothing is drawn, sRGB.</summary>
    public (byte R, byte G, byte B) Background { get; init; } = (0, 0, 0);

    /// <summary>Direction towards the light, world space (normalised when used).</summary>
    public Vector3 LightDirection { get; init; } = new(0.3f, 1f, 0.4f);

    /// <summary>The fixed light of <see cref="MaterialShading.Lambert"/>: a multiplier of the base colour when facing it.</summary>
    public float LightStrength { get; init; } = 0.45f;

    /// <summary>Ambient light, a multiplier of the base colour (a three.js AmbientLight of intensity π·this).</summary>
    public float AmbientStrength { get; init; } = 0.55f;
}
