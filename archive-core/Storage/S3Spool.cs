using System.Security.Cryptography;

namespace QyHeritage.Archive.Storage;

/// <summary>
/// The bytes of one upload, held where they can be read again: in memory when small, in a
/// temporary file (deleted on close) when large. Spooling gives the SDK a known size (so it picks
/// single PUT or multipart with sane part sizes instead of buffering 5 GiB parts of an unknown
/// stream), lets a failed upload be retried from the start, and yields our own MD5 and SHA-512 of
/// exactly the bytes sent, to check against what the server reports and reads back.
/// </summary>
internal sealed class S3Spool : IAsyncDisposable
{
    private S3Spool(Stream content, long length, string md5, string sha512)
    {
        Content = content;
        Length = length;
        Md5Hex = md5;
        Sha512Hex = sha512;
    }

    public Stream Content { get; }
    public long Length { get; }
    public string Md5Hex { get; }
    public string Sha512Hex { get; }

    public static async Task<S3Spool> CreateAsync(Stream source, int memoryLimit, string folder, CancellationToken ct)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        Stream target = new MemoryStream();
        var buffer = new byte[81920];
        long length = 0;
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer, ct)) > 0)
            {
                md5.AppendData(buffer, 0, n);
                sha.AppendData(buffer, 0, n);
                length += n;
                if (target is MemoryStream ms && length > memoryLimit)
                {
                    Directory.CreateDirectory(folder);
                    var file = new FileStream(Path.Combine(folder, $"{Guid.NewGuid():N}.spool"), FileMode.CreateNew, FileAccess.ReadWrite,
                        FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
                    ms.Position = 0;
                    await ms.CopyToAsync(file, ct);
                    target = file;
                }
                await target.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            await target.FlushAsync(ct);
            target.Position = 0;
            return new S3Spool(target, length, Convert.ToHexStringLower(md5.GetHashAndReset()), Convert.ToHexStringLower(sha.GetHashAndReset()));
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    /// <summary>The S3 ETag of a multipart upload with parts of <paramref name="partSize"/>: MD5 of the parts' MD5s, "-" and the count.</summary>
    public async Task<string> MultipartEtagAsync(long partSize, CancellationToken ct)
    {
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var part = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = new byte[81920];
        Content.Position = 0;
        long inPart = 0;
        var parts = 0;
        int n;
        while ((n = await Content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, partSize - inPart)), ct)) > 0)
        {
            part.AppendData(buffer, 0, n);
            inPart += n;
            if (inPart == partSize) { all.AppendData(part.GetHashAndReset()); parts++; inPart = 0; }
        }
        if (inPart > 0) { all.AppendData(part.GetHashAndReset()); parts++; }
        Content.Position = 0;
        return $"{Convert.ToHexStringLower(all.GetHashAndReset())}-{parts}";
    }

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
