namespace QyHeritage.Web.Features.Search;

/// <summary>
/// The search service labels facet values "古籍 Rare books", "1920年代 1920s": the page shows the Chinese and the
/// English part each in its language. Labels with no English part (places, dynasties) are Chinese alone.
/// </summary>
internal static class BilingualLabel
{
    public static (string Zh, string? En) Split(string label)
    {
        // The English part is the ASCII tail after the last space that follows Chinese text.
        for (var i = 1; i < label.Length - 1; i++)
        {
            if (label[i] != ' ') continue;
            var (zh, en) = (label[..i], label[(i + 1)..]);
            if (en.All(char.IsAscii) && !zh.All(char.IsAscii)) return (zh, en);
        }
        return (label, null);
    }
}
