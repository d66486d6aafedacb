using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace QyHeritage.Archive.Storage;

/// <summary>What the last check of the blob store found: "ok", "unreachable" or "credentials refused" ("unknown" before the first).</summary>
public sealed record BlobStoreHealthReport(string Status, string? Detail, DateTimeOffset? CheckedAt)
{
    public bool Ok => Status == "ok";
}

/// <summary>
/// Watches whether the blob store answers, so the server can start and say so on /health while S3 is
/// down or refuses the credentials, instead of dying. One cheap request per check (a stat of the
/// storage root's declaration); while the store fails it is checked again with growing pauses (up to
/// <see cref="MaxPause"/>) and one warning is logged per change of what is wrong, saying what to check,
/// never a stack trace per retry.
/// </summary>
public sealed class BlobStoreHealth(IBlobStore store, string probeKey, ILogger? logger = null) : IDisposable
{
    /// <summary>Pause between checks while the store answers.</summary>
    public static readonly TimeSpan HealthyPause = TimeSpan.FromSeconds(60);

    /// <summary>Longest pause between checks while it does not.</summary>
    public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    private readonly ILogger _log = logger ?? NullLogger.Instance;
    private readonly CancellationTokenSource _stop = new();
    private volatile BlobStoreHealthReport _current = new("unknown", null, null);
    private Task? _loop;

    /// <summary>First pause after a failed check; doubles up to <see cref="MaxPause"/>. Tests shorten it.</summary>
    public TimeSpan FirstRetryPause { get; init; } = TimeSpan.FromSeconds(2);

    public BlobStoreHealthReport Current => _current;

    /// <summary>One check now; updates <see cref="Current"/> and logs when the state changes.</summary>
    public async Task<BlobStoreHealthReport> CheckAsync(CancellationToken ct = default)
    {
        BlobStoreHealthReport next;
        string? whatToCheck = null;
        try
        {
            await store.StatAsync(BlobKey.Parse(probeKey), ct);
            next = new("ok", null, DateTimeOffset.UtcNow);
        }
        catch (S3AccessDeniedException e)
        {
            next = new("credentials refused", e.Message, DateTimeOffset.UtcNow);
            whatToCheck = $"the access key '{e.AccessKey}' and its secret (Qy:S3:AccessKey, Qy:S3:SecretKey or QY_S3_ACCESS_KEY, QY_S3_SECRET_KEY), and that the key may use bucket '{e.Bucket}'";
        }
        catch (Exception e) when (e is IOException or HttpRequestException or TimeoutException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            next = new("unreachable", e.Message, DateTimeOffset.UtcNow);
            whatToCheck = store is S3BlobStore s3
                ? $"that the S3 server at {s3.Endpoint} is running and reachable from here (Qy:S3:Endpoint, Qy:S3:UseTls) and that bucket '{s3.Bucket}' exists or may be created"
                : "that the storage folder exists and is readable";
        }
        var previous = _current;
        _current = next;
        if (next.Ok && !previous.Ok && previous.Status != "unknown") BlobStoreHealthLog.Recovered(_log);
        else if (!next.Ok && (previous.Status != next.Status || previous.Detail != next.Detail))
            BlobStoreHealthLog.Failing(_log, next.Status, next.Detail ?? "", whatToCheck ?? "the storage settings");
        return next;
    }

    /// <summary>Checks now and then keeps checking in the background until disposed.</summary>
    public void Start() => _loop ??= Task.Run(() => LoopAsync(_stop.Token));

    private async Task LoopAsync(CancellationToken ct)
    {
        var pause = FirstRetryPause;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if ((await CheckAsync(ct)).Ok)
                {
                    pause = FirstRetryPause;
                    await Task.Delay(HealthyPause, ct);
                }
                else
                {
                    await Task.Delay(pause, ct);
                    pause = TimeSpan.FromTicks(Math.Min(MaxPause.Ticks, pause.Ticks * 2));
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _loop?.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}

internal static partial class BlobStoreHealthLog
{
    [LoggerMessage(EventId = 3210, Level = LogLevel.Warning, Message = "The blob store is {Status}: {Detail} Serving what does not need it and checking again. Check {WhatToCheck}.")]
    public static partial void Failing(ILogger logger, string status, string detail, string whatToCheck);

    [LoggerMessage(EventId = 3211, Level = LogLevel.Information, Message = "The blob store answers again")]
    public static partial void Recovered(ILogger logger);
}
