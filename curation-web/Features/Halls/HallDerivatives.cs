using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Storage;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Immersive.Compiling;
using QyHeritage.Immersive.Templates;
using QyHeritage.Web.Features.FirstRun;

namespace QyHeritage.Web.Features.Halls;

/// <summary>Settings of the halls (<c>Qy:Halls</c>).</summary>
public sealed class HallOptions
{
    public const string Section = "Qy:Halls";

    /// <summary>The hall templates' folder (relative to the working folder, else found above the program's folder).</summary>
    public string Templates { get; set; } = "assets/halls";

    /// <summary>Render the hall's pictures (preview, stereo pair, a 360° panorama per tour stop) after compiling it on publish.</summary>
    public bool PicturesOnPublish { get; set; } = true;

    /// <summary><c>egl</c> (OpenGL on surfaceless EGL; llvmpipe without a GPU) or <c>off</c> (no pictures rendered in this host).</summary>
    public string Renderer { get; set; } = "egl";
}

/// <summary>
/// What is recorded beside a stored hall: what it was compiled from (to know when it is stale) and the SHA-512 of
/// its bytes (fixity, and the strong ETag). Written after the GLB, like a pyramid's record.
/// </summary>
public sealed record HallRecord(string Format, string Exhibition, string? Published, string Template, string TemplateSha256,
    string GlbSha512, long GlbLength, int DrawCalls, int Triangles, long TextureBytes, double CompileSeconds)
{
    /// <summary>/2: halls of the <c>qy-hall/2</c> contract (exhibit pictures in the atlas); a hall stored under /1 is compiled again.</summary>
    public const string CurrentFormat = "qy-hall-record/2";

    /// <summary>The version in URLs and the ETag: the start of the GLB's digest.</summary>
    public string Version => GlbSha512[..20];
}

/// <summary>A stored hall ready to send.</summary>
public sealed record StoredHall(HallRecord Record, BlobKey Glb, BlobKey Scene);

/// <summary>
/// Halls as derivatives beside the pyramids (<c>derivatives/halls/{exhibition}.glb</c>, <c>.scene.json</c>,
/// <c>.source.json</c>): compiled when an exhibition is published, by <c>qy hall compile</c>, and again whenever
/// the published copy or its template changed since (so they are always rebuildable from the exhibition).
/// Textures come from the Image API in this process.
/// </summary>
public sealed class HallDerivatives(ArchiveServices archive, ImageService images, HallOptions options, ILogger<HallDerivatives> log)
{
    public const string Root = "halls";
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    // The GLB's length and time when its digest was last found right: checked again when either changes (a rewrite).
    private readonly ConcurrentDictionary<(string Id, string Sha512), (long Length, DateTimeOffset Modified)> _intact = new();

    /// <summary>Raised with the exhibition's id after a hall was compiled and stored (whatever asked for it).</summary>
    public event Action<string>? Compiled;

    public static BlobKey GlbKey(string id) => BlobKey.Combine(ArchiveKeys.DerivativesRoot, Root, id + ".glb");
    public static BlobKey SceneKey(string id) => BlobKey.Combine(ArchiveKeys.DerivativesRoot, Root, id + ".scene.json");
    public static BlobKey RecordKey(string id) => BlobKey.Combine(ArchiveKeys.DerivativesRoot, Root, id + ".source.json");

    public string TemplatesFolder => FirstRunIngest.ResolveSampleFolder(options.Templates)
        ?? throw new DirectoryNotFoundException($"未找到展厅模板目录 {options.Templates}。 Hall templates not found at {options.Templates} (set Qy:Halls:Templates).");

    /// <summary>The stored hall of a published exhibition, compiled first when missing or stale; null when the exhibition is not published.</summary>
    /// <exception cref="HallInputException">The exhibition cannot become a hall (template, capacity or budget): a bilingual message.</exception>
    public async Task<StoredHall?> GetAsync(string id, CancellationToken ct)
    {
        var published = await new ExhibitionStore(archive).GetPublishedAsync(id, ct);
        if (published is null) return null;
        var record = await ReadRecordAsync(id, ct);
        if (record is null || !Current(record, published)) record = await CompileAsync(published, ct);
        else if (!await StillIntactAsync(id, record, ct) && await CheckFixityAsync(id, ct) is { Length: > 0 } damage)
        {
            // Checked once per version and process (and again when the file was rewritten since): a damaged or missing
            // GLB is compiled again, never served. Rot in place that leaves the file's time alone is qy audit's to find.
            log.LogWarning("The stored hall of {Exhibition} is damaged ({Damage}); compiling it again", id, damage);
            await archive.Store.DeleteAsync(RecordKey(id), ct);
            record = await CompileAsync(published, ct);
        }
        if (await archive.Store.StatAsync(GlbKey(id), ct) is { } info) _intact[(id, record.GlbSha512)] = (info.Length, info.LastModified);
        return new StoredHall(record, GlbKey(id), SceneKey(id));
    }

