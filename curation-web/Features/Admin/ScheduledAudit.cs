using System.Text.Json;
using QyHeritage.Archive;
using QyHeritage.Archive.Fixity;

namespace QyHeritage.Web.Features.Admin;

/// <summary>
/// Runs the same fixity audit as <c>qy audit</c> on a schedule (<see cref="AuditSettings"/>) or when an
/// administrator asks, one at a time, and keeps the last report in the data folder for the admin page.
/// A report with findings is logged as warnings that name each damaged item and page.
/// </summary>
public sealed class ScheduledAudit(ArchiveServices archive, AuditSettings settings, IHostApplicationLifetime lifetime, ILogger<ScheduledAudit> log) : BackgroundService
{
    private const int MaxFindingsLogged = 50;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Lock _gate = new();
    private volatile AuditProgress? _progress;
    private DateTimeOffset? _runningSince;
    private DateTimeOffset? _nextRun;
    private string? _lastError;

    public string ReportPath => AuditReportFile.PathIn(archive.Options.DataFolder);

    public string DataFolder => archive.Options.DataFolder;

    public AuditSettings Settings => settings;

    /// <summary>What the admin page shows beside the last report.</summary>
    public AuditState State
    {
        get
        {
            lock (_gate) return new(_runningSince, _runningSince is null ? null : _progress, settings.Scheduled ? _nextRun : null, _lastError);
        }
    }

    /// <summary>How soon the schedule tries again when another process (<c>qy audit</c>) is auditing the data folder.</summary>
    internal static readonly TimeSpan BusyRetry = TimeSpan.FromMinutes(10);

    /// <summary>Starts an audit now unless one is running, here or in another process; false when one is.</summary>
    public bool TryStartNow()
    {
        if (!_oneAtATime.Wait(0)) return false;
        if (TakeTurn() is not { } turn)
        {
            _oneAtATime.Release();
            return false;
        }
        MarkRunning();
        _ = Task.Run(() => RunHeldAsync(turn, lifetime.ApplicationStopping));
        return true;
    }

