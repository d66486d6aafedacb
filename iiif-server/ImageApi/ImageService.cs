using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using QyHeritage.Archive;
using QyHeritage.Archive.Imaging;
using QyHeritage.Archive.Storage;
using QyHeritage.Iiif.Caching;

namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// Finds a page's pyramid from its identifier (blob store only, no catalog) and makes image
/// responses: stored tile as is when the request is one, else the response cache, else one
/// libvips render per distinct request however many clients ask at once.
/// </summary>
public sealed class ImageService
{
    private readonly ArchiveServices _archive;
    private readonly IiifOptions _options;
    private readonly ILogger _log;
    private readonly ResponseCache? _cache;
    private readonly SingleFlight<(byte[] Bytes, ImageSource Source)> _renders = new();
    private readonly Lazy<S3DerivativeCache> _pyramidCopies;
    private readonly SemaphoreSlim _renderGate;
    private readonly ConcurrentDictionary<string, (string Version, TiffPyramid Layout)> _layouts = new(StringComparer.Ordinal);
    private readonly PyramidFixity _fixity;

    public ImageService(ArchiveServices archive, IiifOptions options, ImageStats stats, ILogger<ImageService> log)
    {
        _archive = archive;
        _options = options;
        _log = log;
        Stats = stats;
        _fixity = new PyramidFixity(archive, options, log);
        _renderGate = new SemaphoreSlim(options.EffectiveRenderConcurrency);
        // For a store that has neither local files nor a cache of its own (S3 with its cache turned off): the same
        // bounded, revalidated cache the S3 store keeps, in a folder of this server's.
        _pyramidCopies = new(() => new S3DerivativeCache(archive.Store, Path.Combine(archive.Options.DataFolder, "cache", "pyramids"),
            new S3Options().DerivativeCacheMB * 1024 * 1024, log));
        // One libvips worker per request (requests are the parallelism) and no operation cache: every
        // request opens its pyramid afresh, and a cached open image could outlive a rebuilt pyramid.
        // These are the archive's own defaults, which ingest in this process would apply anyway.
        VipsSettings.Configure();
        NetVips.Cache.Max = options.VipsCacheMaxOperations;
        NetVips.Cache.MaxMem = (ulong)Math.Max(0, options.VipsCacheMaxMegabytes) * 1024 * 1024;
        NetVips.Cache.MaxFiles = options.VipsCacheMaxFiles;
        if (options.DecodedTileCacheMegabytes > 0) Tiles = new DecodedTileCache(options.DecodedTileCacheMegabytes * 1024L * 1024);
        Memory = new MemoryReturn((long)(options.ReturnMemoryAboveMegapixels * 1_000_000), log);
        if (options.CacheMegabytes > 0)
        {
            var folder = options.CacheFolder ?? Path.Combine(archive.Options.DataFolder, "cache", "iiif");
            _cache = new ResponseCache(folder, options.CacheMegabytes * 1024 * 1024, log);
        }
    }

    public ImageStats Stats { get; }

    /// <summary>Decoded tiles of the direct decode, kept between requests; null when turned off.</summary>
    public DecodedTileCache? Tiles { get; }

    /// <summary>Returns memory to the system after large renders.</summary>
    public MemoryReturn Memory { get; }

    public ResponseCache? Cache => _cache;

    public ImageLimits Limits => _options.Limits;

    public PyramidFixity Fixity => _fixity;

