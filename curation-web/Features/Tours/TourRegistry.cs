using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using Microsoft.AspNetCore.SignalR;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Web.Features.Tours;

/// <summary>
/// The host's live tours: in memory for speed, each kept as one JSON blob (<c>tours/{id}.json</c>, written atomically
/// by the blob store, like exhibition drafts) so that a restart finds them again. Changes mark a tour dirty; the
/// <see cref="TourKeeper"/> writes dirty tours a moment later (a class answering at once is one write, not sixty),
/// and on shutdown.
/// </summary>
public sealed class TourRegistry(ArchiveServices archive, TourSettings settings, ILogger<TourRegistry> log)
{
    public const string Root = "tours";

    private readonly ConcurrentDictionary<string, Tour> _tours = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _liveCodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _dirty = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writing = new(1, 1);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public TourSettings Settings => settings;

    public Tour? Find(string id) => _tours.TryGetValue(id, out var t) ? t : null;

    /// <summary>The live tour with this code, or null.</summary>
    public Tour? FindLiveByCode(string code) => _liveCodes.TryGetValue(code, out var id) && Find(id) is { IsLive: true } t ? t : null;

    /// <summary>Whether an ended (kept) tour had this code: its pupils are told it ended rather than that it never was.</summary>
    public bool EndedWithCode(string code) => _tours.Values.Any(t => !t.IsLive && t.Code == code);

    public IReadOnlyList<Tour> All => [.. _tours.Values.OrderByDescending(t => t.Created)];

    public async Task<Tour> StartAsync(Exhibition published, int version, string guide, CancellationToken ct = default)
    {
        var now = Clock.GetUtcNow();
        Tour tour;
        do
        {
            tour = new Tour
            {
                Id = NewId(),
                Code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
                ExhibitionId = published.Id,
                ExhibitionVersion = version,
                Exhibition = published,
                Guide = guide,
                Created = now,
                LastActivity = now,
            };
        }
        while (!_liveCodes.TryAdd(tour.Code, tour.Id));
        _tours[tour.Id] = tour;
        await WriteAsync(tour, ct);
        return tour;
    }

    /// <summary>Records a change (under the tour's gate): the tour is active now and will be written.</summary>
    public void Touch(Tour tour)
    {
        tour.LastActivity = Clock.GetUtcNow();
        _dirty[tour.Id] = 0;
    }

    public void End(Tour tour)
    {
        lock (tour.Gate)
        {
            if (!tour.IsLive) return;
            tour.Ended = Clock.GetUtcNow();
            tour.Question = null;
            tour.Pointer = null;
            _dirty[tour.Id] = 0;
        }
        _liveCodes.TryRemove(new KeyValuePair<string, string>(tour.Code, tour.Id));
    }

    /// <summary>Reads every kept tour (at start).</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await foreach (var blob in archive.Store.ListAsync(Root + "/", ct))
        {
            if (!blob.Key.ToString().EndsWith(".json", StringComparison.Ordinal)) continue;
            try
            {
                var tour = JsonSerializer.Deserialize<Tour>(await archive.Store.ReadBytesAsync(blob.Key, ct), Json);
                if (tour is null || tour.Exhibition is null) continue;
                _tours[tour.Id] = tour;
                if (tour.IsLive && !_liveCodes.TryAdd(tour.Code, tour.Id)) End(tour); // two live tours with one code cannot be: keep the first
            }
            catch (Exception e) when (e is JsonException or NotSupportedException)
            {
                TourLog.Unreadable(log, blob.Key.ToString(), e.Message);
            }
        }
    }

    /// <summary>Writes every tour changed since the last call.</summary>
    public async Task FlushAsync(CancellationToken ct)
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

    /// <summary>Ends idle tours and deletes ended ones (names and answers with them) past the keeping time.</summary>
    public async Task<IReadOnlyList<Tour>> SweepAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var ended = new List<Tour>();
        foreach (var tour in _tours.Values)
        {
            if (tour.IsLive && now - tour.LastActivity >= settings.IdleLimit)
            {
                End(tour);
                ended.Add(tour);
            }
            else if (tour.Ended is { } at && now - at >= settings.Keep)
            {
                _tours.TryRemove(tour.Id, out _);
                _dirty.TryRemove(tour.Id, out _);
                await archive.Store.DeleteAsync(Key(tour.Id), ct);
            }
        }
        return ended;
    }

    private async Task WriteAsync(Tour tour, CancellationToken ct)
    {
        byte[] bytes;
        lock (tour.Gate) bytes = JsonSerializer.SerializeToUtf8Bytes(tour, Json);
        await archive.Store.WriteBytesAsync(Key(tour.Id), bytes, ct);
    }

    private static BlobKey Key(string id) => BlobKey.Combine(Root, id + ".json");

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}

/// <summary>Loads the kept tours at start, writes changed ones every moment, sweeps idle and old ones, flushes on stop.</summary>
public sealed class TourKeeper(TourRegistry tours, TourSettings settings, Microsoft.AspNetCore.SignalR.IHubContext<TourHub> hub, ILogger<TourKeeper> log) : BackgroundService
{
    public static readonly TimeSpan WriteDelay = TimeSpan.FromMilliseconds(300);

    private bool _loaded;

    /// <summary>Reads the kept tours before the host answers; a store that is down (S3) does not hold the start: retried below.</summary>
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
        catch (Exception e) when (e is IOException or HttpRequestException or TimeoutException or Minio.Exceptions.MinioException)
        {
            TourLog.LoadFailed(log, e.Message);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = DateTime.UtcNow;
        using var timer = new PeriodicTimer(WriteDelay);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!_loaded)
                {
                    if (DateTime.UtcNow < nextSweep) continue;
                    nextSweep = DateTime.UtcNow + TimeSpan.FromSeconds(10);
                    if (!(_loaded = await TryLoadAsync(stoppingToken))) continue;
                }
                await tours.FlushAsync(stoppingToken);
                if (DateTime.UtcNow < nextSweep) continue;
                nextSweep = DateTime.UtcNow + settings.SweepInterval;
                foreach (var ended in await tours.SweepAsync(stoppingToken))
                {
                    TourLog.Idle(log, ended.Id);
                    await hub.Clients.Groups(TourHub.PupilsGroup(ended.Id), TourHub.GuidesGroup(ended.Id)).SendAsync("ended", stoppingToken);
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
        await tours.FlushAsync(CancellationToken.None);
    }
}

internal static partial class TourLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The kept tour {Key} cannot be read: {Reason}")]
    public static partial void Unreadable(ILogger log, string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The kept tours cannot be read yet ({Reason}); trying again in 10 s")]
    public static partial void LoadFailed(ILogger log, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tour {Id} ended after being idle")]
    public static partial void Idle(ILogger log, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tour {Id} of {Exhibition} started by {Guide}")]
    public static partial void Started(ILogger log, string id, string exhibition, string guide);
}
