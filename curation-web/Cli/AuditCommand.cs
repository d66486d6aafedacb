using System.Globalization;
using QyHeritage.Archive;
using QyHeritage.Archive.Fixity;
using QyHeritage.Archive.Storage;
using Spectre.Console;

namespace QyHeritage.Web.Cli;

/// <summary><c>qy audit</c>: fixity of every OCFL object, with a progress bar, a summary and an optional JSON report.</summary>
internal static class AuditCommand
{
    public const string Help = """
        qy audit [--report=PATH] [--rate=MB/s] [--item=ID ...] [--no-derivatives] [--Qy:DataFolder=data] [--Qy:Storage=S3 ...]

        Walks every OCFL object in the store (the file system or S3, as configured), recomputes the digest
        of every stored file, validates inventories and sidecars, and reports missing, extra and corrupted
        files with the item and page they belong to. Nothing is changed.
          --report=PATH   also write the full report as JSON
          --rate=N        read at most N MB/s (so it can run beside live traffic); default: no limit
          --item=ID       audit only this item (repeatable)
          --no-derivatives  skip the pyramids and the halls (GLBs and their pictures; each checked against the
                          digest recorded when it was written)
        One audit at a time per data folder: while the server's scheduled audit (or another qy audit) runs,
        this one stops at once and says so.
        Exit code 0 when everything is sound, 1 when anything was found, 2 on bad usage or when the store refuses
        the credentials (the access key id is named), 3 when another audit is running, 4 when the store cannot be reached.
        """;

    /// <summary>Runs the audit; <paramref name="args"/> are the verb's own arguments (configuration keys are read elsewhere).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, ArchiveOptions options)
    {
        string? reportPath = null;
        double rate = 0;
        var items = new List<string>();
        var derivatives = true;
        foreach (var a in args)
        {
            if (a.StartsWith("--report=", StringComparison.Ordinal)) reportPath = a["--report=".Length..];
            else if (a.StartsWith("--rate=", StringComparison.Ordinal))
            {
                if (!double.TryParse(a["--rate=".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || rate <= 0)
                {
                    Console.Error.WriteLine($"qy audit: --rate wants a positive number of MB/s, not '{a["--rate=".Length..]}'.");
                    return 2;
                }
            }
            else if (a.StartsWith("--item=", StringComparison.Ordinal)) items.Add(a["--item=".Length..]);
            else if (a == "--no-derivatives") derivatives = false;
        }
        if (reportPath is "") { Console.Error.WriteLine("qy audit: --report needs a PATH."); return 2; }

        using var turn = AuditTurn.TryTake(options.DataFolder);
        if (turn is null)
        {
            Console.Error.WriteLine($"qy audit: another audit of {Path.GetFullPath(options.DataFolder)} is running (the server's scheduled audit, see /admin/audit, or another qy audit); run this one when it has finished.");
            return 3;
        }
        using var loggers = ConsoleLogging.Create();
        var archive = new ArchiveServices(options, loggers);
        var auditor = new FixityAuditor(archive.Store, archive.Ocfl.RootPrefix, loggers.CreateLogger("QyHeritage.Archive.Fixity"));
        var auditOptions = new AuditOptions { RateLimitMBps = rate, Items = items, Derivatives = derivatives, DerivativeAudits = [Features.Halls.HallFixity.Audit] };
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

        AuditReport report;
        try
        {
            report = await RunAuditAsync(auditor, auditOptions, cts.Token);
        }
        catch (S3AccessDeniedException e)
        {
            // A wrong secret is a setting to fix, not a crash: say which key, never the secret.
            Console.Error.WriteLine($"qy audit: 存储拒绝了访问密钥 '{e.AccessKey}'，审计未进行。 / {e.Message}");
            return 2;
        }
        catch (BlobStoreUnavailableException e)
        {
            Console.Error.WriteLine($"qy audit: 无法连接存储，审计未完成。 / The store could not be reached, so the audit did not finish: {e.Message}");
            return 4;
        }

        // Atomically, as the host's scheduled audit does: a report cut short by a crash would read as no problems.
        if (reportPath is not null) await AuditReportFile.WriteAsync(reportPath, report);
        Console.Write(AuditReportFormat.ToSummary(report));
        if (reportPath is not null) Console.WriteLine($"Report: {Path.GetFullPath(reportPath)}");
        return report.Ok ? 0 : 1;
    }

    private static async Task<AuditReport> RunAuditAsync(FixityAuditor auditor, AuditOptions auditOptions, CancellationToken ct)
    {
        AuditReport report;
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            report = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var bytes = ctx.AddTask("审计 Audit");
                    var progress = new Progress<AuditProgress>(p =>
                    {
                        bytes.MaxValue = Math.Max(1, p.BytesTotal);
                        bytes.Value = Math.Min(p.BytesDone, bytes.MaxValue);
                        bytes.Description = $"审计 Audit {p.ObjectsDone}/{p.ObjectsTotal} {p.Current}";
                    });
                    return await auditor.RunAsync(auditOptions, progress, ct);
                });
        }
        else
        {
            // Not a terminal (CI, cron): one plain line every tenth of the objects.
            var lastDecile = -1;
            var progress = new SynchronousProgress<AuditProgress>(p =>
            {
                var decile = p.ObjectsTotal == 0 ? 10 : p.ObjectsDone * 10 / p.ObjectsTotal;
                if (decile == lastDecile) return;
                lastDecile = decile;
                Console.Error.WriteLine($"audit: {p.ObjectsDone}/{p.ObjectsTotal} objects, {p.BytesDone / 1e6:F1}/{p.BytesTotal / 1e6:F1} MB");
            });
            report = await auditor.RunAsync(auditOptions, progress, ct);
        }
        return report;
    }
}
