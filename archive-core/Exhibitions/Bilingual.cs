namespace QyHeritage.Archive.Exhibitions;

/// <summary>A curator's text in Chinese (the text of record) and, where written, in English.</summary>
/// <param name="Zh">Chinese, simplified or traditional as the curator wrote it.</param>
/// <param name="En">English; empty when there is none.</param>
public sealed record Bilingual(string Zh, string En = "")
{
    public static readonly Bilingual Empty = new("", "");

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => string.IsNullOrWhiteSpace(Zh) && string.IsNullOrWhiteSpace(En);

    /// <summary>Paragraphs of a longer text: blocks separated by a blank line, each trimmed.</summary>
    public static IReadOnlyList<string> Paragraphs(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
