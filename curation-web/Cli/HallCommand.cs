using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Iiif;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Archive.Storage;
using QyHeritage.Immersive.Compiling;
using QyHeritage.Immersive.Rendering;
using QyHeritage.Web.Features.Halls;

namespace QyHeritage.Web.Cli;

/// <summary><c>qy hall compile EXHIBITION</c>: compiles and stores a published exhibition's hall, printing its figures.</summary>
internal static class HallCommand
{
    public const string Help = """
        qy hall compile EXHIBITION [--Qy:DataFolder=data] [--Qy:Halls:Templates=assets/halls]

        Compiles the published exhibition's hall (its template from assets/halls) into one GLB with textures from the
        IIIF Image API, stores it beside the pyramids (derivatives/halls/EXHIBITION.glb with its SHA-512), and prints
        draw calls, triangles, texture memory and size against the headset budgets. A hall over budget is refused
        with what to shrink. The host also compiles a hall when its exhibition is published.
        Exit code 0 when stored, 1 when refused or not published, 2 on bad usage.

        qy hall render EXHIBITION [--Qy:DataFolder=data]

        Renders the hall headless (OpenGL on surfaceless EGL; llvmpipe without a GPU), compiling it first when needed:
        a preview, a side-by-side stereo pair and a 4096×2048 360° panorama per tour stop, stored beside the GLB as
        derivatives/halls/EXHIBITION/preview.jpg, stereo.jpg and stops/{n}.jpg with their SHA-512 (pictures.json),
        served at /halls/EXHIBITION/stops/{n}.jpg. The host also renders them after compiling a hall on publish.
        Exit code 0 when stored, 1 when not published, refused or no renderer is available, 2 on bad usage.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> words, string[] settings)
    {
        if (words.Count != 2 || words[0] is not ("compile" or "render"))
        {
            Console.Error.WriteLine("qy hall needs: compile EXHIBITION or render EXHIBITION. See: qy help hall");
            return 2;
        }
        var id = words[1];
        if (!ExhibitionSlug.IsValid(id))
        {
            Console.Error.WriteLine($"qy hall: 展览编号 {id} 无效 · '{id}' is not an exhibition id (lowercase letters, digits, '-').");
            return 2;
        }
        var configuration = QyCommandLine.LoadConfiguration(settings);
        var options = QyCommandLine.LoadOptions(settings);
        using var loggers = ConsoleLogging.Create();
        var archive = new ArchiveServices(options, loggers);
        var iiif = new IiifOptions();
        configuration.GetSection(IiifOptions.Section).Bind(iiif);
        using var stats = new ImageStats();
        var images = new ImageService(archive, iiif, stats, NullLogger<ImageService>.Instance);
        var hallOptions = new HallOptions();
        configuration.GetSection(HallOptions.Section).Bind(hallOptions);
        var halls = new HallDerivatives(archive, images, hallOptions, loggers.CreateLogger<HallDerivatives>());
        if (words[0] == "render")
            return await RenderAsync(new HallPictureDerivatives(archive, halls, hallOptions, loggers.CreateLogger<HallPictureDerivatives>()), id);
        try
        {
            var r = await halls.CompileAsync(id, CancellationToken.None);
            var b = HallBudgets.Standalone;
            Console.WriteLine($"展厅已生成 Hall compiled: {HallDerivatives.GlbKey(id)} in {r.CompileSeconds} s");
            Console.WriteLine($"  draw calls {r.DrawCalls}/{b.DrawCalls}, triangles {r.Triangles}/{b.Triangles}, " +
                              $"texture memory {HallFigures.Mb(r.TextureBytes)}/{HallFigures.Mb(b.TextureBytes)}, GLB {HallFigures.Mb(r.GlbLength)}/{HallFigures.Mb(b.GlbBytes)}");
            Console.WriteLine($"  SHA-512 {r.GlbSha512[..32]}…, served at /halls/{id}.glb?v={r.Version}");
            return 0;
        }
        catch (Exception e) when (e is HallInputException or FileNotFoundException)
        {
            Console.Error.WriteLine($"qy hall: {e.Message}");
            return 1;
        }
    }

    static async Task<int> RenderAsync(HallPictureDerivatives pictures, string id)
    {
        try
        {
            var r = await pictures.RenderAsync(id, CancellationToken.None);
            var stops = r.Files.Count(f => f.Name.StartsWith("stops/", StringComparison.Ordinal));
            Console.WriteLine($"展厅图片已生成 Hall pictures rendered: {stops} panoramas, preview and stereo pair in {r.RenderSeconds:F1} s on {r.Renderer}");
            Console.WriteLine($"  {HallPictureDerivatives.PictureKey(id, HallPictures.PreviewName)}, … served at /halls/{id}/stops/{{n}}.jpg");
            return 0;
        }
        catch (Exception e) when (e is HallInputException or FileNotFoundException)
        {
            Console.Error.WriteLine($"qy hall: {e.Message}");
            return 1;
        }
        catch (RendererUnavailableException e)
        {
            Console.Error.WriteLine($"qy hall: 无法离屏渲染 · No headless renderer here: {e.Message}");
            return 1;
        }
    }
}
