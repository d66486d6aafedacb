using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Storage;

/// <summary>
/// A real S3-protocol server for the tests: s3rver (npm, installed into tools/node by ./qy test, or
/// here when missing) on 127.0.0.1 and a free port, with its data in a fresh temp folder. Started
/// once for all S3 test classes and stopped after them: only the process started here is killed,
/// by its id. What s3rver does not implement (signature checks, versioning, conditional requests)
/// is tested against a real MinIO only (README.md).
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    /// <summary>s3rver's fixed credentials (it does not check signatures).</summary>
    public const string Credential = "S3RVER";

    private Process? _process;
    private string? _dataFolder;

    public int Port { get; private set; }

    /// <summary>s3rver's own folder: tests rot bytes here behind the store's back.</summary>
    public string DataFolder => _dataFolder ?? throw new InvalidOperationException("s3rver has not started");

    /// <summary>The file in which s3rver keeps an object's bytes.</summary>
    public string ObjectFile(string bucket, BlobKey key) => Path.Combine(DataFolder, bucket, key.Value + "._S3rver_object");

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Options for a store on a fresh bucket of its own, so tests never see each other's keys.</summary>
    public S3Options NewBucketOptions() => NewBucketOptions(Endpoint, Credential, Credential);

    /// <summary>Test settings for a fresh bucket at <paramref name="endpoint"/>: quick retries, short timeouts.</summary>
    internal static S3Options NewBucketOptions(string endpoint, string accessKey, string secretKey) => new()
    {
        Endpoint = endpoint,
        Bucket = "qy-" + Guid.NewGuid().ToString("N")[..20],
        AccessKey = accessKey,
        SecretKey = secretKey,
        UseTls = false,
        RetryBaseDelayMs = 10,
        MaxAttempts = 3,
        RequestTimeoutSeconds = 30,
    };

    public S3BlobStore NewStore(HttpMessageHandler? handler = null, S3Options? options = null) =>
        new(options ?? NewBucketOptions(), TestPaths.NewTempFolder("s3-spool"), handler: handler);

    public async Task InitializeAsync()
    {
        var tools = Path.Combine(TestPaths.RepoRoot, "tools", "node");
        var bin = Path.Combine(tools, "node_modules", ".bin", "s3rver");
        if (!File.Exists(bin)) await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", tools, TimeSpan.FromMinutes(3));
        _dataFolder = TestPaths.NewTempFolder("s3rver");
        Port = FreeLoopbackPort();
        var psi = new ProcessStartInfo(bin)
        {
            WorkingDirectory = tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // s3rver's continuation tokens use DES, which OpenSSL 3 (node 17+) only has in its legacy
        // provider: without it every listing longer than one page answers 500.
        psi.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        foreach (var a in new[] { "-d", _dataFolder, "-a", "127.0.0.1", "-p", Port.ToString(), "--silent", "--no-vhost-buckets", "--configure-bucket", "qy-test" })
            psi.ArgumentList.Add(a);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("s3rver did not start");
        // Drain its output so a full pipe never blocks it.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync(TimeSpan.FromSeconds(20));
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        if (_dataFolder is not null) try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private async Task WaitUntilListeningAsync(TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"s3rver exited at start with code {_process.ExitCode}");
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (sw.Elapsed < limit)
            {
                await Task.Delay(100);
            }
        }
    }

    internal static int FreeLoopbackPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static async Task RunAsync(string file, string args, string dir, TimeSpan limit)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        using var cts = new CancellationTokenSource(limit);
        var err = p.StandardError.ReadToEndAsync(cts.Token);
        await p.StandardOutput.ReadToEndAsync(cts.Token);
        await p.WaitForExitAsync(cts.Token);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args} failed in {dir}: {await err}");
    }
}

/// <summary>All S3 test classes share one s3rver.</summary>
[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
