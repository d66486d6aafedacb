using System.IO.Compression;
using System.Net;
using System.Text.Json;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Assets;

/// <summary>
/// The front-end build's scripts and styles go out brotli- or gzip-compressed to browsers that accept it (copies made at
/// build time), identical once decompressed: the item page's script and CSS stay under the 300 kB on the wire.
/// </summary>
public class PrecompressedAssetsTests
{
    [Fact]
    public async Task Scripts_and_styles_are_sent_compressed_to_browsers_that_accept_it_and_the_item_pages_stay_under_300_kB()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.NewTempFolder("assets"), "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00");
        using var manifest = JsonDocument.Parse(await host.Client.GetStringAsync("/dist/manifest.json"));
        var onTheWire = 0L;
        foreach (var logical in new[] { "reader.js", "app.js", "site.css" })
        {
            var url = "/dist/" + manifest.RootElement.GetProperty(logical).GetString();
            var plain = await GetAsync(host, url, null);
            Assert.Null(plain.Encoding);
            Assert.True(plain.Vary, $"{url} does not say Vary: Accept-Encoding");
            foreach (var (coding, decode) in new (string, Func<Stream, Stream>)[] { ("br", s => new BrotliStream(s, CompressionMode.Decompress)), ("gzip", s => new GZipStream(s, CompressionMode.Decompress)) })
            {
                var packed = await GetAsync(host, url, coding);
                Assert.Equal(coding, packed.Encoding);
                Assert.Equal(plain.ContentType, packed.ContentType);
                Assert.Equal("public, max-age=31536000, immutable", packed.CacheControl);
                Assert.True(packed.Body.Length < plain.Body.Length, $"{url} as {coding} is not smaller");
                using var unpacked = new MemoryStream();
                await using (var d = decode(new MemoryStream(packed.Body))) await d.CopyToAsync(unpacked);
                Assert.Equal(plain.Body, unpacked.ToArray());
                if (coding == "br" && logical != "app.js") onTheWire += packed.Body.Length;
            }
        }
        // The item page loads the reader's script and the site's styles before its first tile.
        Assert.True(onTheWire < 300_000, $"the item page's script and CSS are {onTheWire} bytes as brotli");
        // The copies are not addresses of their own.
        using var direct = await host.Client.GetAsync("/dist/" + manifest.RootElement.GetProperty("reader.js").GetString() + ".br");
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
    }

    private sealed record Answer(byte[] Body, string? Encoding, string? ContentType, string? CacheControl, bool Vary);

    private static async Task<Answer> GetAsync(RunningHost host, string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Answer(await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentEncoding.SingleOrDefault(),
            response.Content.Headers.ContentType?.MediaType, response.Headers.CacheControl?.ToString(), response.Headers.Vary.Contains("Accept-Encoding"));
    }
}
