using System.Diagnostics.Metrics;

namespace QyHeritage.Iiif.ImageApi;

/// <summary>
/// What the image endpoint did, as counters: on the "QyHeritage.Iiif" meter for OpenTelemetry
/// (cache hit ratio, passthrough ratio, bytes out) and as plain numbers for tests.
/// </summary>
public sealed class ImageStats : IDisposable
{
    public const string MeterName = "QyHeritage.Iiif";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _responses;
    private readonly Counter<long> _bytes;
    private readonly Histogram<double> _duration;
    private long _rendered, _passthrough, _cacheHits, _bytesOut;

    public ImageStats()
    {
        _responses = _meter.CreateCounter<long>("qy.iiif.image.responses", "{response}", "Image responses by how they were made (rendered, passthrough, cache)");
        _bytes = _meter.CreateCounter<long>("qy.iiif.image.bytes", "By", "Image bytes sent");
        _duration = _meter.CreateHistogram("qy.iiif.image.duration", "s", "Time to make an image response, by how it was made",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    /// <summary>Images computed (with libvips, or re-assembled from JPEG coefficients).</summary>
    public long Rendered => Interlocked.Read(ref _rendered);

    /// <summary>Stored tiles sent as they are.</summary>
    public long Passthrough => Interlocked.Read(ref _passthrough);

    /// <summary>Answers from the response cache.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    public long BytesOut => Interlocked.Read(ref _bytesOut);

    public void Record(ImageSource source, int bytes, TimeSpan elapsed)
    {
        switch (source)
        {
            case ImageSource.Rendered or ImageSource.Mosaic: Interlocked.Increment(ref _rendered); break;
            case ImageSource.Passthrough: Interlocked.Increment(ref _passthrough); break;
            case ImageSource.Cache: Interlocked.Increment(ref _cacheHits); break;
        }
        Interlocked.Add(ref _bytesOut, bytes);
        var tag = new KeyValuePair<string, object?>("source", source.ToString().ToLowerInvariant());
        _responses.Add(1, tag);
        _bytes.Add(bytes, tag);
        _duration.Record(elapsed.TotalSeconds, tag);
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>How an image response was made.</summary>
public enum ImageSource
{
    Rendered,
    Passthrough,
    Cache,
    /// <summary>Assembled from the stored tiles' JPEG coefficients, without decoding pixels.</summary>
    Mosaic,
    /// <summary>Another request computed it at the same time; this one waited for its result.</summary>
    Shared,
}
