using System.Numerics;
using System.Text.Json.Nodes;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Immersive.Compiling;
using QyHeritage.Immersive.Layout;
using SharpGLTF.Schema2;

namespace QyHeritage.Immersive.Tests.Compiler;

[Collection(HallCollection.Name)]
public class HallCompilerTests(HallFixture hall)
{
    [Theory]
    [InlineData("beijiang-history", "beijiang-gallery")]
    [InlineData("qingyuan-tea", "tea-pavilion")]
    public async Task A_shipped_exhibition_becomes_its_hall_with_every_exhibit_hung_in_section_order(string exhibition, string template)
    {
        var e = exhibition == "beijiang-history" ? hall.Beijiang : hall.Tea;
        var compiled = await hall.Compiler().CompileAsync(e);

        Assert.Equal(template, compiled.Layout.Plan.Template.Id);
        Assert.Equal(e.Exhibits.Select(x => x.Id), compiled.Layout.Exhibits.Select(x => x.Exhibit.Id));
        Assert.Equal(e.Sections.Select(s => s.Id), compiled.Layout.Sections.Select(s => s.Section.Id));
        // The GLB has one node per exhibit, and each carries what a client needs to stream sharper tiles: the picture
        // itself is a quad of an atlas page's primitive, where its extras say, under the node.
        var model = ModelRoot.ParseGLB(compiled.Glb);
        Assert.Equal(HallCompiler.Format, (string?)model.DefaultScene.Extras!["qyHall"]!["format"]);
        var atlas = model.LogicalNodes.Single(n => n.Name == "atlas").Mesh;
        foreach (var x in e.Exhibits)
        {
            var node = model.LogicalNodes.Single(n => n.Name == $"exhibit:{x.Id}");
            var extras = node.Extras!["qyExhibit"]!;
            Assert.Equal(x.Item, (string?)extras["item"]);
            Assert.Equal($"/iiif/presentation/exhibitions/{e.Id}/canvas/{x.Id}", (string?)extras["canvas"]);
            Assert.Equal(ExhibitionRegion(x).ToIiif(), (string?)extras["region"]);
            Assert.Equal($"/iiif/3/{x.Item}~p{x.Page:D3}", (string?)extras["service"]);
            Assert.Equal(x.Label.Zh, (string?)extras["label"]!["zh"]);
            Assert.Null(node.Mesh);
            var page = (int)extras["atlas"]!["page"]!;
            var uv = extras["atlas"]!["uv"]!.AsArray().Select(u => (float)u!.GetValue<double>()).ToArray();
            var primitive = atlas.Primitives.Single(p => p.Material.Name == $"atlas-{page}");
            Assert.Equal($"atlas-{page}", primitive.Material.FindChannel("BaseColor")!.Value.Texture.PrimaryImage.Name);
            var quad = AtlasQuad(primitive, uv);
            var size = extras["size"]!.AsArray().Select(v => (float)v!.GetValue<double>()).ToArray();
            Assert.True(Vector3.Distance(quad.Centre, node.WorldMatrix.Translation) < 1e-3, $"{x.Id}: its atlas quad is at {quad.Centre}, its node at {node.WorldMatrix.Translation}");
            Assert.True(MathF.Abs(size[0] - quad.Width) < 1e-3 && MathF.Abs(size[1] - quad.Height) < 1e-3, $"{x.Id}: its atlas quad is {quad.Width}×{quad.Height} m, its extras say {size[0]}×{size[1]}");
        }
        // A tour stop per section and per exhibit, cameras in the file and in the scene's extras.
        Assert.Equal(e.Sections.Count + e.Exhibits.Count(), compiled.Stops.Count);
        Assert.Equal(compiled.Stops.Count, model.LogicalCameras.Count);
        var tour = model.DefaultScene.Extras!["qyHall"]!["tour"]!.AsArray();
        Assert.Equal(compiled.Stops.Count, tour.Count);
        Assert.Equal("section", (string?)tour[0]!["kind"]);
        Assert.Equal(e.Sections[0].Title.Zh, (string?)tour[0]!["title"]!["zh"]);
        // The hall page lists the same stops from the exhibition alone.
        Assert.Equal(compiled.Stops.Select(s => (s.Number, s.Kind, s.Ref, s.Title)), HallCompiler.StopTitles(e).Select(s => (s.Number, s.Kind, s.Ref, s.Title)));
        Assert.All(compiled.Figures.Over(HallBudgets.Standalone), Assert.Fail);
    }

