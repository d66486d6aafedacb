using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Web.Features.Tours;

/// <summary>
/// Where live tours are kept. Every change goes through one of these steps, so that the hub and the join form are the
/// same on one host (<see cref="MemoryTourRegistry"/>: the host's memory, with a JSON snapshot per tour in the blob store)
/// and on several hosts (<see cref="RedisTourRegistry"/>: the shared state in Redis, the same snapshots in the shared
/// blob store). A <see cref="Tour"/> handed out is the live object on one host and a fresh snapshot with Redis: read it,
/// change it only through <see cref="ChangeAsync{T}"/> and the pupil and answer steps.
/// </summary>
public abstract class TourRegistry(ArchiveServices archive, TourSettings settings, ILogger log)
{
    public const string Root = "tours";

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public TourSettings Settings => settings;

    protected ArchiveServices Archive => archive;

    protected ILogger Log => log;

    /// <summary>The tour (live or ended, until it is deleted), or null.</summary>
    public abstract Task<Tour?> FindAsync(string id, CancellationToken ct = default);

    /// <summary>The live tour with this code, or null.</summary>
    public abstract Task<Tour?> FindLiveByCodeAsync(string code, CancellationToken ct = default);

    /// <summary>Whether an ended (kept) tour had this code: its pupils are told it ended rather than that it never was.</summary>
    public abstract Task<bool> EndedWithCodeAsync(string code, CancellationToken ct = default);

    /// <summary>Every kept tour, newest first.</summary>
    public abstract Task<IReadOnlyList<Tour>> AllAsync(CancellationToken ct = default);

    /// <summary>Starts a tour with a fresh six-digit code no live tour has.</summary>
    public abstract Task<Tour> StartAsync(Exhibition published, int version, string guide, CancellationToken ct = default);

    /// <summary>
    /// One change of the tour's own state (stop, gathered, question, results shown, pointer), as one step against every
    /// other change on any host; <paramref name="change"/> may run more than once (it must only set those fields, and may
    /// throw to refuse). The tour is active now. Null when the tour is gone or has ended.
    /// </summary>
    public abstract Task<Changed<T>?> ChangeAsync<T>(string id, Func<Tour, T> change, CancellationToken ct = default);

    /// <summary>Adds a pupil unless the tour holds <see cref="TourSettings.MaxPupils"/>; false when full or ended.</summary>
    public abstract Task<bool> AddPupilAsync(Tour tour, TourPupil pupil, CancellationToken ct = default);

    public abstract Task RemovePupilAsync(Tour tour, string pupilId, CancellationToken ct = default);

    /// <summary>Keeps a pupil's answer (their last one to a question counts).</summary>
    public abstract Task AnswerAsync(Tour tour, TourAnswer answer, CancellationToken ct = default);

    /// <summary>A pupil's hub connection opened (+1) or closed (−1), for the guide's list of who is online.</summary>
    public abstract Task ConnectedAsync(Tour tour, string pupilId, int delta, CancellationToken ct = default);

    /// <summary>Ends the tour: its code stops working. True when this call ended it (false when it had ended already).</summary>
    public abstract Task<bool> EndAsync(Tour tour, CancellationToken ct = default);

    /// <summary>Reads every kept tour (at start).</summary>
    public abstract Task LoadAsync(CancellationToken ct);

    /// <summary>Writes every tour changed since the last call to the blob store.</summary>
    public abstract Task FlushAsync(CancellationToken ct);

    /// <summary>Ends idle tours (returns them) and deletes ended ones (names and answers with them) past the keeping time.</summary>
    public abstract Task<IReadOnlyList<Tour>> SweepAsync(CancellationToken ct);

    /// <summary>Every few seconds: what keeps shared state right (the host's heartbeat; reseeding a Redis that lost the tours).</summary>
    public virtual Task MaintainAsync(CancellationToken ct) => Task.CompletedTask;

    protected Tour NewTour(Exhibition published, int version, string guide)
    {
        var now = Clock.GetUtcNow();
        return new Tour
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(),
            Code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
            ExhibitionId = published.Id,
            ExhibitionVersion = version,
            Exhibition = published,
            Guide = guide,
            Created = now,
            LastActivity = now,
        };
    }

    protected async Task WriteAsync(Tour tour, CancellationToken ct)
    {
        byte[] bytes;
        lock (tour.Gate) bytes = JsonSerializer.SerializeToUtf8Bytes(tour, Json);
        await archive.Store.WriteBytesAsync(Key(tour.Id), bytes, ct);
    }

    /// <summary>Every tour kept in the blob store (unreadable ones are logged and left).</summary>
    protected async Task<List<Tour>> ReadKeptAsync(CancellationToken ct)
    {
        var kept = new List<Tour>();
        await foreach (var blob in archive.Store.ListAsync(Root + "/", ct))
        {
            if (!blob.Key.ToString().EndsWith(".json", StringComparison.Ordinal)) continue;
            try
            {
                var tour = JsonSerializer.Deserialize<Tour>(await archive.Store.ReadBytesAsync(blob.Key, ct), Json);
                if (tour is not null && tour.Exhibition is not null) kept.Add(tour);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException)
            {
                TourLog.Unreadable(log, blob.Key.ToString(), e.Message);
            }
        }
        return kept;
    }

    protected Task DeleteKeptAsync(string id, CancellationToken ct) => archive.Store.DeleteAsync(Key(id), ct);

    protected static BlobKey Key(string id) => BlobKey.Combine(Root, id + ".json");

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}

