using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Storage;
using QyHeritage.Immersive.Rendering;

namespace QyHeritage.Web.Features.Halls;

/// <summary>One stored picture of a hall: its name under the hall's picture folder and the SHA-512 of its bytes.</summary>
public sealed record HallPictureFile(string Name, string Sha512, long Length)
{
    /// <summary>The version in URLs and the strong ETag: the start of the picture's digest.</summary>
    public string Version => Sha512[..20];
}

/// <summary>
/// What is recorded beside a hall's pictures (<c>derivatives/halls/{id}/pictures.json</c>): the GLB they were rendered
/// from (stale once the hall is compiled again), the renderer, and each picture's SHA-512 (fixity, ETags).
/// Written after the last picture, so a render cut short leaves no record and is rendered again.
/// </summary>
public sealed record HallPicturesRecord(string Format, string Exhibition, string GlbSha512, string Renderer, double RenderSeconds,
    IReadOnlyList<HallPictureFile> Files)
{
    public const string CurrentFormat = "qy-hall-pictures/1";

    public HallPictureFile? Find(string name) => Files.FirstOrDefault(f => f.Name == name);
}

/// <summary>Where a hall's pictures stand in this host.</summary>
public enum HallPicturesPhase
{
    /// <summary>Not rendered for the current hall, and no render asked for yet.</summary>
    Missing,
    Queued,
    Rendering,
    Ready,
    /// <summary>The last render failed (the reason says why); asking again tries again.</summary>
    Failed,
    /// <summary>This host cannot render (no EGL, or turned off): the hall itself still works.</summary>
    Unavailable,
}

/// <param name="Done">Pictures written so far by the render in progress.</param>
/// <param name="Total">Pictures it will write: the preview, the stereo pair and one panorama per tour stop.</param>
/// <param name="Reason">Why there are none (unavailable, failed), in both languages: technical detail (EGL's own words) only in the English.</param>
public sealed record HallPicturesState(HallPicturesPhase Phase, int Done, int Total, Bilingual? Reason, HallPicturesRecord? Record);

/// <summary>
/// A hall's pictures as derivatives beside its GLB (<c>derivatives/halls/{id}/preview.jpg</c>, <c>stereo.jpg</c>,
/// <c>stops/{n}.jpg</c>, <c>pictures.json</c>): rendered headless (<see cref="HallPictures"/>, OpenGL on surfaceless
/// EGL) one hall at a time in the background whenever the host compiles a hall (on publish, and again when its
/// exhibition or template changed: <see cref="HallsOnPublish"/>), and by <c>qy hall render</c>; stored pictures found
/// damaged are rendered again. A page view or a picture request never starts a render: it shows how far one is.
/// </summary>
public sealed class HallPictureDerivatives(ArchiveServices archive, HallDerivatives halls, HallOptions options, ILogger<HallPictureDerivatives> log)
{
    public const string RecordName = "pictures.json";
    public const string RendererOff = "off";

    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, HallPicturesState> _states = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _renderGate = new(1, 1);
    private readonly ConcurrentDictionary<(string Id, string RecordSha512), bool> _intact = new();

    /// <summary>A picture of the hall: <c>derivatives/halls/{id}/{name}</c> (name '/'-separated, e.g. <c>stops/3.jpg</c>).</summary>
    public static BlobKey PictureKey(string id, string name) =>
        BlobKey.Combine([ArchiveKeys.DerivativesRoot, HallDerivatives.Root, id, .. name.Split('/')]);

    public static BlobKey RecordKey(string id) => PictureKey(id, RecordName);

