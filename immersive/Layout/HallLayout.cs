using System.Numerics;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Immersive.Templates;

namespace QyHeritage.Immersive.Layout;

/// <summary>An exhibit as hung: picture, frame and label rectangles, and its number in the hall (from 1).</summary>
public sealed record ExhibitPlacement(Exhibit Exhibit, ExhibitionSection Section, int Number, ExhibitSize Size, FaceRect Picture, FaceRect Frame, FaceRect Label);

/// <summary>The panel that opens a section.</summary>
public sealed record SectionPlacement(ExhibitionSection Section, int Number, FaceRect Panel);

/// <summary>What the layout needs to know of each exhibit and section before hanging them.</summary>
public sealed record HangRequest(IReadOnlyList<(ExhibitionSection Section, double PanelHeight, IReadOnlyList<(Exhibit Exhibit, ExhibitSize Size, double LabelHeight)> Exhibits)> Sections)
{
    public int ExhibitCount => Sections.Sum(s => s.Exhibits.Count);
}

/// <summary>The hall refuses the exhibition: too many exhibits for the template's largest size.</summary>
public sealed class HallCapacityException(string message) : Exception(message);

/// <summary>
/// Hangs an exhibition in a template: sections in order, each opened by its panel, exhibits in order, each
/// with its label to its right; slots are filled in the template's order (downstream in the gallery, station
/// by station in the pavilion). The hall grows by the template's rule until everything hangs.
/// </summary>
public sealed record HallLayout(HallPlan Plan, IReadOnlyList<SectionPlacement> Sections, IReadOnlyList<ExhibitPlacement> Exhibits)
{
    public static HallLayout Hang(HallTemplate t, HangRequest request)
    {
        foreach (var (units, extensions) in Sizes(t))
        {
            var plan = HallPlan.Grow(t, units, extensions);
            if (TryHang(plan, request) is { } layout) return layout;
        }
        var largest = Sizes(t).Last();
        var capacity = CountThatFits(HallPlan.Grow(t, largest.Units, largest.Extensions), request);
        throw new HallCapacityException(
            $"展厅模板 {t.Id} 最多容纳 {capacity} 件展品，本展览有 {request.ExhibitCount} 件：请减少展品或换用更大的模板。 " +
            $"Hall template {t.Id} holds at most {capacity} of this exhibition's {request.ExhibitCount} exhibits: remove exhibits or choose a larger template.");
    }

    /// <summary>The sizes the template can take, smallest first.</summary>
    public static IEnumerable<(int Units, int Extensions)> Sizes(HallTemplate t)
    {
        var r = t.Growth.Repeat;
        int first = r?.Initial ?? 0, last = r?.Max ?? 0;
        for (var u = first; u <= last; u++) yield return (u, 0);
        for (var e = 1; e <= t.Growth.Extensions.Count; e++) yield return (last, e);
    }

