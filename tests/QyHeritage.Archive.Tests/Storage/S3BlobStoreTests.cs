using System.Net;
using System.Security.Cryptography;
using System.Text;
using Minio;
using Minio.DataModel.Args;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Tests.Storage;

/// <summary>What the S3 store does beyond the shared contract: verification, retries, ranges, listing pages, signing.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3BlobStoreTests(S3rverFixture s3) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
    }

    private S3BlobStore Store(HttpMessageHandler? handler = null, S3Options? options = null)
    {
        var store = s3.NewStore(handler, options);
        _owned.Add(store);
        return store;
    }

    [Fact]
    public async Task A_ranged_read_returns_just_those_bytes()
    {
        var store = Store();
        var key = BlobKey.Parse("derivatives/QY-RB-001/p001.tif");
        var bytes = Enumerable.Range(0, 100_000).Select(i => (byte)(i % 251)).ToArray();
        await store.WriteBytesAsync(key, bytes);
        await using (var s = await store.OpenRangeAsync(key, 1000, 500))
        {
            using var ms = new MemoryStream();
            await s.CopyToAsync(ms);
            Assert.Equal(bytes[1000..1500], ms.ToArray());
        }
        await using (var tail = await store.OpenRangeAsync(key, 99_990, 100))
        {
            using var ms = new MemoryStream();
            await tail.CopyToAsync(ms);
            Assert.Equal(bytes[99_990..], ms.ToArray());
        }
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.OpenRangeAsync(BlobKey.Parse("derivatives/none.tif"), 0, 10));
    }

    [Fact]
    public async Task Every_write_records_our_sha512_with_the_object()
    {
        var store = Store();
        var key = BlobKey.Parse("ocfl/QY-RB-001/v1/content/master/p001.tif");
        await store.WriteTextAsync(key, "清远");
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes("清远"))), await store.GetRecordedSha512Async(key));
        Assert.Null(await store.GetRecordedSha512Async(BlobKey.Parse("ocfl/none")));
    }

    [Fact]
    public async Task Transient_failures_are_retried_and_the_write_lands()
    {
        var faults = new FaultInjector { FailNext = 2 };
        var store = Store(faults);
        var key = BlobKey.Parse("ocfl/QY-RB-001/inventory.json");
        await store.WriteTextAsync(key, "{}");
        Assert.Equal(0, faults.FailNext);
        faults.FailNext = 1;
        Assert.Equal("{}", await store.ReadTextAsync(key));
        faults.FailNext = 1;
        Assert.Single(await ListAsync(store, "ocfl/"));
    }

    [Fact]
    public async Task A_busy_server_answering_without_a_body_is_retried_not_a_crash()
    {
        // A server shedding load answers 503 with an empty body (s3rver under CI's load did, during an ingest). The SDK
        // fails to parse such an answer to a HEAD with a NullReferenceException of its own (minio-dotnet#1333): the store
        // must take it for what it is, a busy server, and ask again.
        var faults = new FaultInjector();
        var store = Store(faults);
        var key = BlobKey.Parse("ocfl/QY-LH-003/inventory.json");
        await store.WriteTextAsync(key, "{}");
        faults.UnavailableNext = 2;
        Assert.Equal(2, (await store.StatAsync(key))!.Length);
        Assert.Equal(0, faults.UnavailableNext);
        faults.UnavailableNext = 2;
        Assert.Null(await store.StatAsync(BlobKey.Parse("ocfl/QY-LH-003/none.json")));
    }

    [Fact]
    public async Task A_multipart_upload_broken_between_parts_is_retried_whole()
    {
        var faults = new FaultInjector();
        var store = Store(faults);
        await store.WriteTextAsync(BlobKey.Parse("warm-up"), "bucket exists now");
        var bytes = new byte[17 * 1024 * 1024];
        new Random(3).NextBytes(bytes);
        faults.FailRequestNumber = 3; // initiate, first part, then the second part fails
        var key = BlobKey.Parse("ocfl/QY-RB-001/v1/content/master/p001.tif");
        await store.WriteBytesAsync(key, bytes);
        Assert.Equal(SHA512.HashData(bytes), SHA512.HashData(await store.ReadBytesAsync(key)));
    }

    [Fact]
    public async Task A_read_whose_connection_drops_part_way_resumes_where_it_stopped()
    {
        var faults = new FaultInjector();
        var store = Store(faults);
        var key = BlobKey.Parse("ocfl/QY-RB-001/v1/content/master/p001.tif");
        var bytes = new byte[3 * 1024 * 1024];
        new Random(11).NextBytes(bytes);
        await store.WriteBytesAsync(key, bytes);

        faults.BreakBodiesAfter = 700_000;
        faults.BodiesToBreak = 2; // two drops: within the three attempts
        Assert.Equal(SHA512.HashData(bytes), SHA512.HashData(await store.ReadBytesAsync(key)));
        Assert.Equal(0, faults.BodiesToBreak);

        faults.BodiesToBreak = 10; // more drops than attempts: a clear error, not short data
        var e = await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => store.ReadBytesAsync(key));
        Assert.Contains("read of 'ocfl/QY-RB-001/v1/content/master/p001.tif' failed after 3 attempts", e.Message);
    }

    [Fact]
    public async Task A_failure_that_outlasts_the_retries_is_a_clear_error_and_stores_nothing()
    {
        var faults = new FaultInjector();
        var store = Store(faults);
        await store.WriteTextAsync(BlobKey.Parse("warm-up"), "bucket exists now");
        faults.FailNext = int.MaxValue;
        var key = BlobKey.Parse("ocfl/QY-RB-001/v1/content/master/p001.tif");
        var e = await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => store.WriteTextAsync(key, "page"));
        Assert.Equal(3, e.Attempts);
        Assert.Contains("ocfl/QY-RB-001/v1/content/master/p001.tif", e.Message);
        Assert.Contains("after 3 attempts", e.Message);
        faults.FailNext = 0;
        Assert.False(await store.ExistsAsync(key));
    }

    [Fact]
    public async Task An_unreachable_server_is_a_clear_error_after_the_bounded_retries()
    {
        var options = s3.NewBucketOptions();
        options.Endpoint = $"127.0.0.1:{S3rverFixture.FreeLoopbackPort()}";
        var store = Store(options: options);
        var e = await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => store.StatAsync(BlobKey.Parse("x")));
        Assert.Equal(3, e.Attempts);
        Assert.Contains(options.Bucket, e.Message);
    }

    [Fact]
    public async Task Bytes_changed_on_the_way_are_caught_and_no_wrong_object_is_left()
    {
        var faults = new FaultInjector();
        var store = Store(faults);
        var key = BlobKey.Parse("ocfl/QY-RB-001/v1/content/master/p001.tif");
        await store.WriteTextAsync(key, "the good old bytes");
        faults.CorruptUploads = true;
        var e = await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => store.WriteTextAsync(key, "new bytes of the page"));
        Assert.IsType<S3WriteVerificationException>(e.InnerException);
        faults.CorruptUploads = false;
        // The old bytes were overwritten by the corrupt upload, so the object is removed rather than left wrong.
        Assert.False(await store.ExistsAsync(key));
    }

    [Fact]
    public async Task A_large_blob_goes_up_in_parts_and_ocfl_content_is_also_read_back()
    {
        var log = new ListLogger();
        var requests = new RequestRecorder();
        using var store = new S3BlobStore(s3.NewBucketOptions(), TestPaths.NewTempFolder("s3-spool"), log, requests);
        var bytes = new byte[33 * 1024 * 1024];
        new Random(7).NextBytes(bytes);
        await store.WriteBytesAsync(BlobKey.Parse("derivatives/QY-RB-001/p001.tif"), bytes);
        Assert.Equal(3, requests.Lines.Count(l => l.StartsWith("PUT", StringComparison.Ordinal) && l.Contains("partNumber=", StringComparison.Ordinal)));
        await store.WriteBytesAsync(BlobKey.Parse("ocfl/QY-RB-001/v1/content/master/p001.tif"), bytes);
        await store.WriteTextAsync(BlobKey.Parse("derivatives/QY-RB-001/p001.source.json"), "{}");
        // s3rver gives a multipart upload the MD5 of the whole object as its ETag, so "1 part" here;
        // MinIO gives the MD5 of the parts' MD5s, checked by S3Spool.MultipartEtagAsync.
        Assert.Equal(string.Join("\n",
        [
            "S3 stored derivatives/QY-RB-001/p001.tif (34603008 bytes, ETag of 1 part(s), verified by ETag)",
            "S3 stored ocfl/QY-RB-001/v1/content/master/p001.tif (34603008 bytes, ETag of 1 part(s), verified by ETag+read-back SHA-512)",
            "S3 stored derivatives/QY-RB-001/p001.source.json (2 bytes, ETag of 1 part(s), verified by ETag)",
        ]), string.Join("\n", log.Lines));
    }

    [Fact]
    public async Task The_multipart_etag_is_the_md5_of_the_parts_md5s()
    {
        var bytes = Enumerable.Range(0, 25).Select(i => (byte)i).ToArray();
        await using var spool = await S3Spool.CreateAsync(new MemoryStream(bytes), 1 << 20, TestPaths.NewTempFolder("spool"), default);
        var parts = new[] { bytes[..10], bytes[10..20], bytes[20..] }.SelectMany(MD5.HashData).ToArray();
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(parts)) + "-3", await spool.MultipartEtagAsync(10, default));
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), spool.Md5Hex);
        Assert.Equal(16L * 1024 * 1024, S3BlobStore.SdkPartSize(33L * 1024 * 1024));
        Assert.Equal(32L * 1024 * 1024, S3BlobStore.SdkPartSize(200_000L * 1024 * 1024)); // 10,000 parts of 16 MiB are not enough
    }

    [Fact]
    public async Task Listing_follows_continuation_tokens_across_pages()
    {
        var store = Store();
        store.ListPageSize = 10;
        var keys = Enumerable.Range(0, 25).Select(i => $"ocfl/QY-RB-001/v1/content/master/p{i:D3}.tif").ToList();
        foreach (var k in keys) await store.WriteTextAsync(BlobKey.Parse(k), k);
        Assert.Equal(keys, await ListAsync(store, "ocfl/QY-RB-001/"));
    }

    [Fact]
    public void Missing_settings_are_named()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new S3Options { Endpoint = "", Bucket = "b", AccessKey = "a", SecretKey = "s" }.Resolved());
        Assert.Contains("Qy:S3:Endpoint", e.Message);
        e = Assert.Throws<InvalidOperationException>(() => new S3Options { Endpoint = "http://minio:9000", AccessKey = "a", SecretKey = "s" }.Resolved());
        Assert.Contains("without a scheme", e.Message);
    }

    [Fact]
    public void The_archive_uses_s3_when_configured()
    {
        var options = new ArchiveOptions { DataFolder = TestPaths.NewTempFolder("archive-s3"), Storage = StorageKind.S3, S3 = s3.NewBucketOptions() };
        var archive = new ArchiveServices(options);
        var store = Assert.IsType<S3BlobStore>(archive.Store);
        _owned.Add(store);
        Assert.Equal(options.S3.Bucket, store.Bucket);
    }

    [Fact]
    public void The_signer_reproduces_the_worked_example_of_the_sigv4_query_string_documentation()
    {
        // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html, "An example".
        var signer = new S3Signer("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
        var url = signer.Presign("GET", new Uri("https://examplebucket.s3.amazonaws.com"), "/test.txt", [],
            new DateTime(2013, 5, 24, 0, 0, 0, DateTimeKind.Utc), TimeSpan.FromSeconds(86400));
        Assert.EndsWith("X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", url.ToString());
    }

    [Fact]
    public async Task The_signer_agrees_with_the_sdks_presigned_urls()
    {
        using var client = new MinioClient().WithEndpoint(s3.Endpoint).WithCredentials("AK", "SECRET/KEY").WithSSL(false).WithRegion("us-east-1").Build();
        var when = new DateTime(2026, 11, 25, 1, 2, 3, DateTimeKind.Utc);
        var key = "ocfl/QY-RB-001/v1/content/master/廣東 通志+(1).jpg";
        var sdk = await client.PresignedGetObjectAsync(new PresignedGetObjectArgs().WithBucket("qy-bucket").WithObject(key).WithExpiry(900).WithRequestDate(when));
        var ours = new S3Signer("AK", "SECRET/KEY", "us-east-1").Presign("GET", new Uri($"http://{s3.Endpoint}"), $"/qy-bucket/{key}", [], when, TimeSpan.FromSeconds(900));
        Assert.Equal(Signature(sdk), Signature(ours.ToString()));
    }

    private static string Signature(string url) => url[(url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + 16)..].Split('&')[0];

    private static async Task<List<string>> ListAsync(IBlobStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (var b in store.ListAsync(prefix)) keys.Add(b.Key.Value);
        return keys;
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel level) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel level, Microsoft.Extensions.Logging.EventId id, TState state, Exception? e, Func<TState, Exception?, string> format)
        {
            lock (Lines) if (id.Id == 3202) Lines.Add(format(state, e));
        }
    }

    private sealed class RequestRecorder() : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<string> Lines { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            lock (Lines) Lines.Add($"{request.Method} {request.RequestUri?.PathAndQuery}");
            return base.SendAsync(request, ct);
        }
    }

    /// <summary>
    /// Sits between the store and the real s3rver: fails the next requests as a dropped connection
    /// would, or flips a byte of uploaded bodies, as a bad NIC or proxy might.
    /// </summary>
    private sealed class FaultInjector() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _failNext;

        public int FailNext { get => Volatile.Read(ref _failNext); set => Volatile.Write(ref _failNext, value); }

        public bool CorruptUploads { get; set; }

        /// <summary>The next requests are answered 503 with no body, as a server shedding load answers.</summary>
        public int UnavailableNext { get => Math.Max(0, Volatile.Read(ref _unavailableNext)); set => Volatile.Write(ref _unavailableNext, value); }

        private int _unavailableNext;

        /// <summary>GET bodies longer than this break after it (as a dropped connection does), while <see cref="BodiesToBreak"/> lasts.</summary>
        public int BreakBodiesAfter { get; set; }

        public int BodiesToBreak { get => Volatile.Read(ref _bodiesToBreak); set => Volatile.Write(ref _bodiesToBreak, value); }

        private int _bodiesToBreak;

        /// <summary>Fails only the request with this number (1 = the next one), counting from when it is set.</summary>
        public int FailRequestNumber { get => _failAt; set { _failAt = value; _seen = 0; } }

        private int _failAt;
        private int _seen;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (_failAt > 0 && Interlocked.Increment(ref _seen) == _failAt) throw new HttpRequestException("injected: connection reset in the middle of an upload");
            if (Interlocked.Decrement(ref _failNext) >= 0) throw new HttpRequestException("injected: connection reset by peer");
            Interlocked.Exchange(ref _failNext, Math.Max(0, FailNext));
            if (Interlocked.Decrement(ref _unavailableNext) >= 0)
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new ByteArrayContent([]) };
            Interlocked.Exchange(ref _unavailableNext, UnavailableNext);
            if (CorruptUploads && request.Method == HttpMethod.Put && request.Content is { } content)
            {
                var bytes = await content.ReadAsByteArrayAsync(ct);
                if (bytes.Length > 0) bytes[bytes.Length / 2] ^= 0x20;
                var replaced = new ByteArrayContent(bytes);
                foreach (var h in content.Headers) replaced.Headers.TryAddWithoutValidation(h.Key, h.Value);
                request.Content = replaced;
            }
            var response = await base.SendAsync(request, ct);
            if (request.Method == HttpMethod.Get && response.Content.Headers.ContentLength > BreakBodiesAfter && BreakBodiesAfter > 0
                && Interlocked.Decrement(ref _bodiesToBreak) >= 0)
            {
                var original = response.Content;
                var broken = new StreamContent(new BreakingStream(await original.ReadAsStreamAsync(ct), BreakBodiesAfter));
                foreach (var h in original.Headers) broken.Headers.TryAddWithoutValidation(h.Key, h.Value);
                response.Content = broken;
            }
            else if (_bodiesToBreak < 0) Interlocked.Exchange(ref _bodiesToBreak, 0);
            return response;
        }
    }

    /// <summary>Gives some bytes of a body, then fails as a reset connection does.</summary>
    private sealed class BreakingStream(Stream inner, int after) : Stream
    {
        private int _given;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _given; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct)
        {
            if (_given >= after) throw new IOException("injected: connection reset while reading the body");
            var n = await inner.ReadAsync(buffer.AsMemory(offset, Math.Min(count, after - _given)), ct);
            _given += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
