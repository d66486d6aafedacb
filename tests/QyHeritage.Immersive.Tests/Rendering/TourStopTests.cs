using System.Numerics;
using System.Text.Json.Nodes;
using QyHeritage.Immersive.Rendering;
using SharpGLTF.Schema2;
using static QyHeritage.Immersive.Tests.Rendering.TestHall;

namespace QyHeritage.Immersive.Tests.Rendering;

/// <summary>Tour stops come from the GLB's node extras; every stop gets its 360° panorama.</summary>
public sealed class TourStopTests
{
    [Fact]
    public void Stops_are_read_from_nodes_marked_tourStop_with_their_pose()
    {
        var hall = new TestHall();
        hall.Room(3, 3);
        hall.TourStop("stop at the door", new Vector3(0, 1.6f, 2), 0, new JsonObject { ["stop"] = 2, ["text"] = new JsonObject { ["zh"] = "入口", ["en"] = "Entrance" } });
        hall.TourStop("stop by the map", new Vector3(-1, 1.6f, 0), 90, new JsonObject { ["stop"] = 1 });
        var exhibit = hall.TourStop("not a stop", new Vector3(1, 1, 1), 0);
        exhibit.Extras = new JsonObject { ["kind"] = "exhibit" };

        var model = ModelRoot.ParseGLB(new ArraySegment<byte>(hall.ToGlb()));
        var stops = new GlbTourStops().ReadStops(model);

        Assert.Equal(2, stops.Count);
        Assert.Equal((2, "stop at the door"), (stops[0].Number, stops[0].Name));
        Assert.True(Vector3.Distance(stops[0].Position, new Vector3(0, 1.6f, 2)) < 1e-5f);
        Assert.Equal(0, stops[0].YawDegrees, 3);
        Assert.Equal(1, stops[1].Number);
        Assert.Equal(90, stops[1].YawDegrees, 3);
        Assert.Equal(0, stops[1].PitchDegrees, 3);
    }

    [Fact]
    public void Stops_the_hall_compiler_writes_as_qyStop_camera_nodes_are_read_too()
    {
        var hall = new TestHall();
        var node = hall.TourStop("stop:3", new Vector3(2, 1.6f, -1), -90);
        node.Extras = new JsonObject { ["qyStop"] = new JsonObject { ["n"] = 3, ["kind"] = "exhibit", ["ref"] = "x1" } };
        var model = ModelRoot.ParseGLB(new ArraySegment<byte>(hall.ToGlb()));
        var stop = Assert.Single(new GlbTourStops().ReadStops(model));
        Assert.Equal((3, "stop:3"), (stop.Number, stop.Name));
        Assert.Equal(-90, stop.YawDegrees, 3);
    }

    [Fact]
    public void The_preview_looks_from_the_halls_spawn_point_when_the_scene_names_one()
    {
        var hall = new TestHall();
        hall.TourStop("stop", new Vector3(0, 1.6f, 0), 0);
        // Ahead of the stop: red. Ahead of the spawn (looking along +X from x = −4): green.
        hall.Quad("ahead of the stop", new Vector3(0, 1.6f, -3), 1, 1, 0, hall.Colour("red", 220, 30, 30));
        hall.Quad("ahead of the spawn", new Vector3(-1, 1.6f, 5), 1, 1, -90, hall.Colour("green", 30, 200, 30));
        hall.Model.DefaultScene.Extras = new JsonObject
        {
            ["qyHall"] = new JsonObject
            {
                ["spawn"] = new JsonObject { ["position"] = new JsonArray(-4, 1.6, 5), ["direction"] = new JsonArray(1, 0, 0) },
            },
        };
        var model = ModelRoot.ParseGLB(new ArraySegment<byte>(hall.ToGlb()));
        var spawn = HallSpawn.Read(model)!;
        Assert.Equal(-90, spawn.YawDegrees, 3);

        var folder = Path.Combine(RenderOutput.Folder, "spawn-preview");
        var report = HallPictures.Render(model, folder, new HallPictureOptions { PanoramaWidth = 512, PreviewWidth = 320, PreviewHeight = 180, StereoEyeWidth = 128, StereoEyeHeight = 128 });
        var preview = RenderedImage.Decode(File.ReadAllBytes(report.PreviewPath));
        Assert.True(RenderOutput.Distance(preview.Pixel(160, 90), (30, 200, 30)) <= 8, $"expected the spawn's view, got {preview.Pixel(160, 90)}");
    }

