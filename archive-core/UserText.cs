namespace QyHeritage.Archive;

/// <summary>Text a user sent, as quoted back in an error message or a log line.</summary>
public static class UserText
{
    /// <summary>
    /// The text cut to its first <paramref name="max"/> UTF-16 units with "…" after it when longer (a character outside
    /// the Basic Multilingual Plane is not cut in half), so that a long value cannot fill a message or a log.
    /// </summary>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max) return text;
        var cut = max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut] + "…";
    }
}
