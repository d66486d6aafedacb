using System.Diagnostics;
using System.Numerics;
using SharpGLTF.Schema2;

namespace QyHeritage.Immersive.Rendering;

/// <summary>Sizes of the pictures <see cref="HallPictures"/> writes.</summary>
public sealed record HallPictureOptions
{
    public int PreviewWidth { get; init; } = 1600;
    public int PreviewHeight { get; init; } = 900;
    public float PreviewFovDegrees { get; init; } = 60;

    /// <summary>Each eye of the side-by-side pair (cardboard viewers show about 90° per eye).</summary>
    public int StereoEyeWidth { get; init; } = 1024;
    public int StereoEyeHeight { get; init; } = 1024;
    public float StereoFovDegrees { get; init; } = 90;
    public float InterpupillaryMetres { get; init; } = HallRenderer.DefaultInterpupillaryMetres;

    /// <summary>Panorama width; the height is half.</summary>
    public int PanoramaWidth { get; init; } = 4096;
    public int JpegQuality { get; init; } = 88;

    /// <summary>Eye height used for the preview when the hall has no tour stops.</summary>
    public float EyeHeightMetres { get; init; } = 1.6f;

    public RenderSettings Render { get; init; } = new();
}

/// <summary>What was written (paths, or names relative to the hall's picture folder), and how long it took.</summary>
public sealed record HallPicturesReport(
    string PreviewPath,
    string StereoPath,
    IReadOnlyList<string> StopPaths,
    string GlRenderer,
    int DrawCount,
    int TriangleCount,
    TimeSpan Elapsed);

/// <summary>
/// The pictures of a hall for phones and cardboard viewers: <c>preview.jpg</c> (the card picture),
/// <c>stereo.jpg</c> (side-by-side pair) and <c>stops/{n}.jpg</c> (a 360° equirectangular panorama per
/// tour stop). The preview and the pair look from where a visitor enters (<see cref="HallSpawn"/>),
/// else from the first tour stop, else from the middle of the hall at eye height.
/// </summary>
public static class HallPictures
{
    public const string PreviewName = "preview.jpg";
    public const string StereoName = "stereo.jpg";

    /// <summary>The name of a stop's panorama relative to the hall's picture folder, '/'-separated.</summary>
    public static string StopName(int number) => $"stops/{number}.jpg";

    /// <summary>Writes the pictures into a folder (replacing what an earlier render left there).</summary>
    public static HallPicturesReport Render(byte[] glb, string outputFolder, HallPictureOptions? options = null, ITourStopSource? stops = null) =>
        Render(ModelRoot.ParseGLB(new ArraySegment<byte>(glb)), outputFolder, options, stops);

    public static HallPicturesReport Render(ModelRoot model, string outputFolder, HallPictureOptions? options = null, ITourStopSource? stops = null)
    {
        // The store below completes synchronously, so waiting on the task blocks nothing.
        var named = RenderAsync(model, (name, jpeg, _) =>
        {
            WriteAtomically(Path.Combine(outputFolder, name.Replace('/', Path.DirectorySeparatorChar)), jpeg);
            return Task.CompletedTask;
        }, options, stops, CancellationToken.None).GetAwaiter().GetResult();
        var stopsFolder = Path.Combine(outputFolder, "stops");
        Directory.CreateDirectory(stopsFolder);
        var written = named.StopPaths.Select(n => Path.Combine(outputFolder, n.Replace('/', Path.DirectorySeparatorChar))).ToList();
        // A hall recompiled with fewer stops leaves no stale panoramas behind.
        foreach (var stale in Directory.EnumerateFiles(stopsFolder, "*.jpg").Except(written, StringComparer.Ordinal).ToList())
            File.Delete(stale);
        return named with
        {
            PreviewPath = Path.Combine(outputFolder, named.PreviewPath),
            StereoPath = Path.Combine(outputFolder, named.StereoPath),
            StopPaths = written,
        };
    }

    /// <summary>
    /// Renders the pictures one at a time and hands each JPEG to <paramref name="store"/> under its
    /// relative name (<see cref="PreviewName"/>, <see cref="StereoName"/>, <see cref="StopName"/>), so a
    /// blob store (file system or S3) can keep them beside the GLB without a folder in between.
    /// </summary>
    public static Task<HallPicturesReport> RenderAsync(byte[] glb, Func<string, byte[], CancellationToken, Task> store,
        HallPictureOptions? options = null, ITourStopSource? stops = null, CancellationToken ct = default) =>
        RenderAsync(ModelRoot.ParseGLB(new ArraySegment<byte>(glb)), store, options, stops, ct);

    public static async Task<HallPicturesReport> RenderAsync(ModelRoot model, Func<string, byte[], CancellationToken, Task> store,
        HallPictureOptions? options = null, ITourStopSource? stops = null, CancellationToken ct = default)
    {
        options ??= new HallPictureOptions();
        var clock = Stopwatch.StartNew();
        var poses = (stops ?? new GlbTourStops()).ReadStops(model);
        using var renderer = HallRenderer.Load(model, options.Render);
        var viewpoint = HallSpawn.Read(model) ?? (poses.Count > 0 ? poses[0] : DefaultViewpoint(renderer, options.EyeHeightMetres));

        var preview = renderer.Render(HallCamera.At(viewpoint, options.PreviewFovDegrees, options.PreviewWidth, options.PreviewHeight));
        await store(PreviewName, preview.ToJpeg(options.JpegQuality), ct);

        var pairCamera = HallCamera.At(viewpoint, options.StereoFovDegrees, options.StereoEyeWidth, options.StereoEyeHeight) with { PitchDegrees = 0 };
        await store(StereoName, renderer.RenderStereo(pairCamera, options.InterpupillaryMetres).ToJpeg(options.JpegQuality), ct);

        var written = new List<string>();
        foreach (var pose in poses)
        {
            ct.ThrowIfCancellationRequested();
            var name = StopName(pose.Number);
            await store(name, renderer.RenderPanorama(pose, options.PanoramaWidth).ToJpeg(options.JpegQuality), ct);
            written.Add(name);
        }
        return new HallPicturesReport(PreviewName, StereoName, written, renderer.GlRenderer, renderer.DrawCount, renderer.TriangleCount, clock.Elapsed);
    }

    /// <summary>Without tour stops: stand at the middle of the hall's floor plan, at eye height, facing −Z.</summary>
    static TourStopPose DefaultViewpoint(HallRenderer renderer, float eyeHeight)
    {
        if (renderer.Bounds is not { } bounds)
            return new TourStopPose(0, new Vector3(0, eyeHeight, 0), 0, 0);
        var centre = (bounds.Min + bounds.Max) / 2;
        return new TourStopPose(0, new Vector3(centre.X, bounds.Min.Y + eyeHeight, centre.Z), 0, 0);
    }

    static void WriteAtomically(string path, byte[] bytes)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
