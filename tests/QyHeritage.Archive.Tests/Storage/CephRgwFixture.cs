using System.Diagnostics;
using System.Globalization;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Storage;

/// <summary>
/// A real S3 server for the tests: Ceph's RADOS Gateway (Debian 12's radosgw, ceph-mon, ceph-osd,
/// installed by ./qy) in front of a throwaway one-node Ceph cluster whose single OSD keeps objects in
/// RAM (memstore), all on 127.0.0.1 and free ports, in a fresh temp folder (RECIPES.md). It checks
/// signatures, versions, conditional PUTs and object lock, which s3rver does not. Started once per test
/// run (a collection fixture, ~13 s) and stopped by the pids its daemons wrote; only those are killed.
/// Where the binaries are missing the tests that need it are skipped with a loud message; where they
/// are there and the cluster does not start, the tests fail.
/// </summary>
public sealed class CephRgwFixture : IAsyncLifetime
{
    public const string AccessKey = "QYRGWTESTACCESS";
    public const string SecretKey = "qy-rgw-test-secret-key";

    private static readonly string[] Binaries = ["ceph-mon", "ceph-osd", "radosgw", "radosgw-admin", "monmaptool", "ceph"];

    private string? _folder;
    private string? _conf;

    /// <summary>Why the gateway cannot run here, or null when it runs.</summary>
    public string? Unavailable { get; private set; }

