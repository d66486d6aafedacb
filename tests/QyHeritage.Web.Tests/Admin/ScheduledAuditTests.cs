using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Accounts;
using QyHeritage.Web.Tests.Crash;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Admin;

/// <summary>Two sample items (three pages) ingested once without OCR; each test audits its own copy of the data folder.</summary>
public sealed class AuditedSample
{
    private readonly string _source;

    public AuditedSample()
    {
        _source = TestPaths.NewTempFolder("audit-source");
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = _source, OcrEnabled = false });
        var report = new IngestRunner(archive).RunAsync(TestPaths.SampleSubset("QY-RB-002", "QY-LH-003")).GetAwaiter().GetResult();
        if (report.ItemsAdded != 2) throw new InvalidOperationException("the audit fixture's ingest failed: " + string.Join("; ", report.Problems));
    }

    public string NewDataFolder()
    {
        var copy = TestPaths.NewTempFolder("audit-data");
        foreach (var dir in Directory.GetDirectories(_source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(copy, Path.GetRelativePath(_source, dir)));
        foreach (var file in Directory.GetFiles(_source, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(copy, Path.GetRelativePath(_source, file)));
        return copy;
    }
}

public class ScheduledAuditTests(AuditedSample sample) : IClassFixture<AuditedSample>
{
    private static readonly string[] EverySecond = ["--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:01"];

    /// <summary>Polls the JSON until the scheduled audit has written a report (one that <paramref name="wanted"/> accepts).</summary>
    private static async Task<string> WaitForReportAsync(HttpClient client, Func<JsonElement, bool>? wanted = null)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var response = await client.GetAsync("/api/admin/audit");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var json = await response.Content.ReadAsStringAsync();
                using var doc = JsonDocument.Parse(json);
                if (wanted is null || wanted(doc.RootElement)) return json;
            }
            else Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            if (DateTime.UtcNow > deadline) throw new TimeoutException("no audit report after two minutes");
            await Task.Delay(200);
        }
    }

    private static string Master(string data, string item, string page) =>
        Directory.GetFiles(Path.Combine(data, "store", "ocfl", item), page + ".*", SearchOption.AllDirectories)
            .Single(f => f.Contains($"{Path.DirectorySeparatorChar}master{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static void Rot(string file)
    {
        using var fs = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        fs.Position = fs.Length / 2;
        var b = fs.ReadByte();
        fs.Position = fs.Length / 2;
        fs.WriteByte((byte)(b ^ 0x40));
    }

    [Fact]
    public async Task A_clean_store_is_audited_on_schedule_and_the_page_says_no_problems()
    {
        var data = sample.NewDataFolder();
        await using var host = await RunningHost.StartAsync(data, EverySecond);
        using var admin = await StaffSession.AdminAsync(host);

        var json = await WaitForReportAsync(admin);
        using (var doc = JsonDocument.Parse(json))
        {
            var root = doc.RootElement;
            Assert.True(root.GetProperty("ok").GetBoolean(), json);
            Assert.Equal(2, root.GetProperty("objects").GetInt32());
            Assert.Empty(root.GetProperty("findings").EnumerateArray());
            // Every master was read: the two items' content is well over their three JPEG pages.
            Assert.True(root.GetProperty("bytesVerified").GetInt64() > 1_500_000, json);
        }
        // The report is kept in the data folder, in the same shape as `qy audit --report`.
        var onDisk = await File.ReadAllTextAsync(Path.Combine(data, "audit", "last-report.json"));
        Assert.True(Archive.Fixity.AuditReportFormat.ReadCounts(onDisk).Ok);

        var page = await admin.GetStringAsync("/admin/audit");
        Assert.Contains("没有发现问题", page);
        Assert.Contains("No problems found", page);
        Assert.Contains("<th>对象 <span lang=\"en\">Objects</span></th><td>2</td>", page);
        Assert.DoesNotContain("id=\"audit-findings\"", page);

        // The schedule goes on: a byte that rots now is found by a later run.
        Rot(Master(data, "QY-LH-003", "p001"));
        var later = await WaitForReportAsync(admin, r => !r.GetProperty("ok").GetBoolean());
        using (var doc = JsonDocument.Parse(later))
            Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("item").GetString() == "QY-LH-003");
        Assert.Contains("data-item-id=\"QY-LH-003\" data-page=\"p001\"", await admin.GetStringAsync("/admin/audit"));
    }

    [Fact]
    public async Task A_rotted_master_shows_up_with_its_item_and_page_on_the_page_in_the_json_and_in_the_log()
    {
        var data = sample.NewDataFolder();
        Rot(Master(data, "QY-RB-002", "p002"));
        // A stray file whose name is markup: the page shows it as text.
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(Master(data, "QY-LH-003", "p001"))!, "<img src=x onerror=alert(1)>.tif"), "not in any inventory");

        var logs = new CapturedLogs();
        await using var host = await RunningHost.StartAsync(data, b => b.Logging.AddProvider(logs), EverySecond);
        using var admin = await StaffSession.AdminAsync(host);
        var json = await WaitForReportAsync(admin);

        using (var doc = JsonDocument.Parse(json))
        {
            var root = doc.RootElement;
            Assert.False(root.GetProperty("ok").GetBoolean());
            Assert.Equal(1, root.GetProperty("counts").GetProperty("corrupted").GetInt32());
            Assert.Equal(1, root.GetProperty("counts").GetProperty("extra").GetInt32());
            var finding = Assert.Single(root.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "corrupted");
            Assert.Equal("corrupted", finding.GetProperty("kind").GetString());
            Assert.Equal("QY-RB-002", finding.GetProperty("item").GetString());
            Assert.Equal("p002", finding.GetProperty("page").GetString());
        }

        var page = await admin.GetStringAsync("/admin/audit");
        Assert.Contains("发现 2 个问题", page);
        Assert.Contains("<tr data-item-id=\"QY-RB-002\" data-page=\"p002\" data-kind=\"corrupted\">", page);
        Assert.Contains("损坏 <span lang=\"en\">Corrupted</span>", page);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;.tif", page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.DoesNotContain("没有发现问题", page);

        Assert.Contains(logs.Warnings, w => w.Contains("QY-RB-002", StringComparison.Ordinal) && w.Contains("p002", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_schedule_off_an_audit_runs_when_asked_and_never_two_at_once()
    {
        var data = sample.NewDataFolder();
        // Slow enough (0.1 MB/s over some 1.7 MB) that the first is still running when the second is asked for.
        await using var host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00", "--Qy:Audit:RateLimitMBps=0.1");
        using var admin = await StaffSession.AdminAsync(host);
        using (var none = await admin.GetAsync("/api/admin/audit"))
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Contains("尚未运行过审计", await admin.GetStringAsync("/admin/audit"));

        using var first = await admin.PostAsync("/api/admin/audit", null);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using var second = await admin.PostAsync("/api/admin/audit", null);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var page = await admin.GetStringAsync("/admin/audit");
        Assert.Contains("审计进行中", page);
        Assert.DoesNotContain("立即审计", page); // no button while one runs
    }

    [Fact]
    public async Task A_qy_audit_run_and_the_hosts_audit_take_turns_on_one_data_folder()
    {
        var data = sample.NewDataFolder();
        await using var host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00", "--Qy:Audit:RateLimitMBps=0.1");
        using var admin = await StaffSession.AdminAsync(host);
        using (var started = await admin.PostAsync("/api/admin/audit", null))
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        // While the host audits (slowly), a qy audit of the same data folder, a real other process, stops at once.
        var (code, _, err) = await QyProcess.RunAsync(TimeSpan.FromMinutes(2), "audit", $"--Qy:DataFolder={data}");
        Assert.Equal(3, code);
        Assert.Contains("another audit", err);
    }

    [Fact]
    public async Task While_another_process_audits_the_host_refuses_to_start_one_and_says_why()
    {
        var data = sample.NewDataFolder();
        // Another process holding the turn the way .NET holds it, as a running qy audit does.
        await using var other = await OtherProcessLock.HoldAsync(QyHeritage.Archive.Fixity.AuditTurn.LockPathIn(data));
        await using var host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00");
        using var admin = await StaffSession.AdminAsync(host);
        using (var refused = await admin.PostAsync("/api/admin/audit", null))
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("qy audit", await admin.GetStringAsync("/admin/audit"));

        await other.ReleaseAsync();
        using (var started = await admin.PostAsync("/api/admin/audit", null))
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await WaitForReportAsync(admin);
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(CapturedLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Warning) owner.Warnings.Enqueue(formatter(state, exception));
            }
        }
    }
}
