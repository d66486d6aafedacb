namespace QyHeritage.Iiif.ImageApi;

/// <summary>A page's pyramid, opened for one request: where it is, its layout and its version.</summary>
/// <param name="Version">Length and time of the file: changes whenever the pyramid is rebuilt, so it keys caches and ETags.</param>
public sealed record PyramidHandle(ImageIdentifier Id, string Path, TiffPyramid Layout, DateTimeOffset LastModified, string Version);

/// <summary>An image response: its bytes (or, from the response cache, an open file) and how it was made.</summary>
public sealed record ImageResult(string MediaType, ImageSource Source, byte[]? Bytes, FileStream? File = null) : IDisposable
{
    public long Length => Bytes?.LongLength ?? File!.Length;

    public async Task CopyToAsync(Stream destination, CancellationToken ct)
    {
        if (Bytes is not null) await destination.WriteAsync(Bytes, ct);
        else await File!.CopyToAsync(destination, 81920, ct);
    }

    /// <summary>The whole body in memory, for tests and small callers.</summary>
    public async Task<byte[]> ReadAllAsync(CancellationToken ct = default)
    {
        if (Bytes is not null) return Bytes;
        using var ms = new MemoryStream((int)File!.Length);
        await File.CopyToAsync(ms, ct);
        return ms.ToArray();
    }

    public void Dispose() => File?.Dispose();
}
