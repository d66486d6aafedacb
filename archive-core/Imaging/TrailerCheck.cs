namespace QyHeritage.Archive.Imaging;

/// <summary>
/// A cheap test for files cut short in transfer: JPEG and PNG both end with a marker (EOI, IEND).
/// Header reading alone cannot see a truncated file, and decoding it is what we want to avoid
/// in a probe; the strict decode during the build is still the authority (TIFF has no trailer).
/// </summary>
internal static class TrailerCheck
{
    // Some scanners and cameras append padding or data after the end marker; look within a
    // generous window rather than at the last bytes only, so such files are not refused.
    private const int Window = 64 * 1024;

    private static ReadOnlySpan<byte> JpegEnd => [0xFF, 0xD9];

    private static ReadOnlySpan<byte> PngEnd => [(byte)'I', (byte)'E', (byte)'N', (byte)'D'];

    /// <summary>A message saying what is missing, or null when the end marker is there (or the format has none).</summary>
    public static string? FindProblem(FileStream file, MasterFormat format)
    {
        var marker = format switch
        {
            MasterFormat.Jpeg => JpegEnd,
            MasterFormat.Png => PngEnd,
            _ => default,
        };
        if (marker.IsEmpty) return null;

        var length = (int)Math.Min(file.Length, Window);
        var tail = new byte[length];
        file.Seek(-length, SeekOrigin.End);
        file.ReadExactly(tail);
        if (tail.AsSpan().LastIndexOf(marker) >= 0) return null;
        return format == MasterFormat.Jpeg
            ? "the file is truncated: no JPEG end-of-image marker (FF D9) at its end"
            : "the file is truncated: no PNG IEND chunk at its end";
    }
}