    public int Port { get; private set; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Skips the calling test, loudly, where the gateway cannot start on this machine.</summary>
    public void SkipIfUnavailable() => Skip.If(Unavailable is not null, Unavailable);

    /// <summary>Options for a store on a fresh bucket of its own (created by the store on first use).</summary>
    public S3Options NewBucketOptions()
    {
        SkipIfUnavailable();
        return S3rverFixture.NewBucketOptions(Endpoint, AccessKey, SecretKey);
    }

    public S3BlobStore NewStore(HttpMessageHandler? handler = null, S3Options? options = null) =>
        new(options ?? NewBucketOptions(), TestPaths.NewTempFolder("rgw-spool"), handler: handler);

    /// <summary>Runs radosgw-admin against this cluster (e.g. to look at a bucket behind the store's back).</summary>
    public Task<string> AdminAsync(params string[] args) => RunAsync("radosgw-admin", ["-c", _conf!, .. args], TimeSpan.FromSeconds(60));

    public async Task InitializeAsync()
    {
        var missing = Binaries.Where(b => FindOnPath(b) is null).ToList();
        if (missing.Count > 0)
        {
            Unavailable = $"!!! CEPH RGW TESTS SKIPPED: {string.Join(", ", missing)} not installed — the S3 store is NOT being tested against a real S3 server. " +
                "Install them with ./qy test (APT_PACKAGES) or: apt-get install --no-install-recommends radosgw ceph-mon ceph-osd !!!";
            Console.Error.WriteLine(Unavailable);
            return;
        }
        // A busy machine (or a port another process took between our check and the daemon's bind) can
        // fail a start; a fresh folder and fresh ports usually do not.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartClusterAsync();
                return;
            }
            catch (Exception e) when (attempt < 3 && e is InvalidOperationException or TimeoutException)
            {
                Console.Error.WriteLine($"Ceph RGW did not start (attempt {attempt}), trying again: {e.Message}");
                await DisposeAsync();
            }
        }
    }

    private async Task StartClusterAsync()
    {
        var sw = Stopwatch.StartNew();
        _folder = TestPaths.NewTempFolder("ceph-rgw");
        _conf = Path.Combine(_folder, "ceph.conf");
        var monPort = S3rverFixture.FreeLoopbackPort();
        Port = S3rverFixture.FreeLoopbackPort();
        while (Port == monPort) Port = S3rverFixture.FreeLoopbackPort();
        var fsid = Guid.NewGuid().ToString();
        var run = Path.Combine(_folder, "run");
        Directory.CreateDirectory(run);
        Directory.CreateDirectory(Path.Combine(_folder, "mon"));
        Directory.CreateDirectory(Path.Combine(_folder, "osd"));
        // One configuration with bench/ceph-rgw.sh; 2 GiB of RAM for the OSD is plenty for the tests.
        var conf = (await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "tools", "ceph", "ceph.conf.in")))
            .Replace("@FSID@", fsid, StringComparison.Ordinal).Replace("@DIR@", _folder, StringComparison.Ordinal)
            .Replace("@MON_PORT@", monPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@RGW_PORT@", Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@MEMSTORE_BYTES@", "2147483648", StringComparison.Ordinal);
        await File.WriteAllTextAsync(_conf, conf);
        var monmap = Path.Combine(_folder, "monmap");
        await RunAsync("monmaptool", ["--create", "--fsid", fsid, "--addv", "a", $"[v1:127.0.0.1:{monPort}]", monmap], TimeSpan.FromSeconds(30));
        await RunAsync("ceph-mon", ["-c", _conf, "--mkfs", "-i", "a", "--monmap", monmap], TimeSpan.FromSeconds(60));
        await RunAsync("ceph-mon", ["-c", _conf, "-i", "a"], TimeSpan.FromSeconds(60));
        var osdUuid = Guid.NewGuid().ToString();
        await RunAsync("ceph", ["-c", _conf, "--connect-timeout", "30", "osd", "new", osdUuid], TimeSpan.FromSeconds(60));
        // Ceph 16.2's OSD places itself in CRUSH with mon commands it may send before it knows the
        // cluster's fsid (on a busy machine: "wrong fsid", and it exits); the CLI places it instead.
        await RunAsync("ceph", ["-c", _conf, "--connect-timeout", "30", "osd", "crush", "add", "osd.0", "1.0", "root=default"], TimeSpan.FromSeconds(60));
        Directory.CreateDirectory(Path.Combine(_folder, "osd", "osd.0"));
        await RunAsync("ceph-osd", ["-c", _conf, "-i", "0", "--mkfs", "--osd-uuid", osdUuid], TimeSpan.FromSeconds(60));
        await RunAsync("ceph-osd", ["-c", _conf, "-i", "0"], TimeSpan.FromSeconds(60));
        await RunAsync("radosgw", ["-c", _conf, "-n", "client.rgw"], TimeSpan.FromSeconds(60));
        await WaitUntilAnsweringAsync(TimeSpan.FromSeconds(90));
        await AdminAsync("user", "create", "--uid=qy-test", "--display-name=qy-test", $"--access-key={AccessKey}", $"--secret-key={SecretKey}");
        Console.Error.WriteLine($"Ceph RGW started on {Endpoint} in {sw.Elapsed.TotalSeconds:F1} s ({_folder})");
    }

    public async Task DisposeAsync()
    {
        if (_folder is null) return;
        // radosgw first, the monitor last: daemons that lose the monitor wait for it instead of exiting.
        foreach (var name in new[] { "client.rgw", "osd.0", "mon.a" })
        {
            var pidFile = Path.Combine(_folder, "run", name + ".pid");
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                using var p = Process.GetProcessById(pid);
                p.Kill();
                await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (ArgumentException) { /* already gone */ }
            catch (InvalidOperationException) { }
            catch (TimeoutException) { }
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _folder = null;
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var sw = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var r = await http.GetAsync($"http://{Endpoint}/");
                return; // any HTTP answer (403 for an anonymous list) means the gateway is up
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && sw.Elapsed < limit)
            {
                await Task.Delay(250);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                throw new InvalidOperationException($"Ceph RGW did not answer on {Endpoint} within {limit.TotalSeconds} s; see the logs in {_folder}.", e);
            }
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin", "/sbin", "/bin"])
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static async Task<string> RunAsync(string file, string[] args, TimeSpan limit)
    {
        var psi = new ProcessStartInfo(FindOnPath(file) ?? file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill();
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {limit.TotalSeconds} s");
        }
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {p.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }
}

/// <summary>All test classes that need the Ceph gateway share one cluster per test run.</summary>
[CollectionDefinition(Name)]
public sealed class CephRgwCollection : ICollectionFixture<CephRgwFixture>
{
    public const string Name = "ceph-rgw";
}
