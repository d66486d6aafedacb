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
    private long _rendered, _passthrough, _cacheHits, _bytesOut;

    public ImageStats()
    {
        _responses = _meter.CreateCounter<long>("qy.iiif.image.responses", "{response}", "Image responses by how they were made (rendered, passthrough, cache)");
        _bytes = _meter.CreateCounter<long>("qy.iiif.image.bytes", "By", "Image bytes sent");
    }

    /// <summary>Images computed with libvips.</summary>
    public long Rendered => Interlocked.Read(ref _rendered);

    /// <summary>Stored tiles sent as they are.</summary>
    public long Passthrough => Interlocked.Read(ref _passthrough);

    /// <summary>Answers from the response cache.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    public long BytesOut => Interlocked.Read(ref _bytesOut);

    public void Record(ImageSource source, int bytes)
    {
        switch (source)
        {
            case ImageSource.Rendered: Interlocked.Increment(ref _rendered); break;
            case ImageSource.Passthrough: Interlocked.Increment(ref _passthrough); break;
            case ImageSource.Cache: Interlocked.Increment(ref _cacheHits); break;
        }
        Interlocked.Add(ref _bytesOut, bytes);
        var tag = new KeyValuePair<string, object?>("source", source.ToString().ToLowerInvariant());
        _responses.Add(1, tag);
        _bytes.Add(bytes, tag);
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>How an image response was made.</summary>
public enum ImageSource
{
    Rendered,
    Passthrough,
    Cache,
    /// <summary>Another request computed it at the same time; this one waited for its result.</summary>
    Shared,
}
