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

    [Fact]
    public async Task A_rotted_pyramid_object_is_refused_naming_item_and_page_then_rebuilt_and_served()
    {
        var bucket = s3.NewBucketOptions();
        var app = WebHost.Build([
            "--urls=http://127.0.0.1:0", $"--Qy:DataFolder={TestPaths.NewTempFolder("s3-fixity")}", "--Qy:IngestSampleOnFirstStart=false",
            "--Qy:Storage=S3", $"--Qy:S3:Endpoint={bucket.Endpoint}", $"--Qy:S3:Bucket={bucket.Bucket}",
            $"--Qy:S3:AccessKey={S3rverFixture.Credential}", $"--Qy:S3:SecretKey={S3rverFixture.Credential}", "--Qy:S3:UseTls=false",
            "--Qy:OcrEnabled=false", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        try
        {
            var archive = app.Services.GetRequiredService<ArchiveServices>();
            Assert.Empty((await new IngestRunner(archive).RunAsync(TestPaths.SampleSubset(Item))).Problems);
            var key = ArchiveKeys.Pyramid(Item, "p001");
            var recorded = (await StoredPyramids.ReadRecordAsync(archive.Store, Item, "p001"))!.PyramidSha512;
            Assert.NotNull(recorded);
            Bitrot.Flip(s3.ObjectFile(bucket.Bucket, key));

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
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
