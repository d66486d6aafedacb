using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using QyHeritage.Archive;
using QyHeritage.Archive.Imaging;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Storage;
using QyHeritage.Archive.Tests;
using QyHeritage.Archive.Tests.Fixity;
using QyHeritage.Archive.Tests.Storage;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Web.Tests.Fixity;

/// <summary>
/// On S3 (s3rver), a pyramid object that rots in the bucket is refused when the IIIF node downloads
/// it (the store's own digest check), with a 503 naming the item and page, then rebuilt from the
/// master and served again.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class S3DamagedPyramidTests(S3rverFixture s3)
{
    private const string Item = "QY-LH-003";

    [Theory]
    [InlineData(2048)] // the S3 store's own cache of derivatives (the default)
    [InlineData(0)] // that cache off: the IIIF server keeps its own copies
    public async Task A_rotted_pyramid_object_is_refused_naming_item_and_page_then_rebuilt_and_served(int derivativeCacheMB)
    {
        var data = TestPaths.NewTempFolder("s3-fixity");
        var (app, bucket) = Host(data, derivativeCacheMB);
        await app.StartAsync();
        try
        {
            var archive = app.Services.GetRequiredService<ArchiveServices>();
            Assert.Empty((await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset(Item))).Problems);
            var key = ArchiveKeys.Pyramid(Item, "p001");
            var recorded = (await StoredPyramids.ReadRecordAsync(archive.Store, Item, "p001"))!.PyramidSha512;
            Assert.NotNull(recorded);
            Bitrot.Flip(s3.ObjectFile(bucket, key));

            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
            var url = $"/iiif/3/{Item}~p001/full/300,/0/default.jpg";
            using (var refused = await client.GetAsync(url))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Contains($"item {Item}, page p001", await refused.Content.ReadAsStringAsync());
                Assert.NotNull(refused.Headers.RetryAfter);
            }

            var fixity = app.Services.GetRequiredService<ImageService>().Fixity;
            if (fixity.RebuildOf(ImageIdentifier.For(Item, "p001")) is { } running) await running.WaitAsync(TimeSpan.FromMinutes(2));

            // The object in the bucket is sound again (the store's own check passes) and is what the record says.
            Assert.Equal(recorded, await StoredPyramids.Sha512HexAsync(new MemoryStream(await archive.Store.ReadBytesAsync(key))));
            using var served = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
            using var info = await client.GetAsync($"/iiif/3/{Item}~p001/info.json");
            Assert.Equal(HttpStatusCode.OK, info.StatusCode);
            // Without the store's cache, the copy libvips read is this server's, and it holds the rebuilt bytes.
            if (derivativeCacheMB == 0)
            {
                var copy = Assert.Single(Directory.GetFiles(Path.Combine(data, "cache", "pyramids")));
                Assert.Equal(recorded, await StoredPyramids.Sha512HexAsync(File.OpenRead(copy)));
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private (WebApplication App, string Bucket) Host(string data, int derivativeCacheMB)
    {
        var bucket = s3.NewBucketOptions();
        return (WebHost.Build([
            "--urls=http://127.0.0.1:0", $"--Qy:DataFolder={data}", "--Qy:IngestSampleOnFirstStart=false",
            "--Qy:Storage=S3", $"--Qy:S3:Endpoint={bucket.Endpoint}", $"--Qy:S3:Bucket={bucket.Bucket}",
            $"--Qy:S3:AccessKey={S3rverFixture.Credential}", $"--Qy:S3:SecretKey={S3rverFixture.Credential}", "--Qy:S3:UseTls=false",
            $"--Qy:S3:DerivativeCacheMB={derivativeCacheMB}", "--Qy:OcrEnabled=false", "--Logging:LogLevel:Default=Warning",
        ]), bucket.Bucket);
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(0)]
    public async Task A_pyramid_replaced_in_the_bucket_is_checked_at_once_not_served_from_an_older_local_copy(int derivativeCacheMB)
    {
        var (app, _) = Host(TestPaths.NewTempFolder("s3-replaced"), derivativeCacheMB);
        await app.StartAsync();
        try
        {
            var archive = app.Services.GetRequiredService<ArchiveServices>();
            Assert.Empty((await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset(Item, "QY-RB-002"))).Problems);
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
            var url = $"/iiif/3/{Item}~p001/full/300,/0/default.jpg";
            using (var first = await client.GetAsync(url)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var width = WidthOf(await client.GetStringAsync($"/iiif/3/{Item}~p001/info.json"));

            // Another page's pyramid written over this one (sound bytes to the store, not the pyramid its record names):
            // the next request reads the bucket's bytes, finds them wrong and refuses them, though a good copy was local.
            var other = await archive.Store.ReadBytesAsync(ArchiveKeys.Pyramid("QY-RB-002", "p001"));
            await archive.Store.WriteAsync(ArchiveKeys.Pyramid(Item, "p001"), new MemoryStream(other));
            using (var refused = await client.GetAsync(url)) Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);

            var fixity = app.Services.GetRequiredService<ImageService>().Fixity;
            if (fixity.RebuildOf(ImageIdentifier.For(Item, "p001")) is { } running) await running.WaitAsync(TimeSpan.FromMinutes(2));
            using (var served = await client.GetAsync(url)) Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(width, WidthOf(await client.GetStringAsync($"/iiif/3/{Item}~p001/info.json")));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static int WidthOf(string infoJson) => System.Text.Json.JsonDocument.Parse(infoJson).RootElement.GetProperty("width").GetInt32();
}
