namespace QyHeritage.Iiif;

/// <summary>
/// Settings of the IIIF endpoints, bound from the "Qy:Iiif" configuration section
/// (e.g. Qy__Iiif__MaxArea=16000000), plus Qy:PublicBaseUrl.
/// </summary>
public sealed class IiifOptions
{
    public const string Section = "Qy:Iiif";

    /// <summary>Widest image made, advertised as maxWidth in info.json.</summary>
    public int MaxWidth { get; set; } = 8192;

    /// <summary>Tallest image made, advertised as maxHeight.</summary>
    public int MaxHeight { get; set; } = 8192;

    /// <summary>Most pixels in one image made, advertised as maxArea: 32 MP is about 100 MB decoded, the peak one request may use.</summary>
    public long MaxArea { get; set; } = 32_000_000;

    /// <summary>Size limit of the on-disk response cache; 0 turns it off.</summary>
    public long CacheMegabytes { get; set; } = 512;

    /// <summary>Where the response cache lives; default: {DataFolder}/cache/iiif.</summary>
    public string? CacheFolder { get; set; }

    /// <summary>Send stored JPEG tiles as they are when a request matches one exactly.</summary>
    public bool Passthrough { get; set; } = true;

    /// <summary>
    /// Assemble level-scale regions (512 px tiles from 256 px stored ones, cut edge tiles, whole
    /// levels) from the stored tiles' entropy-coded data instead of decoding and re-encoding pixels
    /// (<see cref="ImageApi.Jpeg.JpegMosaic"/>): no generation loss, and a few times less CPU.
    /// </summary>
    public bool LosslessMosaic { get; set; } = true;

    /// <summary>
    /// Decode the stored tiles of small computed images (thumbnails above all) with TurboJPEG into
    /// memory (<see cref="ImageApi.DecodedJpegCrop"/>), scale them with libvips and encode JPEG
    /// answers with TurboJPEG, instead of libvips reading the TIFF. Needs libturbojpeg0; without it libvips does all.
    /// </summary>
    public bool DirectDecode { get; set; } = true;

    /// <summary>
    /// Content Search annotations per response page (https://iiif.io/api/search/2.0/#paging-results);
    /// a book page's hits are never split across two response pages, so one page may hold more.
    /// </summary>
    public int SearchPageSize { get; set; } = 100;

    /// <summary>
    /// Memory for decoded pyramid tiles kept between requests (<see cref="Caching.DecodedTileCache"/>), in MB;
    /// 0 turns it off. 64 MB holds about 340 tiles of 256×256 RGB: the levels that thumbnails of every
    /// size are made from, for a few hundred pages.
    /// </summary>
    public int DecodedTileCacheMegabytes { get; set; } = 64;

    /// <summary>
    /// libvips' operation cache (NetVips <c>Cache.Max</c>, <c>Cache.MaxMem</c>, <c>Cache.MaxFiles</c>):
    /// off by default. Every request opens its pyramid afresh (a cached open image could outlive a
    /// rebuilt pyramid), and what is worth keeping between requests is kept by the decoded-tile
    /// cache below, which knows the pyramid's version.
    /// </summary>
    public int VipsCacheMaxOperations { get; set; }

    /// <summary>Memory budget of libvips' operation cache in MB (Cache.MaxMem); 0 with the cache off.</summary>
    public int VipsCacheMaxMegabytes { get; set; }

    /// <summary>Open files libvips' operation cache may hold (Cache.MaxFiles); 0 with the cache off.</summary>
    public int VipsCacheMaxFiles { get; set; }

    /// <summary>
    /// After a render of at least this many megapixels (and once no other such render runs), the GC
    /// compacts (large-object heap included) and glibc's malloc_trim returns free native pages to the
    /// system. 0 never does. Default 16: a 32 MP <c>^max</c> does, a tile or thumbnail never.
    /// </summary>
    public double ReturnMemoryAboveMegapixels { get; set; } = 16;

    /// <summary>
    /// glibc malloc: blocks of at least this many KB are mmapped, so freeing them returns them to
    /// the system (libvips' large pixel buffers); 0 keeps glibc's sliding threshold. Set at start.
    /// </summary>
    public int MallocMmapThresholdKilobytes { get; set; } = 1024;

    /// <summary>glibc malloc arenas at most; 0 means one per core (glibc's own default is eight per core); -1 leaves glibc's.</summary>
    public int MallocArenas { get; set; }

    /// <summary>Images computed at once; 0 means one per core. Bounds CPU and memory under load.</summary>
    public int RenderConcurrency { get; set; }

    /// <summary>The base URL that ids in info.json and manifests start with (e.g. https://heritage.qylib.cn); default: from each request whose host is allowed.</summary>
    public string? PublicBaseUrl { get; set; }

    public bool HasPublicBaseUrl => !string.IsNullOrWhiteSpace(PublicBaseUrl);

    /// <summary>The loopback names, always allowed: a fresh install answers on 127.0.0.1 and nothing else.</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Host names (no port) whose requests may make ids when <see cref="PublicBaseUrl"/> is not set:
    /// the loopback names plus Qy:AllowedHosts and ASP.NET's AllowedHosts ("a.example;b.example"); "*" allows any.
    /// Other hosts get a 400.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [.. LoopbackHosts];

    /// <summary>
    /// Addresses ("10.0.0.5") and networks ("10.0.0.0/8") of reverse proxies whose X-Forwarded-For,
    /// -Proto and -Host are honoured (Qy:ForwardedProxies); none by default, so they never are.
    /// </summary>
    public List<string> ForwardedProxies { get; set; } = [];

    /// <summary>
    /// How long a pyramid checked against its recorded digest is trusted before it is hashed again
    /// (it is always checked when this process first opens a version), e.g. Qy__Iiif__FixityInterval=01:00:00.
    /// </summary>
    public TimeSpan FixityInterval { get; set; } = TimeSpan.FromHours(1);

    public int EffectiveRenderConcurrency => RenderConcurrency > 0 ? RenderConcurrency : Environment.ProcessorCount;

    public ImageApi.ImageLimits Limits => new(MaxWidth, MaxHeight, MaxArea);
}