    /// <summary>The page's pyramid, or null when there is none (a 404).</summary>
    public async Task<PyramidHandle?> OpenAsync(ImageIdentifier id, CancellationToken ct)
    {
        var key = id.PyramidKey;
        var info = LocalInfo(key) ?? await _archive.Store.StatAsync(key, ct);
        if (info is null) return null;
        var version = string.Create(CultureInfo.InvariantCulture, $"{info.Length:x}-{info.LastModified.UtcTicks:x}");
        // libvips needs a file: the store's own (file system, the S3 store's cache), else this server's copy.
        string path;
        try
        {
            // This server's copy is checked against what the store has just said (a rebuild is fetched at once).
            path = await _archive.Store.GetLocalPathAsync(key, ct) ?? await _pyramidCopies.Value.GetLocalPathAsync(key, info, ct);
        }
        catch (BlobCorruptedException e)
        {
            throw _fixity.Damaged(id, version, e.Message); // the store's own digest check refused the download
        }
        await _fixity.EnsureIntactAsync(id, path, version, ct);
        if (!_layouts.TryGetValue(path, out var known) || known.Version != version)
        {
            if (_layouts.Count > 10_000) _layouts.Clear(); // a bound, not an LRU: layouts are cheap to read again
            try
            {
                known = (version, TiffPyramid.Read(path));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return null; // removed between the stat and the read: as good as never there
            }
            _layouts[path] = known;
        }
        return new PyramidHandle(id, path, known.Layout, info.LastModified, version);
    }

    /// <summary>
    /// The blob's length and time read from a local file the store vouches for: its own file, or the
    /// S3 store's cached copy validated within the last seconds (the cache gives it the blob's time).
    /// Asking the bucket instead would cost a round trip per tile, tens of milliseconds through the SDK.
    /// </summary>
    private BlobInfo? LocalInfo(BlobKey key)
    {
        if (_archive.Store.TryGetLocalPath(key) is not { } path) return null;
        var file = new FileInfo(path);
        return file.Exists ? new BlobInfo(key, file.Length, file.LastWriteTimeUtc) : null;
    }

    /// <summary>The image for a resolved request.</summary>
    public async Task<ImageResult> GetAsync(PyramidHandle pyramid, ImagePlan plan, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var mediaType = plan.Format.MediaType();
        if (_options.Passthrough && TilePassthrough.Find(pyramid.Layout, plan) is { } tile && TilePassthrough.ReadJpeg(pyramid.Path, tile) is { } jpeg)
        {
            Stats.Record(ImageSource.Passthrough, jpeg.Length, Stopwatch.GetElapsedTime(started));
            return new ImageResult(mediaType, ImageSource.Passthrough, jpeg);
        }

        var cacheKey = $"{pyramid.Id}|{pyramid.Version}|{plan.Canonical}";
        if (_cache?.TryOpen(cacheKey) is { } cached)
        {
            Stats.Record(ImageSource.Cache, (int)cached.Length, Stopwatch.GetElapsedTime(started));
            return new ImageResult(mediaType, ImageSource.Cache, null, cached);
        }

        var computedHere = false;
        var (bytes, made) = await _renders.RunAsync(cacheKey, async () =>
        {
            computedHere = true;
            // Not the caller's token: other requests may be waiting on this render.
            await _renderGate.WaitAsync(CancellationToken.None);
            try
            {
                using var large = Memory.Begin((long)plan.Width * plan.Height);
                var output = await Task.Run(() => Make(pyramid, plan), CancellationToken.None);
                _cache?.Put(cacheKey, output.Bytes);
                return output;
            }
            finally
            {
                _renderGate.Release();
            }
        });
        var source = computedHere ? made : ImageSource.Shared;
        Stats.Record(source, bytes.Length, Stopwatch.GetElapsedTime(started));
        return new ImageResult(mediaType, source, bytes);
    }

    /// <summary>Stored JPEG coefficients re-assembled where the request is at a level's own scale, else pixels from libvips.</summary>
    private (byte[] Bytes, ImageSource Source) Make(PyramidHandle pyramid, ImagePlan plan)
    {
        if (_options.LosslessMosaic && Jpeg.JpegMosaic.TryCompose(pyramid.Path, pyramid.Layout, plan) is { } mosaic) return (mosaic, ImageSource.Mosaic);
        return (ImageRenderer.Render(pyramid.Path, pyramid.Layout, plan, _options.DirectDecode, Tiles, pyramid.Version), ImageSource.Rendered);
    }
}
