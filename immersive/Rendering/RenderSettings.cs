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

    /// <summary>A three.js HemisphereLight on lit materials (with <see cref="MaterialShading.SceneLights"/> and <see cref="MaterialShading.Lambert"/>); null for none.</summary>
    public HemisphereLight? Hemisphere { get; init; }

    /// <summary>
    /// What the hall client (immersive/webxr/src/hall.ts) lights a hall with beside the GLB's own lights: a hemisphere light
    /// (sky #fff6e8, ground #3a342c, intensity 0.6), no other ambient light, the background #1b1a18. The host renders the
    /// hall's pictures with these, so a panorama looks like the hall in the browser (bench/RESULTS.md: colour match).
    /// </summary>
    public static RenderSettings HallClient { get; } = new()
    {
        AmbientStrength = 0,
        Hemisphere = new HemisphereLight((0xff, 0xf6, 0xe8), (0x3a, 0x34, 0x2c), 0.6f),
        Background = (0x1b, 0x1a, 0x18),
    };
}

/// <summary>
/// three.js's HemisphereLight: irradiance blended from <paramref name="Ground"/> (normal down) to <paramref name="Sky"/>
/// (normal up) by the normal's y, times <paramref name="Intensity"/>; Lambert diffuse = albedo / π × that. Colours sRGB.
/// </summary>
public sealed record HemisphereLight((byte R, byte G, byte B) Sky, (byte R, byte G, byte B) Ground, float Intensity)
{
    public static Vector3 Linear((byte R, byte G, byte B) c) => new(Srgb.ToLinear(c.R), Srgb.ToLinear(c.G), Srgb.ToLinear(c.B));
}
