using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using ImageMagick;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Immersive.Layout;
using QyHeritage.Immersive.Panels;
using QyHeritage.Immersive.Scene;
using QyHeritage.Immersive.Templates;

namespace QyHeritage.Immersive.Compiling;

/// <summary>
/// The JPEG of a region of an item's page at a given size, from our IIIF Image API (in-process in the host:
/// <c>ImageService.RegionJpegAsync</c>).
/// </summary>
public delegate Task<byte[]> PictureSource(string item, int page, PixelRegion region, int width, int height, CancellationToken ct);

/// <summary>A tour stop: where to stand, where to look, and what to read there.</summary>
public sealed record TourStop(int Number, string Kind, string Ref, Vector3 Position, Vector3 Direction, Bilingual Title, Bilingual? Text);

/// <summary>A tour stop as the exhibition alone gives it (no layout): its number, kind, section or exhibit id and title.</summary>
public sealed record TourStopTitle(int Number, string Kind, string Ref, Bilingual Title);

/// <summary>A compiled hall: the GLB bytes, its figures, and the layout and tour it was made from.</summary>
/// <param name="Scene">The hall in brief for documents built without reading the GLB (the IIIF Scene): exhibits with their
/// placement, tour stops, lights; the same facts as the GLB's extras.</param>
public sealed record CompiledHall(byte[] Glb, HallFigures Figures, HallLayout Layout, IReadOnlyList<TourStop> Stops, JsonObject Scene, TimeSpan Elapsed);

/// <summary>Options of one compile.</summary>
/// <param name="EnforceBudgets">Refuse a hall over budget (false only for measuring, as the benchmark does).</param>
public sealed record HallCompileOptions(bool EnforceBudgets = true, HallBudgets? Budgets = null)
{
    public HallBudgets EffectiveBudgets => Budgets ?? HallBudgets.Standalone;
}

/// <summary>The exhibition cannot become a hall (no such template, unpublished exhibits): a bilingual message.</summary>
public sealed class HallInputException(string message) : Exception(message);

/// <summary>
/// A published exhibition and its hall template in, one GLB out (same input, same bytes). See
/// <c>immersive/README.md</c> for the node extras and tour-stop contract the renderer and the WebXR client read.
/// </summary>
public sealed class HallCompiler(IReadOnlyDictionary<string, HallTemplate> templates, PictureSource pictures, TextPainter? text = null)
{
    public const string Format = "qy-hall/2";
    public const double SectionStopDistance = 2.5;
    private readonly TextPainter _text = text ?? new TextPainter();