    /// <summary>The pictures' state for the stored hall: ready when the record matches its GLB, else what this host is doing about it.</summary>
    public async Task<HallPicturesState> GetStateAsync(string id, StoredHall hall, CancellationToken ct)
    {
        if (await ReadRecordAsync(id, ct) is { } record && record.GlbSha512 == hall.Record.GlbSha512)
        {
            // Checked once per rendering and process: damaged or missing pictures are rendered again, never served.
            var key = (id, Convert.ToHexStringLower(SHA512.HashData(JsonSerializer.SerializeToUtf8Bytes(record))));
            if (_intact.ContainsKey(key))
                return new HallPicturesState(HallPicturesPhase.Ready, record.Files.Count, record.Files.Count, null, record);
            if (await CheckFixityAsync(id, ct) is { Count: > 0 } damage)
            {
                log.LogWarning("The stored pictures of the hall of {Exhibition} are damaged ({Damage}); rendering them again", id, string.Join("; ", damage));
                // Not cancellable: a client that gives up between the two must not leave the record gone and nothing queued.
                await ForgetAsync(id, CancellationToken.None);
                Request(id);
                if (options.Renderer == RendererOff) return new HallPicturesState(HallPicturesPhase.Unavailable, 0, 0, RendererOffReason, null);
                // No state only when a job already queued found the record current and ended just now: RenderAsync then
                // sees the record gone and queues again, so "queued" is true either way.
                return _states.GetValueOrDefault(id) ?? new HallPicturesState(HallPicturesPhase.Queued, 0, 0, null, null);
            }
            _intact[key] = true;
            return new HallPicturesState(HallPicturesPhase.Ready, record.Files.Count, record.Files.Count, null, record);
        }
        if (options.Renderer == RendererOff)
            return new HallPicturesState(HallPicturesPhase.Unavailable, 0, 0, RendererOffReason, null);
        if (_states.TryGetValue(id, out var s) && s.Phase != HallPicturesPhase.Ready) return s;
        // None rendered from this GLB (the hall compiled again, or an earlier render's record lost) and nothing on the
        // way: where publishing renders them, this asks too, so a hall never waits on a render nobody queued. A failed
        // render stays failed (above) until it is published again or rendered by hand.
        if (!options.PicturesOnPublish) return new HallPicturesState(HallPicturesPhase.Missing, 0, 0, null, null);
        Request(id);
        return _states.GetValueOrDefault(id) ?? new HallPicturesState(HallPicturesPhase.Missing, 0, 0, null, null);
    }

    /// <summary>Asks for the hall's pictures to be rendered in the background (nothing when already queued or rendering).</summary>
    public void Request(string id)
    {
        if (options.Renderer == RendererOff) return;
        var queued = new HallPicturesState(HallPicturesPhase.Queued, 0, 0, null, null);
        var previous = _states.GetValueOrDefault(id);
        if (previous is { Phase: HallPicturesPhase.Queued or HallPicturesPhase.Rendering }) return;
        // A host without EGL stays unavailable: asking again every request would only fail again.
        if (previous is { Phase: HallPicturesPhase.Unavailable }) return;
        _states[id] = queued;
        _queue.Writer.TryWrite(id);
        log.LogInformation("The pictures of the hall of {Exhibition} are queued for rendering", id);
    }

    /// <summary>Renders what <see cref="Request"/> queued, one hall at a time, until the host stops (the background worker).</summary>
    public async Task RunQueueAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try { await RenderAsync(id, stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { throw; }
            catch (Exception e)
            {
                // Recorded in the state by RenderAsync (or a hall that cannot be compiled, said by its own route); the host goes on.
                if (_states.GetValueOrDefault(id) is { Phase: HallPicturesPhase.Queued })
                    _states[id] = new HallPicturesState(HallPicturesPhase.Failed, 0, 0, FailedReason(e), null);
                log.LogWarning("The pictures of the hall of {Exhibition} were not rendered: {Reason}", id, e.Message);
            }
        }
    }

