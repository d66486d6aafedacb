using System.Buffers;
using System.Security.Cryptography;

namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// Digest algorithms by their OCFL names (https://ocfl.io/1.1/spec/#digests) and streaming
/// computation: bytes pass through in 80 KiB buffers, so a 2 GB master never sits in memory.
/// </summary>
public static class OcflDigest
{
    public const string Sha512 = "sha512";
    public const string Sha256 = "sha256";

    /// <summary>Algorithms allowed for content addressing (E025); sha512 is the one we write (W004).</summary>
    public static bool IsContentAlgorithm(string? name) => name is Sha512 or Sha256;

    /// <summary>
    /// Names allowed as fixity keys: the spec's table and the digest-algorithms extension
    /// (https://ocfl.io/extensions/0009-digest-algorithms). Others are E056.
    /// </summary>
    public static bool IsKnownFixityAlgorithm(string name) => name is "md5" or "sha1" or Sha256 or Sha512
        or "blake2b-512" or "blake2b-160" or "blake2b-256" or "blake2b-384" or "sha512/256" or "size" or "crc32";

    /// <summary>
    /// The .NET hash for an OCFL name, or null where the BCL has none (blake2b, crc32, ...):
    /// those fixity values are skipped, as the spec allows for unsupported fixity algorithms (E028).
    /// </summary>
    public static HashAlgorithmName? HashFor(string name) => name switch
    {
        Sha512 => HashAlgorithmName.SHA512,
        Sha256 => HashAlgorithmName.SHA256,
        "sha1" => HashAlgorithmName.SHA1,
        "md5" => HashAlgorithmName.MD5,
        _ => null,
    };

    /// <summary>Hex length of a digest, for the shape check of manifest and state keys (E039).</summary>
    public static int HexLength(string contentAlgorithm) => contentAlgorithm == Sha256 ? 64 : 128;

    public static bool IsHex(string s)
    {
        foreach (var c in s) if (!char.IsAsciiHexDigit(c)) return false;
        return s.Length > 0;
    }

    /// <summary>Lowercase hex digest of the bytes.</summary>
    public static string Compute(string algorithm, ReadOnlySpan<byte> bytes)
    {
        using var h = IncrementalHash.CreateHash(HashFor(algorithm) ?? throw new NotSupportedException($"Digest algorithm '{algorithm}' is not supported."));
        h.AppendData(bytes);
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }

    /// <summary>Reads <paramref name="stream"/> to its end once and returns the lowercase hex digest for each algorithm.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ComputeAsync(Stream stream, IReadOnlyCollection<string> algorithms, CancellationToken ct)
    {
        var hashes = algorithms.Distinct().ToDictionary(a => a, a => IncrementalHash.CreateHash(HashFor(a) ?? throw new NotSupportedException($"Digest algorithm '{a}' is not supported.")));
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer.AsMemory(0, 81920), ct)) > 0)
                foreach (var h in hashes.Values) h.AppendData(buffer, 0, n);
            return hashes.ToDictionary(kv => kv.Key, kv => Convert.ToHexStringLower(kv.Value.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            foreach (var h in hashes.Values) h.Dispose();
        }
    }

    public static async Task<string> ComputeAsync(Stream stream, string algorithm, CancellationToken ct) =>
        (await ComputeAsync(stream, [algorithm], ct))[algorithm];
}
