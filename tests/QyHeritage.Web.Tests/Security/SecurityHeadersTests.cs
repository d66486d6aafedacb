using System.Net;
using System.Text.RegularExpressions;
using QyHeritage.Web.Tests.Admin;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Security;

/// <summary>Security headers on pages, APIs and IIIF; HEAD on every GET route.</summary>
public partial class SecurityHeadersTests(AuditedSample sample) : IClassFixture<AuditedSample>
{
    private static readonly string[] Quiet = ["--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00"];

    private static string Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) ? string.Join(", ", v) : r.Content.Headers.TryGetValues(name, out var c) ? string.Join(", ", c) : "";

    [Fact]
    public async Task Every_page_has_a_csp_without_inline_scripts_no_framing_nosniff_and_a_referrer_policy()
    {
        await using var host = await RunningHost.StartAsync(sample.NewDataFolder(), Quiet);
        foreach (var url in new[] { "/", "/search?q=%E8%8B%B1%E5%BE%B7", "/account/signin", "/admin/audit", "/no-such-page" })
            await AssertPageHeadersAsync(host.Client, url);
    }

    private static async Task AssertPageHeadersAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        if (response.StatusCode == HttpStatusCode.NotFound) return; // no body, no page: the two above still hold
        var csp = Header(response, "Content-Security-Policy");
        var scripts = ScriptSrc().Match(csp);
        Assert.True(scripts.Success, csp);
        Assert.DoesNotContain("unsafe-inline", scripts.Value);
        Assert.DoesNotContain("unsafe-eval", scripts.Value);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));

        // An inline script on the page runs only because it carries this response's nonce.
        var html = await response.Content.ReadAsStringAsync();
        foreach (Match tag in ScriptTag().Matches(html))
        {
            var nonce = Nonce().Match(tag.Value);
            Assert.True(nonce.Success, "an inline script without a nonce: " + tag.Value);
            Assert.Contains($"'nonce-{nonce.Groups[1].Value}'", scripts.Value);
        }
    }

    [Fact]
    public async Task Pages_run_only_this_sites_script_files_never_inline_script()
    {
        await using var host = await RunningHost.StartAsync(sample.NewDataFolder(), Quiet);
        foreach (var url in new[] { "/", "/search?q=" + Uri.EscapeDataString("清远") })
        {
            var html = await host.Client.GetStringAsync(url);
            // The page's behaviour comes from the built module (allowed by script-src 'self'), none from inline code.
            Assert.Contains("<script type=\"module\" src=\"/dist/", html);
            Assert.Empty(ScriptTag().Matches(html));
        }
    }

    [Fact]
    public async Task Iiif_responses_stay_open_to_other_sites_viewers_and_json_apis_get_nosniff()
    {
        await using var host = await RunningHost.StartAsync(sample.NewDataFolder(), Quiet);
        foreach (var url in new[] { "/iiif/3/QY-RB-002~p001/info.json", "/iiif/3/QY-RB-002~p001/full/64,/0/default.jpg", "/iiif/presentation/QY-RB-002/manifest" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Origin", "https://viewer.example.org");
            using var response = await host.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            // Embeddable: no frame rule on images and IIIF JSON.
            Assert.Equal("", Header(response, "Content-Security-Policy"));
            Assert.Equal("", Header(response, "X-Frame-Options"));
        }
        using var api = await host.Client.GetAsync("/api/items");
        Assert.Equal("nosniff", Header(api, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Head_answers_like_get_without_a_body()
    {
        await using var host = await RunningHost.StartAsync(sample.NewDataFolder(), Quiet);
        foreach (var (url, type) in new[] { ("/", "text/html"), ("/health", "application/json"), ("/api/items", "application/json"), ("/account/signin", "text/html"), ("/iiif/3/QY-RB-002~p001/info.json", "application/") })
        {
            using var head = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {url}: {(int)head.StatusCode}");
            Assert.StartsWith(type, head.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
        using var post = await host.Client.PostAsync("/health", null); // not a HEAD: routed as it was
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
    }

    [GeneratedRegex("script-src[^;]*")]
    private static partial Regex ScriptSrc();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex Nonce();
}
