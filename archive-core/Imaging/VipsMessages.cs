namespace QyHeritage.Archive.Imaging;

/// <summary>Turns libvips' multi-line error buffers into one line fit for a refusal message.</summary>
internal static class VipsMessages
{
    private const int MaxLength = 400;

    public static string Clean(string message)
    {
        // "unable to call tiffsave" says only which operation failed; the decoder's lines say why.
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("unable to call ", StringComparison.Ordinal));
        var joined = string.Join("; ", lines.Distinct());
        return UserText.Shorten(joined, MaxLength);
    }

    /// <summary>
    /// Whether a failed save failed on the writing side (disk full, permissions) rather than on
    /// decoding the master: those are environment failures to surface, not bad masters.
    /// </summary>
    public static bool IsWriteFailure(string message) =>
        message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Permission denied", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase)
        || message.Contains("Disk quota", StringComparison.OrdinalIgnoreCase);
}