    public async Task<CompiledHall> CompileAsync(Exhibition e, HallCompileOptions? options = null, CancellationToken ct = default)
    {
        options ??= new HallCompileOptions();
        var started = Stopwatch.GetTimestamp();
        if (!templates.TryGetValue(e.Hall, out var t))
            throw new HallInputException($"展览 {e.Id} 的展厅模板 {e.Hall} 不存在（可用：{string.Join("、", templates.Keys)}）。 " +
                                         $"Exhibition {e.Id} names hall template '{e.Hall}', which does not exist (there are: {string.Join(", ", templates.Keys)}).");
        if (e.Exhibits.FirstOrDefault(x => x.Source is null) is { } unpublished)
            throw new HallInputException($"展品 {unpublished.Id} 未发布（没有固定的来源）：只能为已发布的展览生成展厅。 " +
                                         $"Exhibit {unpublished.Id} is not published (no pinned source): halls are compiled from published exhibitions.");
        if (!e.Exhibits.Any())
            throw new HallInputException($"展览 {e.Id} 没有展品。 Exhibition {e.Id} has no exhibits.");

        var hang = t.Hang;
        var painter = new PanelPainter(_text, t.Materials);
        var panels = new List<Panel>();
        var decoded = new List<MagickImage>();
        try
        {
            // Draw what has a fixed width first: its height decides the layout.
            var number = 0;
            var sections = new List<(ExhibitionSection, double, IReadOnlyList<(Exhibit, ExhibitSize, double)>)>();
            var sectionNumber = 0;
            foreach (var s in e.Sections.Where(s => s.Exhibits.Count > 0))
            {
                var sp = painter.Section(s, ++sectionNumber, hang.SectionPanelWidth, hang.Top - hang.Bottom);
                panels.Add(sp);
                var items = new List<(Exhibit, ExhibitSize, double)>();
                foreach (var x in s.Exhibits)
                {
                    var size = ExhibitSizing.Size(x, hang.MaxWidth, hang.Top - hang.Bottom);
                    var label = painter.Label(x, ++number, hang.LabelWidth, Math.Min(0.9, hang.Top - hang.Bottom));
                    panels.Add(label);
                    items.Add((x, size, label.Height));
                }
                sections.Add((s, sp.Height, items));
            }
            var layout = HallLayout.Hang(t, new HangRequest(sections));
            var places = new List<PanelPlace>();
            foreach (var s in layout.Sections) places.Add(new PanelPlace($"section:{s.Section.Id}", s.Panel));
            foreach (var x in layout.Exhibits) places.Add(new PanelPlace($"label:{x.Exhibit.Id}", x.Label));
            AddStations(layout, painter, panels, places);
            AddTimeline(layout, painter, panels, places);
            AddFloorMap(layout, painter, panels, places);

            // The pictures' texture size: for the nearest distance in whose textures the whole hall fits the budget.
            var regions = layout.Exhibits.ToDictionary(x => x.Exhibit.Id, x => x.Exhibit.Region ?? new PixelRegion(0, 0, x.Exhibit.Source!.Width, x.Exhibit.Source.Height), StringComparer.Ordinal);
            var budgets = options.EffectiveBudgets;
            var panelItems = panels.Select(p => new AtlasItem(p.Key, (int)p.Image.Width, (int)p.Image.Height)).ToList();
            TextureAtlas atlas = null!;
            var textureDistance = 0.0;
            IReadOnlyList<(int Width, int Height)> textureSizes = [];
            foreach (var distance in ExhibitSizing.TextureDistances)
            {
                textureDistance = distance;
                textureSizes = layout.Exhibits.Select(x => ExhibitSizing.Texture(regions[x.Exhibit.Id], x.Picture.Width, x.Picture.Height, distance)).ToList();
                atlas = TextureAtlas.Plan(panelItems.Concat(layout.Exhibits.Select((x, i) => new AtlasItem(PictureKey(x), textureSizes[i].Width, textureSizes[i].Height))));
                if (atlas.GpuBytes <= budgets.TextureBytes) break;
            }

            var stops = Stops(layout);
            var scenePictures = new List<ScenePicture>();
            var jpegs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (var i = 0; i < layout.Exhibits.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var x = layout.Exhibits[i];
                var region = regions[x.Exhibit.Id];
                var (tw, th) = textureSizes[i];
                var jpeg = await pictures(x.Exhibit.Item, x.Exhibit.Page, region, tw, th, ct);
                if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
                    throw new HallInputException($"展品 {x.Exhibit.Id} 的图像不是 JPEG。 The picture of exhibit {x.Exhibit.Id} is not a JPEG.");
                jpegs[PictureKey(x)] = jpeg;
                var slot = atlas.Slots[PictureKey(x)];
                scenePictures.Add(new ScenePicture(x, PictureKey(x), tw, th, ExhibitExtras(e, x, region, tw, th, slot)));
            }
            var drawn = panels.ToDictionary(p => p.Key, p => p.Image, StringComparer.Ordinal);
            var sizes = scenePictures.ToDictionary(p => p.AtlasKey, p => (p.Width, p.Height), StringComparer.Ordinal);
            var atlasPages = atlas.Draw(key =>
            {
                if (drawn.TryGetValue(key, out var image)) return image;
                // The Image API's JPEG of the region at the planned size (resampled should a source answer another size).
                var picture = new MagickImage(jpegs[key]);
                decoded.Add(picture);
                var (w, h) = sizes[key];
                if (picture.Width != (uint)w || picture.Height != (uint)h) picture.Resize(new MagickGeometry((uint)w, (uint)h) { IgnoreAspectRatio = true });
                return picture;
            });

            var sceneStops = stops.Select(s => new SceneStop(s.Number, s.Position, s.Direction, new JsonObject { ["qyStop"] = StopJson(s) })).ToList();
            var model = HallScene.Build(layout, atlas, atlasPages, places, scenePictures, sceneStops, SceneExtras(e, layout, stops), $"hall:{e.Id}");
            var glb = model.WriteGLB().ToArray();

            var textures = atlasPages.Select((page, i) => new TextureFigure(HallScene.AtlasName(i), "", atlas.PageSizes[i].Width, atlas.PageSizes[i].Height, page.Length)).ToList();
            var onPages = scenePictures.Select(p => new TextureFigure($"exhibit {p.Placement.Exhibit.Id}", p.Placement.Exhibit.Id, p.Width, p.Height, 0))
                .Concat(panelItems.Select(p => new TextureFigure(p.Key, "", p.Width, p.Height, 0))).ToList();
            var drawCalls = model.LogicalNodes.Where(n => n.Mesh is not null).Sum(n => n.Mesh.Primitives.Count);
            var triangles = model.LogicalMeshes.SelectMany(m => m.Primitives).Sum(p => p.IndexAccessor.Count / 3);
            var figures = new HallFigures(layout.Exhibits.Count, layout.Sections.Count, layout.Plan.Units, layout.Plan.Extensions,
                drawCalls, triangles, textures.Sum(x => x.GpuBytes), glb.Length, atlasPages.Count, textures, onPages, textureDistance);
            if (options.EnforceBudgets && figures.Over(budgets) is { Count: > 0 } over) throw new HallBudgetException(figures, over);
            return new CompiledHall(glb, figures, layout, stops, Summary(e, layout, stops, scenePictures), Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            foreach (var p in panels) p.Image.Dispose();
            foreach (var p in decoded) p.Dispose();
        }
    }

    /// <summary>
    /// The tour's stops from the exhibition alone, numbered as <see cref="Stops"/> numbers the compiled hall's (and its
    /// panoramas): each section that has exhibits, then each of its exhibits. For pages that list the stops without
    /// reading the stored hall.
    /// </summary>
    public static IReadOnlyList<TourStopTitle> StopTitles(Exhibition e)
    {
        var stops = new List<TourStopTitle>();
        foreach (var s in e.Sections.Where(s => s.Exhibits.Count > 0))
        {
            stops.Add(new TourStopTitle(stops.Count + 1, "section", s.Id, s.Title));
            foreach (var x in s.Exhibits) stops.Add(new TourStopTitle(stops.Count + 1, "exhibit", x.Id, x.Label));
        }
        return stops;
    }

    /// <summary>Tour stops in the exhibition's order: each section's panel, then each of its exhibits.</summary>
    public static IReadOnlyList<TourStop> Stops(HallLayout layout)
    {
        var stops = new List<TourStop>();
        foreach (var s in layout.Sections)
        {
            var (p, d) = layout.StandBefore(s.Panel, SectionStopDistance);
            stops.Add(new TourStop(stops.Count + 1, "section", s.Section.Id, p, d, s.Section.Title, s.Section.Text));
            foreach (var x in layout.Exhibits.Where(x => x.Section == s.Section))
            {
                var (xp, xd) = layout.StandBefore(x.Frame, ExhibitSizing.ViewingDistance);
                stops.Add(new TourStop(stops.Count + 1, "exhibit", x.Exhibit.Id, xp, xd, x.Exhibit.Label, x.Exhibit.Text));
            }
        }
        return stops;
    }

    private static void AddStations(HallLayout layout, PanelPainter painter, List<Panel> panels, List<PanelPlace> places)
    {
        var hang = layout.Plan.Template.Hang;
        foreach (var spec in layout.Plan.Template.Panels)
        {
            var wall = layout.Plan.Walls.FirstOrDefault(w => w.BaseId == spec.Wall);
            if (wall is null) continue;
            var width = Math.Min(1.6, wall.Length - spec.At);
            var panel = painter.Station(spec, width);
            var bottom = hang.Top + 0.12;
            var top = Math.Min(wall.Height - 0.05, bottom + panel.Height);
            panels.Add(panel);
            places.Add(new PanelPlace(panel.Key, new FaceRect(wall, wall.Sides.First(), spec.At, spec.At + width, bottom, top)));
        }
    }

    private static void AddTimeline(HallLayout layout, PanelPainter painter, List<Panel> panels, List<PanelPlace> places)
    {
        if (layout.Plan.Template.Features.Timeline is not { } band) return;
        foreach (var wall in layout.Plan.Walls.Where(w => band.Walls.Contains(w.BaseId)))
        {
            var marks = new List<(double, int, string, string)>();
            foreach (var x in layout.Exhibits)
            {
                var c = x.Picture.Centre(0);
                var along = Vector2.Dot(new Vector2(c.X, c.Z) - wall.From, wall.Direction);
                if (along < 0 || along >= wall.Length) continue;
                var s = x.Exhibit.Source!;
                // The band is drawn from the visitor's left: on a left-hand face that is the wall's far end.
                marks.Add((wall.Sides.First() > 0 ? along : wall.Length - along, x.Number, s.ItemTitle.Zh, When(s.Attribution)));
            }
            var panel = painter.TimelineBand($"timeline:{wall.Id}", wall.Length, band.Height, marks);
            panels.Add(panel);
            var side = wall.Sides.First();
            places.Add(new PanelPlace(panel.Key, new FaceRect(wall, side, 0, wall.Length, band.Bottom, band.Bottom + band.Height)));
        }
    }

    /// <summary>The time a source names: the dynasty in its brackets (（北魏）), else the whole attribution.</summary>
    public static string When(string attribution)
    {
        var open = attribution.IndexOf('（');
        var close = open >= 0 ? attribution.IndexOf('）', open) : -1;
        return close > open + 1 ? attribution[(open + 1)..close] : attribution;
    }

    private static void AddFloorMap(HallLayout layout, PanelPainter painter, List<Panel> panels, List<PanelPlace> places)
    {
        var t = layout.Plan.Template;
        if (t.Features.FloorMap is not { } map || t.Growth.Repeat is not { } repeat) return;
        var step = repeat.Offset[0];
        for (var u = 0; u < layout.Plan.Units; u++)
        {
            var from = u * step;
            var exhibits = layout.Exhibits
                .Select(x => (X: (double)x.Picture.Centre(0).X, x.Number, North: x.Picture.Centre(0).Z < map.Z))
                .Where(x => x.X >= from && x.X < from + step).ToList();
            var sections = layout.Sections.Select(s => (X: (double)s.Panel.Centre(0).X, s.Section.Title.Zh)).Where(s => s.X >= from && s.X < from + step).ToList();
            var panel = painter.FloorMap($"map:{u + 1}", from, step, map.Width, exhibits, sections);
            panels.Add(panel);
            places.Add(new PanelPlace(panel.Key, null, new Vector4((float)from, (float)map.Z, (float)(from + step), (float)(map.Z + map.Width))));
        }
    }

    /// <summary>An exhibit picture's key in the atlas.</summary>
    private static string PictureKey(ExhibitPlacement x) => $"exhibit:{x.Exhibit.Id}";

    private static JsonObject ExhibitExtras(Exhibition e, ExhibitPlacement x, PixelRegion region, int textureWidth, int textureHeight, AtlasSlot slot)
    {
        var ex = x.Exhibit;
        var service = $"/iiif/3/{ex.Item}~{Page.PageName(ex.Page)}";
        return new JsonObject
        {
            ["qyExhibit"] = new JsonObject
            {
                ["exhibit"] = ex.Id,
                ["section"] = x.Section.Id,
                ["number"] = x.Number,
                ["item"] = ex.Item,
                ["page"] = ex.Page,
                ["itemVersion"] = ex.Source!.ItemVersion,
                ["canvas"] = $"/iiif/presentation/exhibitions/{e.Id}/canvas/{ex.Id}",
                ["region"] = region.ToIiif(),
                ["service"] = service,
                ["image"] = $"{service}/{region.ToIiif()}/{textureWidth},{textureHeight}/0/default.jpg",
                ["readingRoom"] = ex.ItemPagePath,
                ["size"] = Arr(x.Picture.Width, x.Picture.Height),
                ["texture"] = new JsonArray(textureWidth, textureHeight),
                ["atlas"] = new JsonObject
                {
                    ["page"] = slot.Page + 1,
                    ["uv"] = new JsonArray(new[] { slot.U0, slot.V0, slot.U1, slot.V1 }.Select(u => (JsonNode)JsonValue.Create(Math.Round((double)u, 6))).ToArray()),
                },
                ["enlargement"] = x.Size.Enlargement,
                ["legibleAt"] = x.Size.LegibleAt,
                ["label"] = Bi(ex.Label),
                ["labelPanel"] = new JsonObject { ["centre"] = Arr(x.Label.Centre(0.006)), ["size"] = Arr(x.Label.Width, x.Label.Height) },
            },
        };
    }

    private static JsonObject SceneExtras(Exhibition e, HallLayout layout, IReadOnlyList<TourStop> stops)
    {
        var t = layout.Plan.Template;
        var spawnAt = HallPlan.V(t.Spawn.At);
        var spawnFacing = Vector2.Normalize(HallPlan.V(t.Spawn.Facing));
        var teleport = new JsonArray();
        foreach (var f in layout.Plan.Floors) teleport.Add(new JsonObject { ["polygon"] = Polygon(Inset(f, 0.4f)) });
        var blocked = new JsonArray();
        foreach (var f in layout.Plan.Fixtures)
        {
            float hx = (float)f.Size[0] / 2 + 0.3f, hz = (float)f.Size[2] / 2 + 0.3f, x = (float)f.At[0], z = (float)f.At[1];
            blocked.Add(new JsonObject { ["id"] = f.Id, ["polygon"] = Polygon([new(x - hx, z - hz), new(x + hx, z - hz), new(x + hx, z + hz), new(x - hx, z + hz)]) });
        }
        foreach (var w in layout.Plan.Walls.Where(w => w.Face == "both"))
        {
            var n = w.Normal(1) * (float)(w.Thickness / 2 + 0.3);
            var d = w.Direction * 0.3f;
            blocked.Add(new JsonObject { ["id"] = w.Id, ["polygon"] = Polygon([w.From - d - n, w.To + d - n, w.To + d + n, w.From - d + n]) });
        }
        return new JsonObject
        {
            ["qyHall"] = new JsonObject
            {
                ["format"] = Format,
                ["exhibition"] = e.Id,
                ["title"] = Bi(e.Title),
                ["template"] = t.Id,
                ["published"] = e.Published?.At.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
                ["units"] = layout.Plan.Units,
                ["extensions"] = layout.Plan.Extensions,
                ["eyeHeight"] = 1.6,
                ["spawn"] = new JsonObject
                {
                    ["position"] = Arr(new Vector3(spawnAt.X, 1.6f, spawnAt.Y)),
                    ["direction"] = Arr(new Vector3(spawnFacing.X, 0, spawnFacing.Y)),
                },
                ["teleport"] = teleport,
                ["blocked"] = blocked,
                ["tour"] = new JsonArray(stops.Select(s => (JsonNode)StopJson(s)).ToArray()),
            },
        };
    }

    private static JsonObject Summary(Exhibition e, HallLayout layout, IReadOnlyList<TourStop> stops, IReadOnlyList<ScenePicture> pictures)
    {
        var exhibits = new JsonArray();
        foreach (var p in pictures)
        {
            var x = (JsonObject)p.Extras["qyExhibit"]!.DeepClone();
            var r = p.Placement.Picture;
            x["position"] = Arr(r.Centre(0.034));
            // Turn about +y (degrees) that takes a picture facing +z to face the room.
            x["rotationY"] = Math.Round(Math.Atan2(r.Normal.X, r.Normal.Y) * 180 / Math.PI, 3);
            exhibits.Add(x);
        }
        var lights = new JsonArray();
        foreach (var l in layout.Plan.Lights)
        {
            var o = new JsonObject { ["id"] = l.Id, ["kind"] = l.Kind, ["color"] = l.Color, ["intensity"] = l.Intensity };
            if (l.At is { } at) o["position"] = Arr(at);
            if (l.Direction is { } d) o["direction"] = Arr(d);
            lights.Add(o);
        }
        return new JsonObject
        {
            ["format"] = Format,
            ["exhibition"] = e.Id,
            ["title"] = Bi(e.Title),
            ["template"] = layout.Plan.Template.Id,
            ["exhibits"] = exhibits,
            ["tour"] = new JsonArray(stops.Select(s => (JsonNode)StopJson(s)).ToArray()),
            ["lights"] = lights,
        };
    }

    private static JsonObject StopJson(TourStop s)
    {
        var o = new JsonObject
        {
            ["n"] = s.Number,
            ["kind"] = s.Kind,
            ["ref"] = s.Ref,
            ["node"] = $"stop:{s.Number}",
            ["position"] = Arr(s.Position),
            ["direction"] = Arr(s.Direction),
            ["title"] = Bi(s.Title),
        };
        if (s.Text is { IsEmpty: false } text) o["text"] = Bi(text);
        return o;
    }

    private static Vector2[] Inset(Vector2[] polygon, float by)
    {
        var c = polygon.Aggregate(Vector2.Zero, (a, p) => a + p) / polygon.Length;
        // Rectangular floors (all the templates have): move each corner in along both axes.
        return polygon.Select(p => new Vector2(p.X + MathF.Sign(c.X - p.X) * by, p.Y + MathF.Sign(c.Y - p.Y) * by)).ToArray();
    }

    private static JsonArray Polygon(IEnumerable<Vector2> points) => new(points.Select(p => (JsonNode)Arr(p.X, p.Y)).ToArray());

    private static JsonObject Bi(Bilingual b) => new() { ["zh"] = b.Zh, ["en"] = b.En };

    private static JsonArray Arr(Vector3 v) => Arr(v.X, v.Y, v.Z);

    private static JsonArray Arr(params double[] values) => new(values.Select(v => (JsonNode)JsonValue.Create(Math.Round(v, 4))).ToArray());
}