    [Fact]
    public async Task Pictures_can_go_to_a_store_by_name_instead_of_a_folder()
    {
        var hall = new TestHall();
        hall.Room(3, 3);
        hall.TourStop("one", new Vector3(0, 1.5f, 0), 0, new JsonObject { ["stop"] = 4 });
        var stored = new Dictionary<string, byte[]>();
        var report = await HallPictures.RenderAsync(hall.ToGlb(), (name, jpeg, _) =>
        {
            stored[name] = jpeg;
            return Task.CompletedTask;
        }, new HallPictureOptions { PanoramaWidth = 256, PreviewWidth = 160, PreviewHeight = 90, StereoEyeWidth = 64, StereoEyeHeight = 64 });

        Assert.Equal(["preview.jpg", "stereo.jpg", "stops/4.jpg"], stored.Keys.Order());
        Assert.Equal(["stops/4.jpg"], report.StopPaths);
        Assert.Equal((256, 128), (RenderedImage.Decode(stored["stops/4.jpg"]).Width, RenderedImage.Decode(stored["stops/4.jpg"]).Height));
    }

    [Fact]
    public void Stops_without_a_number_are_numbered_in_scene_order_from_one()
    {
        var hall = new TestHall();
        hall.TourStop("first", new Vector3(0, 1.6f, 0), 0);
        hall.TourStop("second", new Vector3(1, 1.6f, 0), -45);
        var model = ModelRoot.ParseGLB(new ArraySegment<byte>(hall.ToGlb()));
        var stops = new GlbTourStops().ReadStops(model);
        Assert.Equal(new[] { 1, 2 }, stops.Select(s => s.Number));
        Assert.Equal(-45, stops[1].YawDegrees, 3);
    }

    [Fact]
    public void A_hall_gets_a_preview_a_stereo_pair_and_a_4096_panorama_per_stop()
    {
        var hall = new TestHall();
        hall.Room(3, 3);
        hall.TourStop("one", new Vector3(0, 1.5f, 0), 0);
        hall.TourStop("two", new Vector3(0, 1.5f, 0), 90);
        var folder = Path.Combine(RenderOutput.Folder, "hall-pictures");
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        // Left over from an earlier compile of the hall with more stops.
        Directory.CreateDirectory(Path.Combine(folder, "stops"));
        File.WriteAllBytes(Path.Combine(folder, "stops", "7.jpg"), [0xFF, 0xD8]);

        var report = HallPictures.Render(hall.ToGlb(), folder);

        Assert.Equal(Path.Combine(folder, "stops", "1.jpg"), report.StopPaths[0]);
        Assert.Equal(2, report.StopPaths.Count);
        Assert.Equal(["1.jpg", "2.jpg"], Directory.GetFiles(Path.Combine(folder, "stops")).Select(Path.GetFileName).Order());
        using (var preview = NetVips.Image.NewFromFile(report.PreviewPath))
            Assert.Equal((1600, 900), (preview.Width, preview.Height));
        using (var stereo = NetVips.Image.NewFromFile(report.StereoPath))
            Assert.Equal((2048, 1024), (stereo.Width, stereo.Height));
        foreach (var path in report.StopPaths)
        {
            using var panorama = NetVips.Image.NewFromFile(path);
            Assert.Equal((4096, 2048, 3), (panorama.Width, panorama.Height, panorama.Bands));
        }
        // Stop two faces −X: the left wall is in the middle of its panorama (JPEG keeps blue within a few levels).
        using var second = NetVips.Image.NewFromFile(report.StopPaths[1]);
        var centre = second.Getpoint(2048, 1024);
        Assert.True(Math.Abs(centre[2] - RoomBlue.Left) <= 6, $"expected the left wall at the centre, got blue {centre[2]}");
        Assert.Equal(6, report.DrawCount);

        // The file is the render: decoded, it differs from a fresh panorama of stop one by JPEG noise only.
        using var renderer = HallRenderer.Load(hall.ToGlb());
        var fresh = renderer.RenderPanorama(new TourStopPose(1, new Vector3(0, 1.5f, 0), 0, 0));
        var saved = RenderedImage.Decode(File.ReadAllBytes(report.StopPaths[0]));
        double error = fresh.MeanAbsoluteError(saved);
        Assert.True(error < 1.5, $"mean error {error:F2} levels between stops/1.jpg and the render");
    }
}
