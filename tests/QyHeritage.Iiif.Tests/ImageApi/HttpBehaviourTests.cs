using System.Net;
using System.Text.Json;
using NetVips;
using QyHeritage.Iiif.ImageApi;

namespace QyHeritage.Iiif.Tests.ImageApi;

/// <summary>info.json and the HTTP features of https://iiif.io/api/image/3.0/#6-http-features and #7-server-responses.</summary>
[Collection(IiifCollection.Name)]
public class HttpBehaviourTests(IiifHostFixture host)
{
    private const string Page = "QY-RB-001~p001";

    [Fact]
    public async Task Info_json_describes_the_stored_pyramid()
    {
        using var response = await host.Client.GetAsync($"/iiif/3/{Page}/info.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var info = doc.RootElement;
        Assert.Equal("http://iiif.io/api/image/3/context.json", info.GetProperty("@context").GetString());
        Assert.Equal($"{host.BaseUrl}/iiif/3/{Page}", info.GetProperty("id").GetString());
        Assert.Equal("ImageService3", info.GetProperty("type").GetString());
        Assert.Equal("http://iiif.io/api/image", info.GetProperty("protocol").GetString());
        Assert.Equal("level2", info.GetProperty("profile").GetString());

        // What libvips reads from the stored file, independently of our TIFF reader.
        var path = host.PyramidPath("QY-RB-001", "p001");
        using var full = Image.Tiffload(path);
        var pages = (int)full.Get("n-pages");
        Assert.Equal(full.Width, info.GetProperty("width").GetInt32());
        Assert.Equal(full.Height, info.GetProperty("height").GetInt32());
        Assert.Equal((2400, 3400), (full.Width, full.Height));

        var tiles = info.GetProperty("tiles").EnumerateArray().Single();
        Assert.Equal(256, tiles.GetProperty("width").GetInt32());
        var factors = tiles.GetProperty("scaleFactors").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(0, pages).Select(n => 1 << n), factors);

        var sizes = info.GetProperty("sizes").EnumerateArray().Select(e => (e.GetProperty("width").GetInt32(), e.GetProperty("height").GetInt32())).ToList();
        var levels = Enumerable.Range(0, pages).Select(p =>
        {
            using var level = Image.Tiffload(path, page: p);
            return (level.Width, level.Height);
        }).Where(l => (long)l.Width * l.Height <= IiifHostFixture.MaxArea).OrderBy(l => l.Width).ToList();
        Assert.Equal(levels, sizes);

        Assert.Equal(IiifHostFixture.MaxWidth, info.GetProperty("maxWidth").GetInt32());
        Assert.Equal(IiifHostFixture.MaxHeight, info.GetProperty("maxHeight").GetInt32());
        Assert.Equal(IiifHostFixture.MaxArea, info.GetProperty("maxArea").GetInt64());
        Assert.Contains("webp", info.GetProperty("extraFormats").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["color", "gray", "bitonal"], info.GetProperty("extraQualities").EnumerateArray().Select(e => e.GetString()!));
        var features = info.GetProperty("extraFeatures").EnumerateArray().Select(e => e.GetString()).ToList();
        foreach (var f in new[] { "mirroring", "rotationArbitrary", "sizeUpscaling", "regionSquare", "canonicalLinkHeader", "profileLinkHeader" })
            Assert.Contains(f, features);
        Assert.Equal("jpg", info.GetProperty("preferredFormats")[0].GetString());
        // The rare book's rights text names CC BY-SA 4.0 only.
        Assert.Equal("http://creativecommons.org/licenses/by-sa/4.0/", info.GetProperty("rights").GetString());
    }