    private static int CountThatFits(HallPlan plan, HangRequest request)
    {
        int lo = 0, hi = request.ExhibitCount;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (TryHang(plan, Truncate(request, mid)) is not null) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    private static HangRequest Truncate(HangRequest r, int count)
    {
        var left = count;
        var sections = new List<(ExhibitionSection, double, IReadOnlyList<(Exhibit, ExhibitSize, double)>)>();
        foreach (var s in r.Sections)
        {
            if (left <= 0) break;
            var take = s.Exhibits.Take(left).ToList();
            left -= take.Count;
            sections.Add((s.Section, s.PanelHeight, take));
        }
        return new HangRequest(sections);
    }

    /// <summary>The hanging places of a plan, in order: each slot of each face of each wall.</summary>
    public static IEnumerable<(PlacedWall Wall, int Side, Interval Slot)> Slots(HallPlan plan) =>
        from w in plan.Walls from side in w.Sides from s in w.Slots select (w, side, s);

    private static HallLayout? TryHang(HallPlan plan, HangRequest request)
    {
        var hang = plan.Template.Hang;
        var slots = Slots(plan).ToList();
        int slot = 0;
        double cursor = slots.Count > 0 ? slots[0].Slot.From : 0;
        var sections = new List<SectionPlacement>();
        var exhibits = new List<ExhibitPlacement>();
        var number = 0;

        // Finds room for a run of widths that must stay together on one slot; moves on to the next slot if needed.
        bool Reserve(double width)
        {
            while (slot < slots.Count)
            {
                if (cursor + width <= slots[slot].Slot.To + 1e-9) return true;
                slot++;
                if (slot < slots.Count) cursor = slots[slot].Slot.From;
            }
            return false;
        }

        for (var si = 0; si < request.Sections.Count; si++)
        {
            var (section, panelHeight, items) = request.Sections[si];
            var firstWidth = items.Count > 0 ? ExhibitWidth(items[0].Size, hang) + hang.Gap : 0;
            if (!Reserve(hang.SectionPanelWidth + hang.Gap + firstWidth)) return null;
            var (wall, side, _) = slots[slot];
            var panelTop = Math.Min(hang.Top, hang.Centre + panelHeight / 2);
            sections.Add(new SectionPlacement(section, si + 1, new FaceRect(wall, side, cursor, cursor + hang.SectionPanelWidth, Math.Max(hang.Bottom, panelTop - panelHeight), panelTop)));
            cursor += hang.SectionPanelWidth + hang.Gap;
            foreach (var (exhibit, size, labelHeight) in items)
            {
                var width = ExhibitWidth(size, hang);
                if (!Reserve(width)) return null;
                (wall, side, _) = slots[slot];
                number++;
                exhibits.Add(Place(wall, side, cursor, exhibit, section, number, size, labelHeight, hang));
                cursor += width + hang.Gap;
            }
        }
        return new HallLayout(plan, sections, exhibits);
    }

    private static double ExhibitWidth(ExhibitSize size, HangRule hang) => size.Width + 2 * ExhibitSizing.FrameBorder + hang.Gap + hang.LabelWidth;

    private static ExhibitPlacement Place(PlacedWall wall, int side, double from, Exhibit x, ExhibitionSection section, int number, ExhibitSize size, double labelHeight, HangRule hang)
    {
        var b = ExhibitSizing.FrameBorder;
        double fw = size.Width + 2 * b, fh = size.Height + 2 * b;
        var centre = Math.Max(hang.Centre, hang.Bottom + fh / 2);
        double frameBottom = centre - fh / 2, frameTop = centre + fh / 2;
        var labelTop = Math.Min(hang.Top, Math.Max(hang.Bottom + labelHeight, hang.Centre + 0.1));
        var to = from + fw + hang.Gap + hang.LabelWidth;
        // The label is on the visitor's right: along the wall on a right-hand face, against it on a left-hand one.
        var (frameFrom, labelFrom) = side > 0 ? (from, from + fw + hang.Gap) : (to - fw, from);
        var frame = new FaceRect(wall, side, frameFrom, frameFrom + fw, frameBottom, frameTop);
        var picture = new FaceRect(wall, side, frameFrom + b, frameFrom + fw - b, frameBottom + b, frameTop - b);
        var label = new FaceRect(wall, side, labelFrom, labelFrom + hang.LabelWidth, labelTop - labelHeight, labelTop);
        return new ExhibitPlacement(x, section, number, size, picture, frame, label);
    }

    /// <summary>Where a visitor stands to look at a rectangle from <paramref name="distance"/>, eyes at 1.6 m, on walkable floor.</summary>
    public (Vector3 Position, Vector3 Direction) StandBefore(FaceRect r, double distance)
    {
        var target = r.Centre(0);
        for (var d = distance; d > 0.5; d -= 0.25)
        {
            var p = new Vector2(target.X, target.Z) + r.Normal * (float)d;
            if (!Walkable(p)) continue;
            var eye = new Vector3(p.X, 1.6f, p.Y);
            return (eye, Vector3.Normalize(target - eye));
        }
        var q = new Vector2(target.X, target.Z) + r.Normal * 0.6f;
        var e = new Vector3(q.X, 1.6f, q.Y);
        return (e, Vector3.Normalize(target - e));
    }

    /// <summary>Floor a visitor may stand on: on the floor, 0.3 m from walls and fixtures.</summary>
    public bool Walkable(Vector2 p)
    {
        if (!Plan.OnFloor(p)) return false;
        foreach (var w in Plan.Walls)
        {
            var t = Math.Clamp(Vector2.Dot(p - w.From, w.Direction), 0, w.Length);
            if (Vector2.Distance(p, w.At(t)) < w.Thickness / 2 + 0.3) return false;
        }
        foreach (var f in Plan.Fixtures)
        {
            if (Math.Abs(p.X - f.At[0]) < f.Size[0] / 2 + 0.3 && Math.Abs(p.Y - f.At[1]) < f.Size[2] / 2 + 0.3) return false;
        }
        return true;
    }
}