    [Theory]
    [InlineData("beijiang-gallery", 60)]
    [InlineData("tea-pavilion", 34)]
    [InlineData("test-cube", 9)]
    public async Task Nothing_overlaps_nothing_covers_a_door_and_everything_hangs_inside_the_walls(string template, int count)
    {
        var compiled = await hall.Compiler().CompileAsync(hall.Synthetic(count, template));
        var layout = compiled.Layout;
        Assert.Equal(count, layout.Exhibits.Count);
        var rects = layout.Exhibits.SelectMany(x => new (string What, FaceRect Rect)[] { ($"{x.Exhibit.Id} frame", x.Frame), ($"{x.Exhibit.Id} label", x.Label) })
            .Concat(layout.Sections.Select(s => (What: $"section {s.Section.Id}", Rect: s.Panel))).ToList();
        for (var i = 0; i < rects.Count; i++)
            for (var j = i + 1; j < rects.Count; j++)
                Assert.False(rects[i].Rect.Overlaps(rects[j].Rect), $"{rects[i].What} overlaps {rects[j].What}");
        var hang = layout.Plan.Template.Hang;
        foreach (var (what, r) in rects)
        {
            Assert.True(r.From >= 0 && r.To <= r.Wall.Length, $"{what} runs past the end of wall {r.Wall.Id}");
            Assert.True(r.Bottom >= hang.Bottom - 1e-6 && r.Top <= hang.Top + 1e-6, $"{what} leaves the hanging zone");
            Assert.DoesNotContain(r.Wall.Doors, d => d.From < r.To && r.From < d.To);
            // In front of it is the hall's floor, not the outside.
            var c = r.Centre(0.3);
            Assert.True(layout.Plan.OnFloor(new Vector2(c.X, c.Z)), $"{what} faces away from the floor");
        }
        foreach (var x in layout.Exhibits)
        {
            Assert.True(x.Picture.Width <= hang.MaxWidth && x.Picture.Height <= hang.Top - hang.Bottom);
            Assert.True(x.Size.TextureWidth <= 2048 && x.Size.TextureHeight <= 2048);
        }
        // Tour stops stand on free floor and look at what they show.
        foreach (var s in compiled.Stops)
        {
            Assert.True(layout.Walkable(new Vector2(s.Position.X, s.Position.Z)), $"stop {s.Number} ({s.Ref}) is not on free floor");
            Assert.InRange(s.Direction.Length(), 0.99f, 1.01f);
        }
    }

    [Fact]
    public async Task The_same_exhibition_compiles_to_the_same_bytes()
    {
        var a = await hall.Compiler().CompileAsync(hall.Beijiang);
        var b = await new HallCompiler(hall.Templates, hall.Pictures).CompileAsync(hall.Beijiang);
        Assert.Equal(a.Glb.Length, b.Glb.Length);
        Assert.True(a.Glb.AsSpan().SequenceEqual(b.Glb), "two compiles of one exhibition differ");
    }

    [Theory]
    [InlineData("beijiang-history")]
    [InlineData("qingyuan-tea")]
    public async Task The_Khronos_validator_finds_no_error_and_no_warning(string exhibition)
    {
        var compiled = await hall.Compiler().CompileAsync(exhibition == "qingyuan-tea" ? hall.Tea : hall.Beijiang);
        var (clean, report) = await GltfValidator.ValidateAsync(compiled.Glb, exhibition);
        Assert.True(clean, report);
        Assert.Contains("\"numErrors\":0", report);
        Assert.Contains("\"numWarnings\":0", report);
    }

