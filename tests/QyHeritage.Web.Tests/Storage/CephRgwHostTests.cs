using System.Text.Json;
using QyHeritage.Archive.Tests;
using QyHeritage.Archive.Tests.Storage;
using QyHeritage.Web.Tests.Crash;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Storage;

/// <summary>
/// The host and the qy command line against Ceph RGW, a real S3 server that checks signatures
/// (s3rver accepts any secret): a refused key is a clear message and exit code, never a crash.
/// </summary>
[Collection(CephRgwCollection.Name)]
public sealed class CephRgwHostTests(CephRgwFixture rgw)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(180);

    private static string[] StoreArgs(string endpoint, string bucket, string accessKey, string secretKey) =>
    [
        "--Qy:Storage=S3", $"--Qy:S3:Endpoint={endpoint}", $"--Qy:S3:Bucket={bucket}",
        $"--Qy:S3:AccessKey={accessKey}", $"--Qy:S3:SecretKey={secretKey}", "--Qy:S3:UseTls=false", "--Qy:S3:MaxAttempts=2",
    ];

    [SkippableFact]
    public async Task Qy_audit_passes_on_rgw_and_with_a_wrong_secret_names_the_access_key_and_exits_2()
    {
        var options = rgw.NewBucketOptions();
        var data = TestPaths.NewTempFolder("rgw-audit");
        var store = StoreArgs(options.Endpoint, options.Bucket, options.AccessKey, options.SecretKey);
        var (code, stdout, stderr) = await QyProcess.RunAsync(RunLimit,
            ["ingest", TestPaths.SampleSubset("QY-RB-001"), $"--Qy:DataFolder={data}", "--Qy:OcrEnabled=false", .. store]);
        Assert.True(code == 0, stdout + stderr);
        (code, stdout, stderr) = await QyProcess.RunAsync(RunLimit, ["audit", $"--Qy:DataFolder={data}", .. store]);
        Assert.True(code == 0, stdout + stderr);

        const string wrongSecret = "wrong-secret-0f9e8d7c";
        (code, stdout, stderr) = await QyProcess.RunAsync(RunLimit,
            ["audit", $"--Qy:DataFolder={data}", .. StoreArgs(options.Endpoint, options.Bucket, options.AccessKey, wrongSecret)]);
        Assert.True(code == 2, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains($"'{CephRgwFixture.AccessKey}'", stderr);
        Assert.Contains("SignatureDoesNotMatch", stderr);
        Assert.Contains("QY_S3_SECRET_KEY", stderr);
        Assert.DoesNotContain(wrongSecret, stdout + stderr);
        Assert.DoesNotContain("   at ", stdout + stderr); // no stack trace
        Assert.DoesNotContain("Unhandled", stdout + stderr);
    }

    [SkippableFact]
    public async Task Serve_with_a_refused_key_starts_reports_the_store_on_health_and_recovers_once_the_key_works()
    {
        var options = rgw.NewBucketOptions();
        // A key the server does not know yet: refused until an administrator creates it below.
        var accessKey = "QYLATE" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        const string secret = "late-secret-for-the-health-test";
        var data = TestPaths.NewTempFolder("rgw-health");
        await using var host = await RunningHost.StartAsync(data,
            ["--Qy:IngestSampleOnFirstStart=false", .. StoreArgs(options.Endpoint, options.Bucket, accessKey, secret)]);

        var health = await WaitForStorageStatusAsync(host.Client, s => s != "unknown", TimeSpan.FromSeconds(30));
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal("credentials refused", health.GetProperty("storage").GetProperty("status").GetString());
        var detail = health.GetProperty("storage").GetProperty("detail").GetString()!;
        Assert.Contains($"'{accessKey}'", detail);
        Assert.Contains("InvalidAccessKeyId", detail);
        Assert.DoesNotContain(secret, detail);
        // The rest of the site still answers.
        Assert.True((await host.Client.GetAsync("/")).IsSuccessStatusCode);

        await rgw.AdminAsync("user", "create", $"--uid={accessKey.ToLowerInvariant()}", "--display-name=late", $"--access-key={accessKey}", $"--secret-key={secret}");
        health = await WaitForStorageStatusAsync(host.Client, s => s == "ok", TimeSpan.FromSeconds(40));
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    private static async Task<JsonElement> WaitForStorageStatusAsync(HttpClient client, Func<string, bool> wanted, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var response = await client.GetAsync("/health");
            Assert.Equal(200, (int)response.StatusCode);
            var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var status = root.GetProperty("storage").GetProperty("status").GetString()!;
            if (wanted(status)) return root;
            if (DateTime.UtcNow > deadline) Assert.Fail($"/health storage stayed '{status}' for {limit.TotalSeconds} s: {root}");
            await Task.Delay(250);
        }
    }
}