    /// <summary>
    /// Renders and stores the pictures of a published exhibition's hall (compiling the hall first when needed), unless
    /// the stored ones were rendered from the current GLB. Progress goes to the log and to <see cref="GetStateAsync"/>.
    /// </summary>
    /// <exception cref="RendererUnavailableException">No EGL here (or <c>Qy:Halls:Renderer=off</c>).</exception>
    /// <exception cref="FileNotFoundException">The exhibition is not published.</exception>
    public async Task<HallPicturesRecord> RenderAsync(string id, CancellationToken ct)
    {
        await _renderGate.WaitAsync(ct);
        try
        {
            var hall = await halls.GetAsync(id, ct) ?? throw new FileNotFoundException($"没有已发布的展览 {id}。 No published exhibition '{id}'.");
            // Read once: it says whether the pictures are current, and which old ones to remove after a new render.
            var previous = await ReadRecordAsync(id, ct);
            if (previous is not null && previous.GlbSha512 == hall.Record.GlbSha512)
            {
                _states.TryRemove(id, out _);
                // A request that found these pictures damaged may have removed the record after it was read here, while
                // this job was still queued (so it queued nothing): render them in a job of their own.
                if (await archive.Store.StatAsync(RecordKey(id), CancellationToken.None) is null) Request(id);
                return previous;
            }
            if (options.Renderer == RendererOff)
            {
                _states[id] = new HallPicturesState(HallPicturesPhase.Unavailable, 0, 0, RendererOffReason, null);
                throw new RendererUnavailableException(RendererOffReason.En);
            }
            var stops = (await halls.ReadSceneAsync(id, ct))?["tour"]?.AsArray().Count ?? 0;
            var total = stops + 2;
            _states[id] = new HallPicturesState(HallPicturesPhase.Rendering, 0, total, null, null);
            var glb = await archive.Store.ReadBytesAsync(hall.Glb, ct);
            var files = new List<HallPictureFile>();
            var clock = Stopwatch.StartNew();
            HallPicturesReport report;
            try
            {
                // The renderer draws synchronously (llvmpipe: seconds a panorama): off the request threads.
                report = await Task.Run(() => HallPictures.RenderAsync(glb, async (name, jpeg, c) =>
                {
                    await archive.Store.WriteBytesAsync(PictureKey(id, name), jpeg, c);
                    files.Add(new HallPictureFile(name, Convert.ToHexStringLower(SHA512.HashData(jpeg)), jpeg.Length));
                    _states[id] = new HallPicturesState(HallPicturesPhase.Rendering, files.Count, total, null, null);
                    log.LogInformation("Rendered {Picture} of the hall of {Exhibition} ({Done}/{Total}, {Seconds:F1} s)", name, id, files.Count, total, clock.Elapsed.TotalSeconds);
                }, PictureOptions, stops: null, ct), ct);
            }
            catch (RendererUnavailableException e)
            {
                _states[id] = new HallPicturesState(HallPicturesPhase.Unavailable, 0, 0, UnavailableReason(e), null);
                log.LogWarning("No headless renderer in this host, the hall of {Exhibition} has no pictures: {Reason}", id, e.Message);
                throw;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _states[id] = new HallPicturesState(HallPicturesPhase.Failed, files.Count, total, FailedReason(e), null);
                throw;
            }
            var record = new HallPicturesRecord(HallPicturesRecord.CurrentFormat, id, hall.Record.GlbSha512, report.GlRenderer,
                Math.Round(report.Elapsed.TotalSeconds, 2), files);
            await archive.Store.WriteBytesAsync(RecordKey(id), JsonSerializer.SerializeToUtf8Bytes(record), ct);
            // A hall compiled again with fewer stops leaves no panoramas of stops it no longer has.
            foreach (var gone in previous?.Files.Where(f => record.Find(f.Name) is null) ?? [])
                await archive.Store.DeleteAsync(PictureKey(id, gone.Name), ct);
            _states.TryRemove(id, out _);
            log.LogInformation("Rendered the pictures of the hall of {Exhibition}: {Stops} panoramas, preview and stereo pair in {Seconds:F1} s on {Renderer}",
                id, report.StopPaths.Count, report.Elapsed.TotalSeconds, report.GlRenderer);
            return record;
        }
        finally
        {
            _renderGate.Release();
        }
    }

    /// <summary>Whether each stored picture still has the digest recorded when it was written: one line per problem, none when intact or never rendered.</summary>
    public async Task<IReadOnlyList<string>> CheckFixityAsync(string id, CancellationToken ct) =>
        (await HallFixity.CheckPicturesAsync(archive.Store, id, ct)).Select(p => p.Problem).ToList();

    /// <summary>Forgets the stored pictures' record so that they are rendered again (after damage).</summary>
    public Task ForgetAsync(string id, CancellationToken ct) => archive.Store.DeleteAsync(RecordKey(id), ct);

    public async Task<HallPicturesRecord?> ReadRecordAsync(string id, CancellationToken ct)
    {
        try
        {
            var r = JsonSerializer.Deserialize<HallPicturesRecord>(await archive.Store.ReadBytesAsync(RecordKey(id), ct));
            return r?.Format == HallPicturesRecord.CurrentFormat ? r : null;
        }
        catch (BlobNotFoundException) { return null; }
        catch (JsonException) { return null; } // a damaged record: render again
    }

    /// <summary>The pictures are lit and framed as the hall client shows the hall (its hemisphere light and background).</summary>
    public static HallPictureOptions PictureOptions { get; } = new() { Render = RenderSettings.HallClient };

    private static Bilingual RendererOffReason => new($"设置 Qy:Halls:Renderer={RendererOff} 已关闭离屏渲染", $"turned off by Qy:Halls:Renderer={RendererOff}");

    private static Bilingual UnavailableReason(RendererUnavailableException e) => new("没有可用的离屏 OpenGL（EGL）", e.Message);

    private static Bilingual FailedReason(Exception e) => new("渲染出错，详见服务器日志", e.Message);
}

/// <summary>Renders the hall pictures <see cref="HallPictureDerivatives.Request"/> queued, in the background.</summary>
public sealed class HallPicturesWorker(HallPictureDerivatives pictures) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try { await pictures.RunQueueAsync(stoppingToken); }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
