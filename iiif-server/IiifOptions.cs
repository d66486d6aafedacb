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