    [Fact]
    public async Task Info_json_is_json_ld_with_the_profile_when_asked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/iiif/3/{Page}/info.json");
        request.Headers.TryAddWithoutValidation("Accept", "application/ld+json");
        using var response = await host.Client.SendAsync(request);
        var type = response.Content.Headers.ContentType!;
        Assert.Equal("application/ld+json", type.MediaType);
        Assert.Contains(type.Parameters, p => p.Name == "profile" && p.Value == "\"http://iiif.io/api/image/3/context.json\"");
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task The_base_uri_redirects_to_info_json_with_303()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = host.Client.BaseAddress };
        using var response = await client.GetAsync($"/iiif/3/{Page}");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"{host.BaseUrl}/iiif/3/{Page}/info.json", response.Headers.Location!.ToString());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("/info.json")]
    [InlineData("/full/!200,200/0/default.jpg")]
    [InlineData("/0,0,256,256/256,/0/default.jpg")]
    [InlineData("/full/full/0/default.jpg")]
    [InlineData("")]
    public async Task Every_response_allows_any_origin_and_preflights_are_answered(string suffix)
    {
        using var response = await host.Client.GetAsync($"/iiif/3/{Page}{suffix}");
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/iiif/3/{Page}{suffix}");
        preflight.Headers.Add("Origin", "https://viewer.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var answer = await host.Client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Images_carry_canonical_and_profile_links_and_long_lived_validated_caching()
    {
        using var response = await host.Client.GetAsync($"/iiif/3/{Page}/pct:0,0,50,50/!300,300/0/default.jpg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = string.Join(", ", response.Headers.GetValues("Link"));
        Assert.Contains($"<{host.BaseUrl}/iiif/3/{Page}/0,0,1200,1700/212,300/0/default.jpg>;rel=\"canonical\"", link);
        Assert.Contains("<http://iiif.io/api/image/3/level2.json>;rel=\"profile\"", link);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.True(response.Headers.CacheControl.MaxAge >= TimeSpan.FromDays(7));
        var etag = response.Headers.ETag!;
        Assert.False(etag.IsWeak);
        var lastModified = response.Content.Headers.LastModified!.Value;

        // The canonical URL names the same bytes: same ETag.
        using var canonical = await host.Client.GetAsync($"/iiif/3/{Page}/0,0,1200,1700/212,300/0/default.jpg");
        Assert.Equal(etag, canonical.Headers.ETag);

        using var byTag = new HttpRequestMessage(HttpMethod.Get, $"/iiif/3/{Page}/pct:0,0,50,50/!300,300/0/default.jpg");
        byTag.Headers.IfNoneMatch.Add(etag);
        using var notModified = await host.Client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);

        using var byDate = new HttpRequestMessage(HttpMethod.Get, $"/iiif/3/{Page}/pct:0,0,50,50/!300,300/0/default.jpg");
        byDate.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await host.Client.SendAsync(byDate)).StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/iiif/3/{Page}/pct:0,0,50,50/!300,300/0/default.jpg");
        stale.Headers.TryAddWithoutValidation("If-None-Match", "\"something-else\"");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task Info_json_revalidates_too()
    {
        using var first = await host.Client.GetAsync($"/iiif/3/{Page}/info.json");
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/iiif/3/{Page}/info.json");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await host.Client.SendAsync(again)).StatusCode);
    }

    [Theory]
    [InlineData("/info.json")]
    [InlineData("/full/120,/0/default.png")]
    public async Task Head_gives_the_headers_of_get_without_a_body(string suffix)
    {
        using var get = await host.Client.GetAsync($"/iiif/3/{Page}{suffix}");
        var length = (await get.Content.ReadAsByteArrayAsync()).Length;
        using var head = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/iiif/3/{Page}{suffix}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(length, head.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Full_max_of_a_page_over_the_area_limit_shrinks_to_it()
    {
        // Limits in the tests: 9,000,000 pixels; the rare-book page is 2400×3400 = 8,160,000 and fits.
        using var image = Image.NewFromBuffer(await host.Client.GetByteArrayAsync($"/iiif/3/{Page}/full/max/0/default.jpg"));
        Assert.Equal((2400, 3400), (image.Width, image.Height));
        using var over = await host.Client.GetAsync($"/iiif/3/{Page}/full/^max/0/default.jpg");
        using var big = Image.NewFromBuffer(await over.Content.ReadAsByteArrayAsync());
        Assert.True(new ImageLimits(IiifHostFixture.MaxWidth, IiifHostFixture.MaxHeight, IiifHostFixture.MaxArea).Allows(big.Width, big.Height));
        Assert.InRange(big.Width, 2500, 2525); // √(9e6 · 2400/3400) ≈ 2520
    }
}
