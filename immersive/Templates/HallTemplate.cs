using System.Text.Json.Serialization;
using QyHeritage.Archive.Exhibitions;

namespace QyHeritage.Immersive.Templates;

/// <summary>
/// A hall template (<c>qy-hall-template/1</c>, <c>assets/halls/{id}.json</c>): the floor plan, walls with their
/// hanging slots and doors, fixtures, lights, materials, the spawn point and the rule by which the hall grows.
/// Plan coordinates are metres on the floor, <c>[x, z]</c>; y is up. Documented in <c>assets/halls/README.md</c>.
/// </summary>
public sealed record HallTemplate(
    string Id,
    Bilingual Title,
    Bilingual? Description,
    double WallHeight,
    double WallThickness,
    HangRule Hang,
    IReadOnlyDictionary<string, MaterialSpec> Materials,
    IReadOnlyList<LightSpec> Lights,
    Spawn Spawn,
    IReadOnlyList<WallSpec> Walls,
    IReadOnlyList<double[]>? Floor,
    IReadOnlyList<FixtureSpec> Fixtures,
    IReadOnlyList<PanelSpec> Panels,
    HallFeatures Features,
    GrowthRule Growth)
{
    public string Format { get; init; } = HallTemplateJson.Format;
}

/// <summary>Where pictures hang on a wall face: heights in metres, widths along the wall.</summary>
/// <param name="Centre">Height of a picture's centre, unless it is too tall for it.</param>
/// <param name="Bottom">Lowest edge of a picture.</param>
/// <param name="Top">Highest edge of a picture (bands and station panels start above it).</param>
/// <param name="MaxWidth">Widest picture, frame included.</param>
/// <param name="Gap">Space between a picture, its label and the next picture.</param>
/// <param name="LabelWidth">Width of an exhibit's label panel.</param>
/// <param name="SectionPanelWidth">Width of the panel that opens a section.</param>
public sealed record HangRule(double Centre, double Bottom, double Top, double MaxWidth, double Gap, double LabelWidth, double SectionPanelWidth);

/// <summary>A material: sRGB colour <c>#rrggbb</c> and roughness (lit surfaces only).</summary>
public sealed record MaterialSpec(string Color, double Roughness = 0.9);

/// <summary>A light: <c>directional</c> (direction only) or <c>point</c> (at, range), colour and intensity (glTF KHR_lights_punctual units).</summary>
public sealed record LightSpec(string Id, string Kind, double[]? Direction, double[]? At, string Color, double Intensity, double? Range = null);

/// <summary>Where a visitor appears and the way they face, on the floor plan.</summary>
public sealed record Spawn(double[] At, double[] Facing);

/// <summary>
/// A straight wall from <c>from</c> to <c>to</c>. <c>face</c> is the side that shows exhibits: <c>right</c> or
/// <c>left</c> as seen walking from <c>from</c> to <c>to</c>, or <c>both</c> for a free-standing screen.
/// Slots and doors are intervals in metres from <c>from</c>. A wall with <c>anchor: "end"</c> moves with the growth.
/// </summary>
public sealed record WallSpec(
    string Id,
    double[] From,
    double[] To,
    string Face,
    IReadOnlyList<Interval>? Slots = null,
    IReadOnlyList<DoorSpec>? Doors = null,
    string? Anchor = null,
    double? Thickness = null,
    double? Height = null);

public sealed record Interval(double From, double To)
{
    [JsonIgnore] public double Length => To - From;
    public bool Overlaps(double from, double to) => from < To && to > From;
}

public sealed record DoorSpec(string Id, double From, double To, double Height);

/// <summary>A box standing on the floor (a table, a plinth): centre on the plan, size [x, height, z].</summary>
public sealed record FixtureSpec(string Id, string Kind, double[] At, double[] Size, string Material);

/// <summary>The template's own text (a station's name) drawn above the hanging zone of a wall, from <c>at</c> metres along it.</summary>
public sealed record PanelSpec(string Id, string Wall, double At, Bilingual Text);

public sealed record HallFeatures(TimelineFeature? Timeline = null, FloorMapFeature? FloorMap = null);

/// <summary>A band along the named walls (ids of repeated walls included) listing the exhibits' sources in order.</summary>
public sealed record TimelineFeature(IReadOnlyList<string> Walls, double Bottom, double Height);

/// <summary>A strip of floor map along the hall's length, from <c>z</c>, <c>width</c> wide: the river with the exhibits' places.</summary>
public sealed record FloorMapFeature(double Z, double Width, string Kind);

/// <summary>
/// How the hall grows when the exhibition has more exhibits than slots: first more repeat units (up to
/// <c>max</c>), then the extensions in order. A hall still too small is refused.
/// </summary>
public sealed record GrowthRule(Bilingual? Rule, RepeatUnit? Repeat, IReadOnlyList<Extension> Extensions);

/// <summary>A unit repeated along <c>offset</c>: its floor rectangle, walls and lights, relative to the unit's origin.</summary>
public sealed record RepeatUnit(double[] Offset, int Initial, int Max, IReadOnlyList<double[]> Floor, IReadOnlyList<WallSpec> Walls, IReadOnlyList<LightSpec>? Lights);

/// <summary>Walls and fixtures added when the hall needs them (a second ring of screens).</summary>
public sealed record Extension(string Id, IReadOnlyList<WallSpec> Walls, IReadOnlyList<FixtureSpec>? Fixtures = null);
