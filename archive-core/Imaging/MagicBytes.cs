namespace QyHeritage.Archive.Imaging;

/// <summary>Tells JPEG, PNG and TIFF apart from a file's first bytes; extensions lie, signatures rarely do.</summary>
internal static class MagicBytes
{
    /// <summary>How many leading bytes <see cref="Identify"/> needs.</summary>
    public const int Length = 8;

    private static ReadOnlySpan<byte> Png => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format whose signature starts <paramref name="head"/>, or null.</summary>
    public static MasterFormat? Identify(ReadOnlySpan<byte> head)
    {
        // JPEG: SOI (FF D8) followed by the first marker's FF.
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return MasterFormat.Jpeg;
        if (head.StartsWith(Png)) return MasterFormat.Png;
        // TIFF: byte order then the version, 42 for classic TIFF and 43 for BigTIFF.
        if (head.Length >= 4)
        {
            if (head[0] == (byte)'I' && head[1] == (byte)'I' && head[3] == 0 && head[2] is 42 or 43) return MasterFormat.Tiff;
            if (head[0] == (byte)'M' && head[1] == (byte)'M' && head[2] == 0 && head[3] is 42 or 43) return MasterFormat.Tiff;
        }
        return null;
    }

    /// <summary>A short hex rendering of the first bytes, for messages about unknown files.</summary>
    public static string Describe(ReadOnlySpan<byte> head) =>
        Convert.ToHexString(head[..Math.Min(head.Length, Length)]);
}
