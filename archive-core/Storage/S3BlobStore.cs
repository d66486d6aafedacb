using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace QyHeritage.Archive.Storage;

/// <summary>
/// Blobs as objects in one S3 bucket (MinIO in production), through the Minio .NET SDK.
/// <list type="bullet">
/// <item>Atomic writes come from S3 itself: a PUT, or a multipart upload, becomes visible whole at
/// its end or not at all.</item>
/// <item>Every write is spooled first (<see cref="S3Spool"/>), so its size is known, it can be retried,
/// and our MD5 of what was sent is checked against the server's ETag (single part: the MD5;
/// multipart: the MD5 of the parts' MD5s). Keys under <see cref="S3Options.ReadBackPrefixes"/>
/// (the OCFL preservation copies) are also read back and their SHA-512 compared. Our SHA-512 is
/// stored with the object as user metadata (x-amz-meta-qy-sha512) for later fixity checks.</item>
/// <item>Transient failures are retried with backoff up to <see cref="S3Options.MaxAttempts"/>
/// (<see cref="S3Retry"/>); a write that still fails leaves the old object or none, never a wrong one.</item>
/// <item>Reads and listing bypass two defects of the SDK 7.0.0 (see <see cref="OpenReadAsync"/>,
/// <see cref="OpenRangeAsync"/> and <see cref="S3ObjectLister"/>). A read that loses its connection
/// part way resumes from where it was (<see cref="S3ResumingStream"/>); a full read is checked against
/// the recorded SHA-512 and refused when it differs (<see cref="BlobCorruptedException"/>).</item>
/// <item>Derivatives get a bounded local disk cache (<see cref="S3DerivativeCache"/>) for libvips.</item>
/// </list>
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    /// <summary>The user-metadata name of our SHA-512 of the object's bytes.</summary>
    public const string Sha512Metadata = "qy-sha512";

    /// <summary>The SDK's smallest part (its Constants.MinimumPUTPartSize, 16 MiB in 7.0.0); smaller uploads go in one PUT.</summary>
    private const long SdkMinimumPartSize = 16L * 1024 * 1024;

    /// <summary>S3's most parts per upload; the SDK grows the part size to stay under it.</summary>
    private const long SdkMaxParts = 10_000;

    private static readonly TimeSpan PresignLifetime = TimeSpan.FromMinutes(15);

    private readonly S3Options _options;
    private readonly IMinioClient _client;
    private readonly HttpClient _http;
    private readonly S3ObjectLister _lister;
    private readonly S3Signer _signer;
    private readonly Uri _baseUri;
    private readonly string _bucketPath;
    private readonly S3Retry _retry;
    private readonly ILogger _log;
    private readonly string _spoolFolder;
    private readonly IReadOnlyList<string> _readBackPrefixes;
    private readonly SemaphoreSlim _bucketGate = new(1, 1);
    private volatile bool _bucketReady;

    /// <param name="options">Endpoint, bucket, credentials (resolved from the environment where empty).</param>
    /// <param name="spoolFolder">Where large uploads are spooled (a local folder, e.g. data/work/s3-spool).</param>
    /// <param name="logger">Structured log; quiet unless something is retried or fails.</param>
    /// <param name="handler">The HTTP handler under the SDK and our own requests; tests inject faults here.</param>
    /// <param name="cacheFolder">Where the local cache of derivatives lives (<see cref="S3Options.DerivativeCacheMB"/>); null for none.</param>
    public S3BlobStore(S3Options options, string spoolFolder, ILogger? logger = null, HttpMessageHandler? handler = null, string? cacheFolder = null)
    {
        _options = options.Resolved();
        _spoolFolder = spoolFolder;
        _log = logger ?? NullLogger.Instance;
        _readBackPrefixes = _options.ReadBackPrefixList;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: true);
        _http.Timeout = TimeSpan.FromSeconds(Math.Max(1, _options.RequestTimeoutSeconds));
        _client = new MinioClient()
            .WithEndpoint(_options.Endpoint)
            .WithCredentials(_options.AccessKey, _options.SecretKey)
            .WithSSL(_options.UseTls)
            .WithRegion(_options.Region)
            .WithHttpClient(_http)
            .Build();
        var scheme = _options.UseTls ? "https" : "http";
        _signer = new S3Signer(_options.AccessKey, _options.SecretKey, _options.Region);
        (_baseUri, _bucketPath) = _options.PathStyle
            ? (new Uri($"{scheme}://{_options.Endpoint}"), $"/{_options.Bucket}/")
            : (new Uri($"{scheme}://{_options.Bucket}.{_options.Endpoint}"), "/");
        _lister = new S3ObjectLister(_http, _signer, _baseUri, _bucketPath);
        _retry = new S3Retry(_options.MaxAttempts, TimeSpan.FromMilliseconds(Math.Max(0, _options.RetryBaseDelayMs)), _log,
            new S3Identity(_options.AccessKey, _options.Endpoint, _options.Bucket));
        if (cacheFolder is not null && _options.DerivativeCacheMB > 0)
            DerivativeCache = new S3DerivativeCache(this, cacheFolder, _options.DerivativeCacheMB * 1024 * 1024, _log);
    }

    /// <summary>The local disk cache of derivatives (pyramids), or null when off.</summary>
    public S3DerivativeCache? DerivativeCache { get; }

    public string Bucket => _options.Bucket;

    public string Endpoint => _options.Endpoint;

    /// <summary>Keys per listing request (S3's maximum by default); tests lower it to cross pages.</summary>
    internal int ListPageSize { get => _lister.PageSize; set => _lister.PageSize = value; }

    public async Task<bool> ExistsAsync(BlobKey key, CancellationToken ct = default) => await StatAsync(key, ct) is not null;

    public async Task<BlobInfo?> StatAsync(BlobKey key, CancellationToken ct = default) =>
        (await StatCoreAsync(key, ct)) is { } s ? new BlobInfo(key, s.Size, AsUtc(s.LastModified)) : null;

    /// <summary>The SHA-512 this store recorded when it wrote the blob, or null (absent, or written by another tool).</summary>
    public async Task<string?> GetRecordedSha512Async(BlobKey key, CancellationToken ct = default) =>
        RecordedSha512(await StatCoreAsync(key, ct));

    private async Task<string?> GetRecordedSha512CoreAsync(BlobKey key, CancellationToken ct)
    {
        try { return RecordedSha512(await _client.StatObjectAsync(new StatObjectArgs().WithBucket(_options.Bucket).WithObject(key.Value), ct)); }
        catch (ObjectNotFoundException) { return null; }
    }

    private static string? RecordedSha512(Minio.DataModel.ObjectStat? s)
    {
        if (s is null) return null;
        foreach (var (name, value) in s.MetaData)
            if (name.EndsWith(Sha512Metadata, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }

    /// <summary>
    /// Workaround: the SDK's GetObjectAsync only hands the body to a callback that must consume it
    /// before the call returns, and its ranged form throws PartialContentException on the 206 answer
    /// in 7.0.0 (RECIPES.md). A presigned URL read with our own HttpClient streams the body to the
    /// caller and takes Range headers, against s3rver and MinIO alike.
    /// </summary>
    /// <remarks>
    /// A full read is checked against the SHA-512 recorded when the store wrote the object (it comes
    /// back as a response header, so this costs no extra request): bytes that rotted on the server's
    /// disk end in <see cref="BlobCorruptedException"/> instead of being served.
    /// </remarks>
    public Task<Stream> OpenReadAsync(BlobKey key, CancellationToken ct = default) => OpenCoreAsync(key, null, verify: true, ct);

    /// <summary>A full read without the check against the recorded digest, for tools that compute and report digests themselves (the audit).</summary>
    public Task<Stream> OpenReadUncheckedAsync(BlobKey key, CancellationToken ct = default) => OpenCoreAsync(key, null, verify: false, ct);

    /// <summary>Bytes <paramref name="offset"/> … offset+length−1 of a blob (fewer at its end); see <see cref="OpenReadAsync"/> for why not the SDK.</summary>
    public Task<Stream> OpenRangeAsync(BlobKey key, long offset, long length, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return OpenCoreAsync(key, (offset, length), verify: false, ct);
    }

    public Task WriteAsync(BlobKey key, Stream content, CancellationToken ct = default) => WriteCoreAsync(key, content, createOnly: false, ct);

    /// <summary>
    /// A create-only write: a PUT with <c>If-None-Match: *</c>, which a real S3 server (MinIO, Ceph RGW,
    /// AWS) refuses with 412 when the key exists, so of two writers racing for one key exactly one wins.
    /// A stat comes first: it answers the common case without an upload, and is the only guard on
    /// servers that ignore the header (s3rver), where two racing writers can both succeed.
    /// </summary>
    public async Task<bool> WriteIfAbsentAsync(BlobKey key, Stream content, CancellationToken ct = default)
    {
        if (await StatCoreAsync(key, ct) is not null) return false;
        return await WriteCoreAsync(key, content, createOnly: true, ct);
    }

    private async Task<bool> WriteCoreAsync(BlobKey key, Stream content, bool createOnly, CancellationToken ct)
    {
        await EnsureBucketAsync(ct);
        await using var spool = await S3Spool.CreateAsync(content, _options.MemorySpoolBytes, _spoolFolder, ct);
        if (createOnly && spool.Length > SdkMinimumPartSize)
            throw new NotSupportedException($"A create-only write of '{key}' must fit in one PUT ({SdkMinimumPartSize} bytes); it has {spool.Length}.");
        if (IsCached(key)) DerivativeCache!.Invalidate(key);
        try
        {
            return await _retry.RunAsync("write", key.Value, t => PutAndVerifyAsync(key, spool, createOnly, t), ct);
        }
        catch (BlobStoreUnavailableException e) when (e.InnerException is S3WriteVerificationException)
        {
            // What is there now is not what we meant to store: no object is better than a wrong one.
            try
            {
                await _client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(_options.Bucket).WithObject(key.Value), CancellationToken.None);
                S3Log.RemovedUnverified(_log, key.Value);
            }
            catch (Exception) { /* the write's own error says more than this one */ }
            throw;
        }
    }

    public async Task DeleteAsync(BlobKey key, CancellationToken ct = default)
    {
        await EnsureBucketAsync(ct);
        if (IsCached(key)) DerivativeCache!.Invalidate(key);
        // S3 answers a delete of a missing key with success, as the contract wants.
        await _retry.RunAsync("delete", key.Value, t =>
            _client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(_options.Bucket).WithObject(key.Value), t), ct);
    }

    public async IAsyncEnumerable<BlobInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (prefix.Contains("..") || prefix.Contains('\\') || prefix.Contains('\0') || prefix.StartsWith('/'))
            throw new InvalidBlobKeyException(prefix, "the prefix is not a valid key prefix");
        await EnsureBucketAsync(ct);
        string? token = null;
        do
        {
            var current = token;
            var page = await _retry.RunAsync("list", prefix, t => _lister.ListPageAsync(prefix, current, t), ct);
            // S3 and MinIO list in UTF-8 byte order: ordinal order for every key that does not mix
            // characters above U+FFFF with U+E000–U+FFFF, which ours (ids, page names, CJK) never do.
            // s3rver instead walks its folders (ocfl/… before ocfl-other/…): sorting each page (at most
            // 1000 keys) puts that right for one-page listings and costs nothing against MinIO. Across
            // pages s3rver may still be out of order; a real MinIO is not.
            foreach (var e in page.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                ct.ThrowIfCancellationRequested();
                if (!BlobKey.TryParse(e.Key, out var key, out var why)) { S3Log.SkippedKey(_log, e.Key, why!); continue; }
                yield return new BlobInfo(key, e.Size, e.LastModified);
            }
            token = page.NextToken;
        }
        while (token is not null);
    }

    /// <summary>
    /// Objects in S3 have no local path; a derivative (pyramid) already in the local cache and
    /// validated recently has one. This never downloads: <see cref="GetCachedPathAsync"/> does.
    /// </summary>
    public string? TryGetLocalPath(BlobKey key) => IsCached(key) ? DerivativeCache!.TryGetFresh(key) : null;

    /// <summary>A local file with a derivative's bytes, downloaded into the cache on first use; null for keys the cache does not hold.</summary>
    public async Task<string?> GetCachedPathAsync(BlobKey key, CancellationToken ct = default) =>
        IsCached(key) ? await DerivativeCache!.GetLocalPathAsync(key, ct) : null;

    /// <summary>Derivatives are cached; preservation copies are read rarely and in full, so they are not.</summary>
    private bool IsCached(BlobKey key) =>
        DerivativeCache is not null && key.Value.StartsWith(ArchiveKeys.DerivativesRoot + "/", StringComparison.Ordinal);

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
        _bucketGate.Dispose();
    }

    private async Task<Minio.DataModel.ObjectStat?> StatCoreAsync(BlobKey key, CancellationToken ct)
    {
        await EnsureBucketAsync(ct);
        return await _retry.RunAsync("stat", key.Value, async t =>
        {
            try { return await _client.StatObjectAsync(new StatObjectArgs().WithBucket(_options.Bucket).WithObject(key.Value), t); }
            catch (ObjectNotFoundException) { return null; }
        }, ct);
    }

    private async Task<Stream> OpenCoreAsync(BlobKey key, (long Offset, long Length)? range, bool verify, CancellationToken ct)
    {
        await EnsureBucketAsync(ct);
        return await _retry.RunAsync(range is null ? "read" : "ranged read", key.Value, async t =>
        {
            var response = await SendGetAsync(key, range?.Offset ?? 0, range is { } r ? r.Offset + r.Length - 1 : null, null, t);
            if (response is null) return new MemoryStream([], writable: false); // a range at or after the end
            try
            {
                Stream body = new ResponseStream(await response.Content.ReadAsStreamAsync(t), response);
                var start = range?.Offset ?? 0;
                if (response.Content.Headers.ContentLength is { } length && length > 0)
                {
                    var end = start + length - 1;
                    var etag = response.Headers.ETag?.Tag;
                    body = new S3ResumingStream(body, start, length, async (from, ct2) =>
                    {
                        var again = await SendGetAsync(key, from, end, etag, ct2) ?? throw new IOException($"'{key}' became shorter while it was read.");
                        return new ResponseStream(await again.Content.ReadAsStreamAsync(ct2), again);
                    }, _options.MaxAttempts, TimeSpan.FromMilliseconds(Math.Max(0, _options.RetryBaseDelayMs)), key);
                }
                if (verify && range is null && response.Headers.TryGetValues("x-amz-meta-" + Sha512Metadata, out var recorded) && recorded.FirstOrDefault() is { Length: 128 } sha)
                    body = new DigestCheckingStream(body, System.Security.Cryptography.HashAlgorithmName.SHA512, sha, actual => new BlobCorruptedException(key, sha, actual));
                return body;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }, ct);
    }

    /// <summary>
    /// A GET through a presigned URL (see <see cref="OpenReadAsync"/> for why not the SDK), from byte
    /// <paramref name="from"/> (to <paramref name="to"/>), only if the ETag is still <paramref name="ifMatch"/>.
    /// Null when the range starts at or after the end; throws for anything but success.
    /// </summary>
    private async Task<HttpResponseMessage?> SendGetAsync(BlobKey key, long from, long? to, string? ifMatch, CancellationToken ct)
    {
        var url = await _client.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(_options.Bucket).WithObject(key.Value).WithExpiry((int)PresignLifetime.TotalSeconds));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var ranged = from > 0 || to is not null;
        if (ranged) request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(from, to);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var status = (int)response.StatusCode;
        try
        {
            if (status == 404) throw new BlobNotFoundException(key);
            if (status == 416) { response.Dispose(); return null; }
            if (status == 412) throw new S3RequestException(status, $"'{key}' changed while it was being read; read it again.");
            if (!response.IsSuccessStatusCode)
                throw new S3RequestException(status, $"Reading '{key}' answered {status} {response.ReasonPhrase}.");
            if (ranged && status != 206)
                throw new S3RequestException(status, $"Reading a range of '{key}' answered {status}, not 206 Partial Content.");
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>One upload and its verification; false when <paramref name="createOnly"/> and another writer's object is there.</summary>
    private async Task<bool> PutAndVerifyAsync(BlobKey key, S3Spool spool, bool createOnly, CancellationToken ct)
    {
        spool.Content.Position = 0;
        string? putEtag;
        if (createOnly)
        {
            var created = await CreateOnlyPutAsync(key, spool, ct);
            if (created is null)
            {
                // Someone else's object, unless it is ours from an attempt whose answer was lost.
                if (await GetRecordedSha512CoreAsync(key, ct) == spool.Sha512Hex) return true;
                S3Log.CreateOnlyLost(_log, key.Value);
                return false;
            }
            putEtag = created;
        }
        else
        {
            try
            {
                // The SDK reads the stream it is given; it gets a view that cannot close our spool.
                putEtag = (await _client.PutObjectAsync(new PutObjectArgs()
                    .WithBucket(_options.Bucket).WithObject(key.Value)
                    .WithStreamData(new NonClosingStream(spool.Content)).WithObjectSize(spool.Length)
                    .WithContentType("application/octet-stream")
                    .WithHeaders(new Dictionary<string, string> { ["x-amz-meta-" + Sha512Metadata] = spool.Sha512Hex }), ct)).Etag;
            }
            catch (Exception) when (spool.Length > SdkMinimumPartSize)
            {
                // An unfinished multipart upload is invisible but keeps its parts on the server: drop them.
                try { await _client.RemoveIncompleteUploadAsync(new RemoveIncompleteUploadArgs().WithBucket(_options.Bucket).WithObject(key.Value), CancellationToken.None); }
                catch (Exception) { /* best effort; MinIO also expires stale uploads by its own lifecycle */ }
                throw;
            }
        }
        var etag = NormalEtag(putEtag);
        if (etag.Length == 0)
        {
            // Ceph RGW answers a multipart completion without an ETag (the SDK 7.0.0 then reports ""),
            // though its HEAD has the standard md5-of-md5s: ask for it rather than trust nothing.
            etag = NormalEtag((await _client.StatObjectAsync(new StatObjectArgs().WithBucket(_options.Bucket).WithObject(key.Value), ct)).ETag);
        }
        var (checkedByEtag, parts) = await CheckEtagAsync(key, spool, etag, ct);
        var readBack = !checkedByEtag || _readBackPrefixes.Any(p => key.Value.StartsWith(p, StringComparison.Ordinal));
        if (readBack) await ReadBackAsync(key, spool, ct);
        S3Log.Stored(_log, key.Value, spool.Length, parts, (checkedByEtag ? "ETag" : "") + (checkedByEtag && readBack ? "+" : "") + (readBack ? "read-back SHA-512" : ""));
        return true;
    }

    private static string NormalEtag(string? etag) => (etag ?? "").Trim('"').ToLowerInvariant();

    /// <summary>
    /// One PUT with <c>If-None-Match: *</c>, made through a presigned URL that signs that header and our
    /// metadata (the SDK 7.0.0 turns headers it does not know into user metadata, x-amz-meta-If-None-Match,
    /// so through it the condition never reaches the server). Returns the ETag, or null when the
    /// server refused because the key exists (412; 409 when another create of it is in flight).
    /// </summary>
    private async Task<string?> CreateOnlyPutAsync(BlobKey key, S3Spool spool, CancellationToken ct)
    {
        var headers = new Dictionary<string, string> { ["If-None-Match"] = "*", ["x-amz-meta-" + Sha512Metadata] = spool.Sha512Hex };
        var url = _signer.Presign("PUT", _baseUri, _bucketPath + key.Value, [], DateTime.UtcNow, PresignLifetime, headers);
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StreamContent(new NonClosingStream(spool.Content)) };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        request.Content.Headers.ContentLength = spool.Length;
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.SendAsync(request, ct);
        var status = (int)response.StatusCode;
        if (status is 412 or 409) return null;
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new S3RequestException(status, $"Writing '{key}' answered {status} {response.ReasonPhrase}: {(body.Length > 300 ? body[..300] : body)}");
        }
        return response.Headers.ETag?.Tag ?? "";
    }

    /// <summary>True when the ETag could be checked (and matched); throws when it can be checked and differs.</summary>
    private async Task<(bool Checked, int Parts)> CheckEtagAsync(BlobKey key, S3Spool spool, string etag, CancellationToken ct)
    {
        var dash = etag.IndexOf('-');
        if (dash < 0 && etag.Length == 32 && IsHex(etag))
        {
            if (etag != spool.Md5Hex)
                throw new S3WriteVerificationException($"The server's ETag of '{key}' ({etag}) is not the MD5 of the bytes sent ({spool.Md5Hex}).");
            return (true, 1);
        }
        if (dash == 32 && int.TryParse(etag[(dash + 1)..], out var parts) && parts > 0)
        {
            var partSize = SdkPartSize(spool.Length);
            if ((spool.Length + partSize - 1) / partSize == parts)
            {
                var expected = await spool.MultipartEtagAsync(partSize, ct);
                if (etag != expected)
                    throw new S3WriteVerificationException($"The server's multipart ETag of '{key}' ({etag}) is not that of the bytes sent ({expected}).");
                return (true, parts);
            }
        }
        // Encrypted objects (SSE-KMS/C) and unexpected part sizes have ETags we cannot predict.
        // (s3rver answers a multipart upload with the MD5 of the whole object, which the first check takes.)
        S3Log.EtagUncheckable(_log, key.Value, etag);
        return (false, 0);
    }

    /// <summary>The part size the SDK uses for an upload of <paramref name="length"/> bytes: the smallest multiple of 16 MiB that keeps it within 10,000 parts.</summary>
    internal static long SdkPartSize(long length)
    {
        var perPart = (length + SdkMaxParts - 1) / SdkMaxParts;
        return Math.Max(1, (perPart + SdkMinimumPartSize - 1) / SdkMinimumPartSize) * SdkMinimumPartSize;
    }

    private async Task ReadBackAsync(BlobKey key, S3Spool spool, CancellationToken ct)
    {
        await using var s = await OpenReadOnceAsync(key, ct);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        var buffer = new byte[81920];
        long length = 0;
        int n;
        while ((n = await s.ReadAsync(buffer, ct)) > 0) { sha.AppendData(buffer, 0, n); length += n; }
        var digest = Convert.ToHexStringLower(sha.GetHashAndReset());
        if (length != spool.Length || digest != spool.Sha512Hex)
            throw new S3WriteVerificationException($"'{key}' read back as {length} bytes with SHA-512 {digest[..16]}…, not the {spool.Length} bytes with {spool.Sha512Hex[..16]}… sent.");
    }

    /// <summary>One read without its own retries: the write's retry loop is the one that counts.</summary>
    private async Task<Stream> OpenReadOnceAsync(BlobKey key, CancellationToken ct)
    {
        var url = await _client.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(_options.Bucket).WithObject(key.Value).WithExpiry((int)PresignLifetime.TotalSeconds));
        var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            // Just written and not there: as transient as it gets (a proxy, a failover).
            throw new S3RequestException(status >= 500 ? status : 503, $"Reading back '{key}' answered {status}.");
        }
        return new ResponseStream(await response.Content.ReadAsStreamAsync(ct), response);
    }

    private async Task EnsureBucketAsync(CancellationToken ct)
    {
        if (_bucketReady) return;
        await _bucketGate.WaitAsync(ct);
        try
        {
            if (_bucketReady) return;
            bool exists;
            try
            {
                exists = await _retry.RunAsync("bucket check", _options.Bucket, t =>
                    _client.BucketExistsAsync(new BucketExistsArgs().WithBucket(_options.Bucket), t), ct);
            }
            catch (S3AccessDeniedException e) when (e.Code is null)
            {
                // A HEAD's 403 has no body; a one-key listing's says why (SignatureDoesNotMatch, InvalidAccessKeyId, AccessDenied).
                await _retry.RunAsync("bucket check", _options.Bucket, t => _lister.ListPageAsync("", null, t, maxKeys: 1), ct);
                throw;
            }
            if (!exists)
            {
                if (!_options.CreateBucket)
                    throw new InvalidOperationException($"The S3 bucket '{_options.Bucket}' does not exist at {_options.Endpoint} (and Qy:S3:CreateBucket is false).");
                await _retry.RunAsync("bucket creation", _options.Bucket, t =>
                    _client.MakeBucketAsync(new MakeBucketArgs().WithBucket(_options.Bucket).WithLocation(_options.Region), t), ct);
                S3Log.CreatedBucket(_log, _options.Bucket, _options.Endpoint);
            }
            _bucketReady = true;
        }
        finally
        {
            _bucketGate.Release();
        }
    }

    private static bool IsHex(string s) => s.All(char.IsAsciiHexDigit);

    private static DateTimeOffset AsUtc(DateTime t) =>
        new(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime());

    /// <summary>A response body that disposes its HTTP response with it.</summary>
    private sealed class ResponseStream(Stream inner, HttpResponseMessage response) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => response.Content.Headers.ContentLength ?? throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => inner.ReadAsync(buffer, ct);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => inner.ReadAsync(buffer, offset, count, ct);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) { inner.Dispose(); response.Dispose(); }
            base.Dispose(disposing);
        }
    }

    /// <summary>Passes reads and seeks through but ignores Dispose, so the SDK cannot close a spool we retry from.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => inner.ReadAsync(buffer, ct);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => inner.ReadAsync(buffer, offset, count, ct);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
