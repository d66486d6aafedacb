using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using QyHeritage.Archive.Tests;
using QyHeritage.Archive.Tests.Storage;
using QyHeritage.Web.Tests.Crash;

namespace QyHeritage.Web.Tests.ScaleOut;

/// <summary>
/// Issue 5: two host processes on one S3 bucket (s3rver) with separate data folders, behind Debian's
/// nginx as a load balancer, all on 127.0.0.1. An item ingested through one data folder is served by
/// both; when one host is killed, nginx's requests go on being answered by the other.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class TwoNodeTests(S3rverFixture s3) : IAsyncLifetime
{
    private const string Nginx = "/usr/sbin/nginx";
    private const string Item = "QY-RB-002";
    private readonly List<Process> _started = [];

    [Fact]
    public async Task An_item_ingested_through_one_node_is_served_by_both_and_by_the_survivor_when_one_dies()
    {
        Assert.True(File.Exists(Nginx), "nginx is missing: apt-get install nginx-light (./qy installs it)");
        var bucket = s3.NewBucketOptions();
        string[] storeArgs =
        [
            "--Qy:Storage=S3", $"--Qy:S3:Endpoint={bucket.Endpoint}", $"--Qy:S3:Bucket={bucket.Bucket}",
            $"--Qy:S3:AccessKey={S3rverFixture.Credential}", $"--Qy:S3:SecretKey={S3rverFixture.Credential}", "--Qy:S3:UseTls=false",
        ];
        var dataA = TestPaths.NewTempFolder("node-a");
        var dataB = TestPaths.NewTempFolder("node-b");
        var (code, output, err) = await QyProcess.RunAsync(TimeSpan.FromSeconds(120),
            ["ingest", TestPaths.SampleSubset(Item), $"--Qy:DataFolder={dataA}", "--Qy:OcrEnabled=false", .. storeArgs]);
        Assert.True(code == 0, output + err);

        int portA = S3rverFixture.FreeLoopbackPort(), portB = S3rverFixture.FreeLoopbackPort(), portLb = S3rverFixture.FreeLoopbackPort();
        var nodeA = StartHost(portA, dataA, storeArgs);
        var nodeB = StartHost(portB, dataB, storeArgs);
        await WaitForHttpAsync(portA, nodeA, "node A");
        await WaitForHttpAsync(portB, nodeB, "node B");
        var nginx = StartNginx(portA, portB, portLb);
        await WaitForHttpAsync(portLb, nginx, "nginx");

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{portLb}"), Timeout = TimeSpan.FromSeconds(30) };
        string[] urls = [$"/iiif/presentation/{Item}/manifest", $"/iiif/3/{Item}~p001/info.json", $"/iiif/3/{Item}~p001/0,0,512,512/256,/0/default.jpg"];
        var answeredBy = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 6; i++)
            foreach (var url in urls)
            {
                using var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} through nginx: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                answeredBy.Add(response.Headers.GetValues("X-Upstream").Last());
            }
        Assert.Equal(new[] { $"127.0.0.1:{portA}", $"127.0.0.1:{portB}" }.Order(), answeredBy.Order());

        // Node A dies (SIGKILL); nginx passes its requests on to node B.
        nodeA.Kill(entireProcessTree: true);
        await nodeA.WaitForExitAsync();
        for (var i = 0; i < 6; i++)
            foreach (var url in urls)
            {
                using var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} through nginx with node A dead: {(int)response.StatusCode}");
                Assert.Equal($"127.0.0.1:{portB}", response.Headers.GetValues("X-Upstream").Last().Split(", ").Last());
            }
    }

    private Process StartHost(int port, string data, string[] storeArgs)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.RepoRoot };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "QyHeritage.Web.dll"), "serve", $"--urls=http://127.0.0.1:{port}",
                     $"--Qy:DataFolder={data}", "--Qy:IngestSampleOnFirstStart=false", .. storeArgs])
            psi.ArgumentList.Add(a);
        return Track(psi);
    }

    private Process StartNginx(int portA, int portB, int port)
    {
        var prefix = TestPaths.NewTempFolder("nginx");
        var conf = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(conf, $$"""
            daemon off;
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/client_body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                upstream qy {
                    server 127.0.0.1:{{portA}} max_fails=1 fail_timeout=30s;
                    server 127.0.0.1:{{portB}} max_fails=1 fail_timeout=30s;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://qy;
                        proxy_set_header Host $http_host;
                        proxy_connect_timeout 2s;
                        proxy_next_upstream error timeout http_502 http_503;
                        add_header X-Upstream $upstream_addr always;
                    }
                }
            }
            """);
        var psi = new ProcessStartInfo(Nginx) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", conf, "-p", prefix, "-e", Path.Combine(prefix, "error.log") }) psi.ArgumentList.Add(a);
        return Track(psi);
    }

    private Process Track(ProcessStartInfo psi)
    {
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"{psi.FileName} did not start");
        _started.Add(p);
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task WaitForHttpAsync(int port, Process process, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{what} exited at start with code {process.ExitCode}");
            try
            {
                using var r = await client.GetAsync($"http://127.0.0.1:{port}/health");
                if (r.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} did not answer /health on 127.0.0.1:{port} within 30 s");
            await Task.Delay(200);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Stops every process this test started, by its id (nginx's workers with their master).</summary>
    public async Task DisposeAsync()
    {
        foreach (var p in _started)
        {
            try
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (InvalidOperationException) { }
            p.Dispose();
        }
    }
}