    [Fact]
    public async Task Halls_grow_by_their_template_rule_and_refuse_what_the_largest_cannot_hold()
    {
        var small = await hall.Compiler().CompileAsync(hall.Synthetic(6));
        var large = await hall.Compiler().CompileAsync(hall.Synthetic(60));
        Assert.Equal(2, small.Layout.Plan.Units);
        Assert.True(large.Layout.Plan.Units > small.Layout.Plan.Units, $"60 exhibits in {large.Layout.Plan.Units} bays");
        var ring = await hall.Compiler().CompileAsync(hall.Synthetic(34, "tea-pavilion"));
        Assert.Equal(1, ring.Layout.Plan.Extensions);
        Assert.Contains(ring.Layout.Exhibits, x => x.Picture.Wall.Id.StartsWith("ring-", StringComparison.Ordinal));

        var refused = await Assert.ThrowsAsync<HallCapacityException>(() => hall.Compiler().CompileAsync(hall.Synthetic(30, "test-cube")));
        Assert.Contains("test-cube", refused.Message);
        Assert.Contains("展品", refused.Message);
        Assert.Contains("exhibits", refused.Message);
    }

    [Fact]
    public async Task Two_hundred_exhibits_fit_the_headset_budgets_in_a_few_atlas_pages()
    {
        var compiled = await hall.Compiler().CompileAsync(hall.Synthetic(200));
        var f = compiled.Figures;
        // Up to four building materials and one draw per atlas page, however many exhibits.
        var atlas = ModelRoot.ParseGLB(compiled.Glb).LogicalNodes.Single(n => n.Name == "atlas").Mesh;
        Assert.Equal(f.AtlasPages, atlas.Primitives.Count);
        Assert.InRange(f.DrawCalls, f.AtlasPages + 1, f.AtlasPages + 4);
        Assert.InRange(f.DrawCalls, 1, 100);
        Assert.InRange(f.Triangles, 1, 300_000);
        Assert.InRange(f.TextureBytes, 1, 256L * 1024 * 1024);
        Assert.InRange(f.GlbBytes, 1, 60L * 1024 * 1024);
        Assert.Equal(compiled.Glb.Length, f.GlbBytes);
        Assert.All(f.Textures, t => Assert.True(t.Width <= 2048 && t.Height <= 2048, $"{t.Name} is {t.Width}×{t.Height}"));
        // The pictures are as sharp as the headset shows them from where the client's sharper tiles stop, or
        // from as near as the budget allows.
        Assert.Contains(f.TextureDistance, ExhibitSizing.TextureDistances);
        var (clean, report) = await GltfValidator.ValidateAsync(compiled.Glb, "two-hundred");
        Assert.True(clean, report);
    }

    [Fact]
    public async Task A_hall_over_budget_is_refused_naming_what_to_shrink()
    {
        var fits = await hall.Compiler().CompileAsync(hall.Synthetic(12));
        var f = fits.Figures;
        Assert.Equal(ExhibitSizing.TextureDistance, f.TextureDistance);
        // Too little memory even for pictures seen from 3 m, and too few draws for the pages.
        var tight = new HallCompileOptions(Budgets: HallBudgets.Standalone with { TextureBytes = f.TextureBytes / 3, DrawCalls = 2 });
        var refused = await Assert.ThrowsAsync<HallBudgetException>(() => hall.Compiler().CompileAsync(hall.Synthetic(12), tight));
        Assert.Equal(ExhibitSizing.TextureDistances[^1], refused.Figures.TextureDistance);
        var largest = refused.Figures.Items.OrderByDescending(t => t.GpuBytes).ThenBy(t => t.Name, StringComparer.Ordinal).First();
        Assert.Contains(largest.Name, refused.Message);
        Assert.Contains("纹理显存", refused.Message);
        Assert.Contains("Texture memory", refused.Message);
        Assert.Contains("Draw calls", refused.Message);
        Assert.Equal(2, refused.Problems.Count);

        // A budget the 2 m pictures miss but farther ones meet: the compile shrinks the pictures, and says so.
        var between = await hall.Compiler().CompileAsync(hall.Synthetic(12), new HallCompileOptions(Budgets: HallBudgets.Standalone with { TextureBytes = f.TextureBytes - 1 }));
        Assert.True(between.Figures.TextureDistance > ExhibitSizing.TextureDistance);
        Assert.True(between.Figures.TextureBytes < f.TextureBytes);
    }

