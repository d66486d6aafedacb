using System.Net;
using System.Net.Http.Headers;

namespace QyHeritage.Iiif.Tests.Http;

/// <summary>
/// A forged Host header never reaches a served or cached manifest or info.json (issue 11): without
/// Qy:PublicBaseUrl only the allowed hosts (loopback by default) make ids, others get a bilingual 400,
/// and every IIIF answer varies by Host so that an HTTP cache keeps one copy per host.
/// </summary>
[Collection(IiifCollection.Name)]
public class PublicHostTests(IiifHostFixture host)
{
    private const string Forged = "evil.example";

    public static TheoryData<string> Documents => new()
    {
        "/iiif/presentation/QY-RB-001/manifest",
        "/iiif/3/QY-RB-001~p001/info.json",
        "/iiif/presentation/collection/top",
    };

    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(string url, string? hostHeader = null, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (hostHeader is not null) request.Headers.Host = hostHeader;
        if (etag is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
        var response = await host.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task A_forged_host_first_is_refused_and_the_legitimate_request_after_it_has_no_trace_of_it(string url)
    {
        var (forged, forgedBody) = await GetAsync(url, Forged);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.StartsWith("host:", forgedBody);
        Assert.True(forgedBody.IndexOf("不在允许之列", StringComparison.Ordinal) < forgedBody.IndexOf("not allowed", StringComparison.Ordinal), "Chinese first, then English");
        Assert.Equal("no-store", forged.Headers.CacheControl?.ToString());

        var (legit, body) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, legit.StatusCode);
        Assert.DoesNotContain(Forged, body);
        Assert.Contains(host.BaseUrl + "/iiif/", body);
        Assert.Contains("Host", legit.Headers.Vary);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task A_forged_host_after_a_legitimate_request_is_refused_even_revalidating_its_copy(string url)
    {
        var (legit, body) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, legit.StatusCode);
        var etag = legit.Headers.ETag!.ToString();

        // Not a 304 that would let a cache keep serving the loopback copy under the forged name, nor a copy with it.
        var (forged, forgedBody) = await GetAsync(url, Forged, etag);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var (forgedAgain, _) = await GetAsync(url, Forged);
        Assert.Equal(HttpStatusCode.BadRequest, forgedAgain.StatusCode);

        var (after, afterBody) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.DoesNotContain(Forged, afterBody);
        Assert.Equal(body, afterBody);
    }

    [Fact]
    public async Task Image_answers_name_only_the_allowed_host_in_their_links_whether_cached_or_not()
    {
        const string url = "/iiif/3/QY-RB-001~p001/full/!123,123/0/default.jpg";
        var (forged, _) = await GetAsync(url, Forged);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        for (var i = 0; i < 2; i++) // rendered, then from the response cache
        {
            var (image, _) = await GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            var link = string.Join(",", image.Headers.GetValues("Link"));
            Assert.Contains(host.BaseUrl + "/iiif/3/QY-RB-001~p001/", link);
            Assert.DoesNotContain(Forged, link);
        }
    }

    [Fact]
    public async Task Other_loopback_names_are_allowed_and_make_their_own_ids()
    {
        var port = host.Client.BaseAddress!.Port;
        var (response, body) = await GetAsync("/iiif/3/QY-RB-001~p001/info.json", $"localhost:{port}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"\"http://localhost:{port}/iiif/3/QY-RB-001~p001\"", body);
    }

    [Fact]
    public async Task Forwarded_headers_are_ignored_when_no_proxy_is_configured_even_from_loopback()
    {
        // ASP.NET's ForwardedHeadersOptions trusts loopback by default; this host configures no proxy, so nothing is trusted.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/iiif/3/QY-RB-001~p001/info.json");
        request.Headers.Add("X-Forwarded-Host", Forged);
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Forged, body);
        Assert.Contains($"\"{host.BaseUrl}/iiif/3/QY-RB-001~p001\"", body);
    }
}