/// <summary>A change made: the tour as it is after it, and what the change returned.</summary>
public sealed record Changed<T>(Tour Tour, T Value);

/// <summary>
/// One host's live tours (the default): in memory for speed, each kept as one JSON blob (<c>tours/{id}.json</c>, written
/// atomically by the blob store, like exhibition drafts) so that a restart finds them again. Changes mark a tour dirty;
/// the <see cref="TourKeeper"/> writes dirty tours a moment later (a class answering at once is one write, not sixty),
/// and on shutdown.
/// </summary>
public sealed class MemoryTourRegistry(ArchiveServices archive, TourSettings settings, ILogger<MemoryTourRegistry> log)
    : TourRegistry(archive, settings, log)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Tour> _tours = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _liveCodes = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _dirty = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writing = new(1, 1);

    private Tour? Find(string id) => _tours.TryGetValue(id, out var t) ? t : null;

    public override Task<Tour?> FindAsync(string id, CancellationToken ct = default) => Task.FromResult(Find(id));

    public override Task<Tour?> FindLiveByCodeAsync(string code, CancellationToken ct = default) =>
        Task.FromResult(_liveCodes.TryGetValue(code, out var id) && Find(id) is { IsLive: true } t ? t : null);

    public override Task<bool> EndedWithCodeAsync(string code, CancellationToken ct = default) =>
        Task.FromResult(_tours.Values.Any(t => !t.IsLive && t.Code == code));

    public override Task<IReadOnlyList<Tour>> AllAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Tour>>([.. _tours.Values.OrderByDescending(t => t.Created)]);

    public override async Task<Tour> StartAsync(Exhibition published, int version, string guide, CancellationToken ct = default)
    {
        Tour tour;
        do tour = NewTour(published, version, guide);
        while (!_liveCodes.TryAdd(tour.Code, tour.Id));
        _tours[tour.Id] = tour;
        await WriteAsync(tour, ct);
        return tour;
    }

    public override Task<Changed<T>?> ChangeAsync<T>(string id, Func<Tour, T> change, CancellationToken ct = default)
    {
        if (Find(id) is not { } tour) return Task.FromResult<Changed<T>?>(null);
        lock (tour.Gate)
        {
            if (!tour.IsLive) return Task.FromResult<Changed<T>?>(null);
            var value = change(tour);
            Touch(tour);
            return Task.FromResult<Changed<T>?>(new Changed<T>(tour, value));
        }
    }

    public override Task<bool> AddPupilAsync(Tour tour, TourPupil pupil, CancellationToken ct = default)
    {
        lock (tour.Gate)
        {
            if (!tour.IsLive || tour.Pupils.Count(p => !p.Removed) >= Settings.MaxPupils) return Task.FromResult(false);
            tour.Pupils.Add(pupil);
            Touch(tour);
        }
        return Task.FromResult(true);
    }

    public override Task RemovePupilAsync(Tour tour, string pupilId, CancellationToken ct = default)
    {
        lock (tour.Gate)
        {
            if (tour.Pupils.FirstOrDefault(p => p.Id == pupilId) is not { } pupil) return Task.CompletedTask;
            pupil.Removed = true;
            Touch(tour);
        }
        return Task.CompletedTask;
    }

    public override Task AnswerAsync(Tour tour, TourAnswer answer, CancellationToken ct = default)
    {
        lock (tour.Gate)
        {
            tour.Answers.RemoveAll(a => a.Pupil == answer.Pupil && a.Stop == answer.Stop && a.Question == answer.Question);
            tour.Answers.Add(answer);
            Touch(tour);
        }
        return Task.CompletedTask;
    }

    public override Task ConnectedAsync(Tour tour, string pupilId, int delta, CancellationToken ct = default)
    {
        lock (tour.Gate)
        {
            var n = tour.Connected.GetValueOrDefault(pupilId) + delta;
            if (n > 0) tour.Connected[pupilId] = n;
            else tour.Connected.Remove(pupilId);
        }
        return Task.CompletedTask;
    }

    public override Task<bool> EndAsync(Tour tour, CancellationToken ct = default)
    {
        lock (tour.Gate)
        {
            if (!tour.IsLive) return Task.FromResult(false);
            tour.Ended = Clock.GetUtcNow();
            tour.Question = null;
            tour.Pointer = null;
            _dirty[tour.Id] = 0;
        }
        _liveCodes.TryRemove(new KeyValuePair<string, string>(tour.Code, tour.Id));
        return Task.FromResult(true);
    }

    public override async Task LoadAsync(CancellationToken ct)
    {
        foreach (var tour in await ReadKeptAsync(ct))
        {
            _tours[tour.Id] = tour;
            if (tour.IsLive && !_liveCodes.TryAdd(tour.Code, tour.Id)) await EndAsync(tour, ct); // two live tours with one code cannot be: keep the first
        }
    }

    public override async Task FlushAsync(CancellationToken ct)
    {
        await _writing.WaitAsync(ct);
        try
        {
            foreach (var id in _dirty.Keys)
            {
                _dirty.TryRemove(id, out _);
                if (Find(id) is { } tour) await WriteAsync(tour, ct);
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    public override async Task<IReadOnlyList<Tour>> SweepAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var ended = new List<Tour>();
        foreach (var tour in _tours.Values)
        {
            if (tour.IsLive && now - tour.LastActivity >= Settings.IdleLimit)
            {
                if (await EndAsync(tour, ct)) ended.Add(tour);
            }
            else if (tour.Ended is { } at && now - at >= Settings.Keep)
            {
                _tours.TryRemove(tour.Id, out _);
                _dirty.TryRemove(tour.Id, out _);
                await DeleteKeptAsync(tour.Id, ct);
            }
        }
        return ended;
    }

    /// <summary>Records a change (under the tour's gate): the tour is active now and will be written.</summary>
    private void Touch(Tour tour)
    {
        tour.LastActivity = Clock.GetUtcNow();
        _dirty[tour.Id] = 0;
    }
}

/// <summary>Loads the kept tours at start, writes changed ones every moment, sweeps idle and old ones, flushes on stop.</summary>
public sealed class TourKeeper(TourRegistry tours, TourSettings settings, Microsoft.AspNetCore.SignalR.IHubContext<TourHub> hub, ILogger<TourKeeper> log) : BackgroundService
{
    public static readonly TimeSpan WriteDelay = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan MaintainEvery = TimeSpan.FromSeconds(10);

    private bool _loaded;

    /// <summary>Reads the kept tours before the host answers; a store that is down (S3, Redis) does not hold the start: retried below.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _loaded = await TryLoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    private async Task<bool> TryLoadAsync(CancellationToken ct)
    {
        try
        {
            await tours.LoadAsync(ct);
            return true;
        }
        catch (Exception e) when (IsOutage(e))
        {
            TourLog.LoadFailed(log, e.Message);
            return false;
        }
    }

    private static bool IsOutage(Exception e) =>
        e is IOException or HttpRequestException or TimeoutException or Minio.Exceptions.MinioException or StackExchange.Redis.RedisException;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = DateTime.UtcNow;
        var nextMaintain = DateTime.UtcNow + MaintainEvery;
        using var timer = new PeriodicTimer(WriteDelay);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (!_loaded)
                    {
                        if (DateTime.UtcNow < nextSweep) continue;
                        nextSweep = DateTime.UtcNow + TimeSpan.FromSeconds(10);
                        if (!(_loaded = await TryLoadAsync(stoppingToken))) continue;
                    }
                    await tours.FlushAsync(stoppingToken);
                    if (DateTime.UtcNow >= nextMaintain)
                    {
                        nextMaintain = DateTime.UtcNow + MaintainEvery;
                        await tours.MaintainAsync(stoppingToken);
                    }
                    if (DateTime.UtcNow < nextSweep) continue;
                    nextSweep = DateTime.UtcNow + settings.SweepInterval;
                    foreach (var ended in await tours.SweepAsync(stoppingToken))
                    {
                        TourLog.Idle(log, ended.Id);
                        await hub.Clients.Groups(TourHub.PupilsGroup(ended.Id), TourHub.GuidesGroup(ended.Id)).SendAsync("ended", stoppingToken);
                    }
                }
                catch (Exception e) when (IsOutage(e))
                {
                    TourLog.KeepingFailed(log, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await tours.FlushAsync(CancellationToken.None);
        }
        catch (Exception e) when (IsOutage(e))
        {
            TourLog.KeepingFailed(log, e.Message);
        }
    }
}

internal static partial class TourLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The kept tour {Key} cannot be read: {Reason}")]
    public static partial void Unreadable(ILogger log, string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The kept tours cannot be read yet ({Reason}); trying again in 10 s")]
    public static partial void LoadFailed(ILogger log, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping the tours failed this time ({Reason}); trying again")]
    public static partial void KeepingFailed(ILogger log, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tour {Id} ended after being idle")]
    public static partial void Idle(ILogger log, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tour {Id} of {Exhibition} started by {Guide}")]
    public static partial void Started(ILogger log, string id, string exhibition, string guide);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis held no tours: {Count} seeded again from the blob store")]
    public static partial void Seeded(ILogger log, int count);
}