    [Fact]
    public async Task A_hostile_label_is_drawn_as_plain_text_cut_to_its_panel_and_the_hall_stays_valid()
    {
        var extB = "𠀀𠀁𪚥𫝀";
        var hostile = "<script>alert('x')</script><b>%w %[fx:1+1] @/etc/passwd</b>" + extB + new string('北', 10_000);
        var e = hall.Synthetic(3, "test-cube", (x, n) => n == 1 ? x with { Label = new Bilingual(hostile, hostile), Text = new Bilingual(hostile, hostile) } : x);
        var compiled = await hall.Compiler().CompileAsync(e);

        var x = compiled.Layout.Exhibits.Single(p => p.Exhibit.Id == "x2");
        Assert.InRange(x.Label.Height, 0.05, 0.9);
        Assert.True(x.Label.Top <= compiled.Layout.Plan.Template.Hang.Top + 1e-6);
        // The text is data in the extras, exactly as written; the validator is content.
        var node = ModelRoot.ParseGLB(compiled.Glb).LogicalNodes.Single(n => n.Name == "exhibit:x2");
        Assert.Equal(hostile, (string?)node.Extras!["qyExhibit"]!["label"]!["zh"]);
        var (clean, report) = await GltfValidator.ValidateAsync(compiled.Glb, "hostile");
        Assert.True(clean, report);
    }

    [Fact]
    public async Task An_exhibition_that_names_no_known_template_or_is_not_published_is_refused_in_both_languages()
    {
        var unknown = await Assert.ThrowsAsync<HallInputException>(() => hall.Compiler().CompileAsync(hall.Beijiang with { Hall = "moon-base" }));
        Assert.Contains("moon-base", unknown.Message);
        Assert.Contains("不存在", unknown.Message);
        var draft = await Assert.ThrowsAsync<HallInputException>(() => hall.Compiler().CompileAsync(hall.Beijiang.Unpublished()));
        Assert.Contains("not published", draft.Message);
    }

    /// <summary>The quad of an atlas primitive whose texture coordinates are <paramref name="uv"/>: its centre and size in metres.</summary>
    private static (Vector3 Centre, float Width, float Height) AtlasQuad(MeshPrimitive primitive, float[] uv)
    {
        var positions = primitive.GetVertexAccessor("POSITION").AsVector3Array();
        var uvs = primitive.GetVertexAccessor("TEXCOORD_0").AsVector2Array();
        var corners = Enumerable.Range(0, uvs.Count)
            .Where(i => (MathF.Abs(uvs[i].X - uv[0]) < 1e-5 || MathF.Abs(uvs[i].X - uv[2]) < 1e-5) && (MathF.Abs(uvs[i].Y - uv[1]) < 1e-5 || MathF.Abs(uvs[i].Y - uv[3]) < 1e-5))
            .Select(i => (P: positions[i], T: uvs[i])).ToList();
        Assert.True(corners.Count >= 4, $"no quad with uv {string.Join(",", uv)}");
        corners = corners.Take(4).ToList();
        var centre = corners.Aggregate(Vector3.Zero, (a, c) => a + c.P) / 4;
        var topLeft = corners.Single(c => MathF.Abs(c.T.X - uv[0]) < 1e-5 && MathF.Abs(c.T.Y - uv[1]) < 1e-5).P;
        var topRight = corners.Single(c => MathF.Abs(c.T.X - uv[2]) < 1e-5 && MathF.Abs(c.T.Y - uv[1]) < 1e-5).P;
        var bottomLeft = corners.Single(c => MathF.Abs(c.T.X - uv[0]) < 1e-5 && MathF.Abs(c.T.Y - uv[3]) < 1e-5).P;
        return (centre, Vector3.Distance(topLeft, topRight), Vector3.Distance(topLeft, bottomLeft));
    }

    private static PixelRegion ExhibitionRegion(Exhibit x) => x.Region ?? new PixelRegion(0, 0, x.Source!.Width, x.Source.Height);
}