    private async Task<bool> StillIntactAsync(string id, HallRecord record, CancellationToken ct) =>
        _intact.TryGetValue((id, record.GlbSha512), out var seen)
        && await archive.Store.StatAsync(GlbKey(id), ct) is { } info && (info.Length, info.LastModified) == seen;

    /// <summary>Compiles and stores the hall of a published exhibition (one compile per exhibition at a time).</summary>
    public async Task<HallRecord> CompileAsync(string id, CancellationToken ct)
    {
        var published = await new ExhibitionStore(archive).GetPublishedAsync(id, ct)
            ?? throw new FileNotFoundException($"没有已发布的展览 {id}。 No published exhibition '{id}'.");
        return await CompileAsync(published, ct);
    }

    private async Task<HallRecord> CompileAsync(Exhibition e, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(e.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (await ReadRecordAsync(e.Id, ct) is { } done && Current(done, e)) return done; // compiled while we waited
            var templates = HallTemplateJson.LoadFolder(TemplatesFolder);
            var compiler = new HallCompiler(templates, (item, page, region, w, h, c) => images.RegionJpegAsync(item, page, region, w, h, c));
            CompiledHall hall;
            try { hall = await compiler.CompileAsync(e, ct: ct); }
            catch (Exception x) when (x is HallBudgetException or Immersive.Layout.HallCapacityException) { throw new HallInputException(x.Message); }
            var digest = Convert.ToHexStringLower(SHA512.HashData(hall.Glb));
            await archive.Store.WriteBytesAsync(GlbKey(e.Id), hall.Glb, ct);
            await archive.Store.WriteBytesAsync(SceneKey(e.Id), JsonSerializer.SerializeToUtf8Bytes(hall.Scene), ct);
            var f = hall.Figures;
            var record = new HallRecord(HallRecord.CurrentFormat, e.Id, Stamp(e), e.Hall, TemplateDigest(e.Hall), digest, hall.Glb.Length,
                f.DrawCalls, f.Triangles, f.TextureBytes, Math.Round(hall.Elapsed.TotalSeconds, 2));
            await archive.Store.WriteBytesAsync(RecordKey(e.Id), JsonSerializer.SerializeToUtf8Bytes(record), ct);
            log.LogInformation("Compiled the hall of {Exhibition}: {Figures}", e.Id, f.Report(HallBudgets.Standalone));
            Compiled?.Invoke(e.Id);
            return record;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Whether the stored GLB still has the digest recorded when it was written: "" when intact, else what is wrong.</summary>
    public Task<string> CheckFixityAsync(string id, CancellationToken ct) => HallFixity.CheckHallAsync(archive.Store, id, ct);

    public async Task<JsonObject?> ReadSceneAsync(string id, CancellationToken ct)
    {
        try { return JsonNode.Parse(await archive.Store.ReadBytesAsync(SceneKey(id), ct)) as JsonObject; }
        catch (BlobNotFoundException) { return null; }
    }

    private async Task<HallRecord?> ReadRecordAsync(string id, CancellationToken ct)
    {
        try { return JsonSerializer.Deserialize<HallRecord>(await archive.Store.ReadBytesAsync(RecordKey(id), ct)); }
        catch (BlobNotFoundException) { return null; }
        catch (JsonException) { return null; } // a damaged record: compile again
    }

    private bool Current(HallRecord r, Exhibition e) =>
        r.Format == HallRecord.CurrentFormat && r.Published == Stamp(e) && r.Template == e.Hall && r.TemplateSha256 == TemplateDigest(e.Hall);

    private static string? Stamp(Exhibition e) => e.Published?.At.ToUniversalTime().ToString("O");

    private string TemplateDigest(string template)
    {
        var file = Path.Combine(TemplatesFolder, template + ".json");
        return File.Exists(file) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))) : "";
    }
}
