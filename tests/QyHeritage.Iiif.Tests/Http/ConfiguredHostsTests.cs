using System.Net;
using Microsoft.AspNetCore.Builder;
using QyHeritage.Archive;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Iiif.Tests.Http;

/// <summary>
/// Three real hosts on loopback, each with one setting of the public URL (issue 11): a configured
/// proxy (this test client, 127.0.0.1) whose X-Forwarded-Host and -Proto make the ids; a configured
/// proxy elsewhere, so this client's forwarded headers are ignored; and a configured public base,
/// which every id takes whatever Host is sent.
/// </summary>
public sealed class ConfiguredHostsFixture : IAsyncLifetime
{
    public const string PublicBase = "https://heritage.qylib.cn";
    public const string ProxiedName = "heritage.example";

    private readonly List<WebApplication> _apps = [];

    public HttpClient BehindProxy { get; private set; } = null!;

    public HttpClient OtherProxy { get; private set; } = null!;

    public HttpClient WithPublicBase { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var data = TestPaths.NewTempFolder("iiif-hosts");
        await IiifHostFixture.StoreSyntheticPyramidAsync(new ArchiveServices(new ArchiveOptions { DataFolder = data, OcrEnabled = false }));
        BehindProxy = await StartAsync(data, "--Qy:ForwardedProxies=127.0.0.1", $"--Qy:AllowedHosts={ProxiedName}");
        OtherProxy = await StartAsync(data, "--Qy:ForwardedProxies=10.20.30.0/24", $"--Qy:AllowedHosts={ProxiedName}");
        WithPublicBase = await StartAsync(data, $"--Qy:PublicBaseUrl={PublicBase}/");
    }

    // Each host has its own data folder: the search index of a folder is one process's to write.
    private async Task<HttpClient> StartAsync(string synthetic, params string[] settings)
    {
        var data = TestPaths.NewTempFolder("iiif-host");
        CopyFolder(synthetic, data);
        var app = WebHost.Build([
            "--urls=http://127.0.0.1:0", $"--Qy:DataFolder={data}", "--Qy:IngestSampleOnFirstStart=false",
            "--Logging:LogLevel:Default=Warning", .. settings,
        ]);
        await app.StartAsync();
        _apps.Add(app);
        return new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { BehindProxy, OtherProxy, WithPublicBase }) client?.Dispose();
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

public class ConfiguredHostsTests(ConfiguredHostsFixture hosts) : IClassFixture<ConfiguredHostsFixture>
{
    private const string Info = "/iiif/3/" + IiifHostFixture.Synthetic + "/info.json";
    private const string Forged = "evil.example";

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(HttpClient client, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Info);
        foreach (var (name, value) in headers)
        {
            if (name == "Host") request.Headers.Host = value;
            else request.Headers.Add(name, value);
        }
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task A_configured_proxy_names_the_public_host_and_scheme()
    {
        var (status, body, response) = await GetAsync(hosts.BehindProxy, ("X-Forwarded-Host", ConfiguredHostsFixture.ProxiedName), ("X-Forwarded-Proto", "https"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"\"https://{ConfiguredHostsFixture.ProxiedName}/iiif/3/{IiifHostFixture.Synthetic}\"", body);
        Assert.Contains("X-Forwarded-Host", response.Headers.Vary);
    }

    [Fact]
    public async Task A_configured_proxy_cannot_forward_a_host_that_is_not_allowed()
    {
        var (status, body, _) = await GetAsync(hosts.BehindProxy, ("X-Forwarded-Host", Forged));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("host:", body);
    }

    [Fact]
    public async Task Forwarded_headers_from_a_client_that_is_not_a_configured_proxy_are_ignored()
    {
        var (status, body, _) = await GetAsync(hosts.OtherProxy, ("X-Forwarded-Host", ConfiguredHostsFixture.ProxiedName), ("X-Forwarded-Proto", "https"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain(ConfiguredHostsFixture.ProxiedName, body);
        Assert.Contains($"\"{hosts.OtherProxy.BaseAddress!.ToString().TrimEnd('/')}/iiif/3/", body);
    }

    [Fact]
    public async Task With_a_public_base_every_id_takes_it_whatever_host_is_sent()
    {
        foreach (var headers in new[] { new[] { ("Host", Forged) }, [], [("X-Forwarded-Host", Forged)] })
        {
            var (status, body, _) = await GetAsync(hosts.WithPublicBase, headers);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain(Forged, body);
            Assert.Contains($"\"{ConfiguredHostsFixture.PublicBase}/iiif/3/{IiifHostFixture.Synthetic}\"", body);
        }
    }
}
