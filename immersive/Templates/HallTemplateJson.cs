using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QyHeritage.Immersive.Templates;

/// <summary>
/// Reads hall templates (<c>qy-hall-template/1</c>) and checks them: a template is data, so every mistake in
/// one is a message naming the template and the place, never a hall with a picture through a door.
/// </summary>
public static class HallTemplateJson
{
    public const string Format = "qy-hall-template/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    /// <summary>Reads and checks one template; throws <see cref="FormatException"/> with every problem found.</summary>
    public static HallTemplate Parse(ReadOnlySpan<byte> utf8, string what)
    {
        HallTemplate? t;
        try { t = JsonSerializer.Deserialize<HallTemplate>(utf8, Options); }
        catch (JsonException x) { throw new FormatException($"{what}: not a hall template ({x.Path}): {x.Message.Split(" Path:", 2)[0]}"); }
        if (t is null) throw new FormatException($"{what}: empty");
        var problems = Check(t);
        if (problems.Count > 0) throw new FormatException($"{what}: {string.Join("; ", problems)}");
        return t;
    }

    /// <summary>Every template in a folder (<c>assets/halls/*.json</c>), by id.</summary>
    public static IReadOnlyDictionary<string, HallTemplate> LoadFolder(string folder)
    {
        var all = new SortedDictionary<string, HallTemplate>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var t = Parse(File.ReadAllBytes(file), Path.GetFileName(file));
            if (Path.GetFileNameWithoutExtension(file) != t.Id) throw new FormatException($"{Path.GetFileName(file)}: id '{t.Id}' is not the file's name");
            all[t.Id] = t;
        }
        return all;
    }

    public static IReadOnlyList<string> Check(HallTemplate t)
    {
        var p = new List<string>();
        if (t.Format != Format) p.Add($"format '{t.Format}' is not {Format}");
        if (!Archive.Exhibitions.ExhibitionSlug.IsValid(t.Id)) p.Add($"id '{t.Id}' is not a slug");
        if (string.IsNullOrWhiteSpace(t.Title?.Zh)) p.Add("title.zh is missing");
        var h = t.Hang;
        if (h is null) { p.Add("hang is missing"); return p; }
        if (!(0 < h.Bottom && h.Bottom < h.Centre && h.Centre < h.Top && h.Top < t.WallHeight)) p.Add("hang: need 0 < bottom < centre < top < wallHeight");
        if (h.MaxWidth <= 0 || h.Gap <= 0 || h.LabelWidth <= 0 || h.SectionPanelWidth <= 0) p.Add("hang: widths and gap must be positive");
        foreach (var name in new[] { "wall", "floor", "frame", "fixture", "paper", "ink", "accent", "water" })
        {
            if (t.Materials is null || !t.Materials.TryGetValue(name, out var m)) p.Add($"materials.{name} is missing");
            else if (!TryColor(m.Color, out _)) p.Add($"materials.{name}.color '{m.Color}' is not #rrggbb");
        }
        var lights = (t.Lights ?? []).Concat(t.Growth?.Repeat?.Lights ?? []);
        foreach (var l in lights)
        {
            if (l.Kind is not ("directional" or "point")) p.Add($"light {l.Id}: kind is directional or point");
            if (l.Kind == "directional" && l.Direction is not { Length: 3 }) p.Add($"light {l.Id}: a directional light needs a direction [x,y,z]");
            if (l.Kind == "point" && l.At is not { Length: 3 }) p.Add($"light {l.Id}: a point light needs at [x,y,z]");
            if (!TryColor(l.Color, out _)) p.Add($"light {l.Id}: color is #rrggbb");
        }
        if (t.Spawn?.At is not { Length: 2 } || t.Spawn.Facing is not { Length: 2 }) p.Add("spawn needs at [x,z] and facing [x,z]");
        var walls = (t.Walls ?? []).Concat(t.Growth?.Repeat?.Walls ?? []).Concat((t.Growth?.Extensions ?? []).SelectMany(e => e.Walls ?? []));
        foreach (var w in walls) CheckWall(w, t, p);
        foreach (var panel in t.Panels ?? [])
        {
            if (!walls.Any(w => w.Id == panel.Wall)) p.Add($"panel {panel.Id}: no wall '{panel.Wall}'");
            if (string.IsNullOrWhiteSpace(panel.Text?.Zh)) p.Add($"panel {panel.Id}: text.zh is missing");
        }
        foreach (var f in (t.Fixtures ?? []).Concat((t.Growth?.Extensions ?? []).SelectMany(e => e.Fixtures ?? [])))
        {
            if (f.Kind != "box" || f.At is not { Length: 2 } || f.Size is not { Length: 3 } || f.Size.Any(s => s <= 0)) p.Add($"fixture {f.Id}: a box needs at [x,z] and a positive size [x,y,z]");
        }
        if (t.Growth is null) p.Add("growth is missing (repeat and/or extensions)");
        else if (t.Growth.Repeat is { } r)
        {
            if (r.Offset is not { Length: 2 } || r.Initial < 1 || r.Max < r.Initial) p.Add("growth.repeat needs offset [x,z] and 1 ≤ initial ≤ max");
            if (r.Floor is not { Count: >= 3 }) p.Add("growth.repeat.floor needs a polygon");
        }
        else if (t.Floor is not { Count: >= 3 }) p.Add("floor needs a polygon when nothing repeats");
        return p;
    }

    private static void CheckWall(WallSpec w, HallTemplate t, List<string> p)
    {
        if (w.From is not { Length: 2 } || w.To is not { Length: 2 }) { p.Add($"wall {w.Id}: from and to are [x,z]"); return; }
        var length = Math.Sqrt(Math.Pow(w.To[0] - w.From[0], 2) + Math.Pow(w.To[1] - w.From[1], 2));
        if (length < 0.5) p.Add($"wall {w.Id}: shorter than 0.5 m");
        if (w.Face is not ("left" or "right" or "both")) p.Add($"wall {w.Id}: face is left, right or both");
        if (w.Anchor is not (null or "start" or "end")) p.Add($"wall {w.Id}: anchor is start or end");
        var doors = w.Doors ?? [];
        foreach (var d in doors)
        {
            if (!(0 <= d.From && d.From < d.To && d.To <= length)) p.Add($"wall {w.Id}: door {d.Id} lies outside the wall");
            if (d.Height <= 2.0 || d.Height >= (w.Height ?? t.WallHeight)) p.Add($"wall {w.Id}: door {d.Id} must be taller than 2 m and lower than the wall");
        }
        var slots = w.Slots ?? [];
        foreach (var s in slots)
        {
            if (!(0 <= s.From && s.From < s.To && s.To <= length)) p.Add($"wall {w.Id}: slot {Num(s.From)}–{Num(s.To)} lies outside the wall");
            if (doors.FirstOrDefault(d => s.Overlaps(d.From, d.To)) is { } door) p.Add($"wall {w.Id}: slot {Num(s.From)}–{Num(s.To)} overlaps door {door.Id}");
            if (t.Hang is { } h && s.Length < h.SectionPanelWidth + h.Gap * 2) p.Add($"wall {w.Id}: slot {Num(s.From)}–{Num(s.To)} is too short for a section panel");
        }
        for (var i = 1; i < slots.Count; i++)
            if (slots[i].From < slots[i - 1].To) p.Add($"wall {w.Id}: slots overlap or are out of order");
    }

    private static string Num(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Reads <c>#rrggbb</c> as linear-free sRGB bytes.</summary>
    public static bool TryColor(string? text, out (byte R, byte G, byte B) rgb)
    {
        rgb = default;
        if (text is not { Length: 7 } || text[0] != '#') return false;
        if (!int.TryParse(text.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)) return false;
        rgb = ((byte)(v >> 16), (byte)(v >> 8), (byte)v);
        return true;
    }
}