    /// <summary>The data folder's audit turn, or null (said on the page and in the log) while another process audits it.</summary>
    private AuditTurn? TakeTurn()
    {
        var turn = AuditTurn.TryTake(archive.Options.DataFolder);
        if (turn is null)
        {
            lock (_gate) _lastError = "另一个进程正在审计此数据目录（qy audit），稍后再试。 Another process (qy audit) is auditing this data folder; try again when it has finished.";
            AdminLog.AuditBusy(log, AuditTurn.LockPathIn(archive.Options.DataFolder), BusyRetry);
        }
        return turn;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Scheduled)
        {
            AdminLog.ScheduleOff(log);
            return;
        }
        // Without a report the first audit comes soon: a host restarted more often than the interval
        // (every deploy) would otherwise never audit at all.
        var last = await LastFinishedAsync(stoppingToken);
        lock (_gate) _nextRun ??= last is { } finished ? finished + settings.Interval : DateTimeOffset.UtcNow + Min(settings.Interval, AuditSettings.FirstWithoutReport);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            lock (_gate) wait = _nextRun!.Value - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                // Long intervals are waited in steps (Task.Delay takes at most about 24 days).
                try { await Task.Delay(wait < TimeSpan.FromDays(1) ? wait : TimeSpan.FromDays(1), stoppingToken); }
                catch (OperationCanceledException) { return; }
                continue;
            }
            // A requested audit may be running; the schedule waits for it and counts from its end.
            try { await _oneAtATime.WaitAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
            if (TakeTurn() is not { } turn)
            {
                lock (_gate) _nextRun = DateTimeOffset.UtcNow + Min(settings.Interval, BusyRetry);
                _oneAtATime.Release();
                continue;
            }
            MarkRunning();
            await RunHeldAsync(turn, stoppingToken);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Shows the audit as running from the moment the lock is taken, before it reads anything.</summary>
    private void MarkRunning()
    {
        _progress = null;
        lock (_gate) _runningSince = DateTimeOffset.UtcNow;
    }

    /// <summary>One audit, with the one-at-a-time lock and the data folder's turn already held; releases both.</summary>
    private async Task RunHeldAsync(AuditTurn turn, CancellationToken ct)
    {
        using var held = turn;
        try
        {
            var auditor = new FixityAuditor(archive.Store, archive.Ocfl.RootPrefix, archive.Loggers.CreateLogger("QyHeritage.Archive.Fixity"));
            var options = new AuditOptions { RateLimitMBps = settings.RateLimitMBps, Derivatives = settings.Derivatives, DerivativeAudits = [Halls.HallFixity.Audit] };
            var report = await auditor.RunAsync(options, new Cli.SynchronousProgress<AuditProgress>(p => _progress = p), ct);
            await AuditReportFile.WriteAsync(ReportPath, report, ct);
            lock (_gate) _lastError = null;
            LogOutcome(report);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The host is stopping; the last complete report stays as it was.
        }
        catch (Exception e)
        {
            lock (_gate) _lastError = e.Message;
            AdminLog.AuditFailed(log, e);
        }
        finally
        {
            _progress = null;
            lock (_gate)
            {
                _runningSince = null;
                // The interval counts from the end of the last audit, whether scheduled or requested.
                _nextRun = DateTimeOffset.UtcNow + settings.Interval;
            }
            _oneAtATime.Release();
        }
    }

    private void LogOutcome(AuditReport report)
    {
        if (report.Ok)
        {
            AdminLog.AuditPassed(log, report.Objects.Count, report.BytesVerified);
            return;
        }
        AdminLog.AuditFoundProblems(log, report.Findings.Count, report.Objects.Count, ReportPath);
        foreach (var f in report.Findings.Take(MaxFindingsLogged))
            AdminLog.Finding(log, f.Kind, f.Item, f.Page ?? "-", f.ContentPath ?? "-", f.Message);
    }

    private async Task<DateTimeOffset?> LastFinishedAsync(CancellationToken ct)
    {
        try { return (await AuditReportFile.TryReadAsync(ReportPath, ct))?.Report.Finished; }
        catch (Exception e) when (e is JsonException or IOException)
        {
            AdminLog.ReportUnreadable(log, ReportPath, e.Message);
            return null;
        }
    }
}

/// <summary>Whether an audit runs now (and how far it is), when the next is due, and why the last one failed if it did.</summary>
public sealed record AuditState(DateTimeOffset? RunningSince, AuditProgress? Progress, DateTimeOffset? NextRun, string? LastError)
{
    public bool Running => RunningSince is not null;
}

/// <summary>Structured log events of the scheduled audit.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Scheduled audit is off (Qy:Audit:Interval is 0); audits run only when started on /admin/audit")]
    public static partial void ScheduleOff(ILogger logger);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Audit passed: {Objects} objects, {Bytes} bytes verified")]
    public static partial void AuditPassed(ILogger logger, int objects, long bytes);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Audit found {Findings} problem(s) in {Objects} objects; report: {Report}")]
    public static partial void AuditFoundProblems(ILogger logger, int findings, int objects, string report);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Audit: {Kind} {Item} page {Page} ({Path}): {Message}")]
    public static partial void Finding(ILogger logger, AuditFindingKind kind, string item, string page, string path, string message);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Error, Message = "The audit could not finish")]
    public static partial void AuditFailed(ILogger logger, Exception e);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "The last audit report {Report} cannot be read ({Reason}); the next audit replaces it")]
    public static partial void ReportUnreadable(ILogger logger, string report, string reason);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Warning, Message = "Another process holds the audit lock {Lock} (a qy audit run): this audit is skipped; a scheduled one tries again in {Retry}")]
    public static partial void AuditBusy(ILogger logger, string @lock, TimeSpan retry);
}
