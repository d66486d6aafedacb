namespace QyHeritage.Search.Analysis;

/// <summary>
/// Where a page's text flows onto the next leaf: the Han run that ends this page (<see cref="TailAt"/> in its text) joined
/// to the Han run that starts the next (<see cref="HeadAt"/> in the next page's text), up to <see cref="Reach"/> characters
/// each. Indexed with the page (<see cref="Indexing.SearchFields.NextWindow"/>), it lets a phrase printed across the page
/// break be found; a match counts only where it crosses <see cref="Split"/>.
/// </summary>
public sealed record PageJoin(string Window, int Split, int TailAt, int HeadAt, int NextPage)
{
    /// <summary>How many characters of each page the window holds: strings up to twice this long are found across a break.</summary>
    public const int Reach = 8;

    /// <summary>The join of a page with the next one, or null when either side has no Han text at the break.</summary>
    public static PageJoin? Of(string text, string next, int nextPage)
    {
        var end = text.Length;
        while (end > 0 && char.IsWhiteSpace(text[end - 1])) end--;
        var tailAt = end;
        var n = 0;
        while (tailAt > 0 && n < Reach && HanBefore(text, tailAt, out var width)) { tailAt -= width; n++; }
        var headAt = 0;
        while (headAt < next.Length && char.IsWhiteSpace(next[headAt])) headAt++;
        var headEnd = headAt;
        n = 0;
        while (headEnd < next.Length && n < Reach && HanAt(next, headEnd, out var width)) { headEnd += width; n++; }
        if (tailAt == end || headEnd == headAt) return null;
        return new PageJoin(text[tailAt..end] + next[headAt..headEnd], end - tailAt, tailAt, headAt, nextPage);
    }

    private static bool HanAt(string s, int i, out int width)
    {
        width = char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
        return ContainsQueryBuilder.IsHan(s.Substring(i, width));
    }

    private static bool HanBefore(string s, int end, out int width)
    {
        width = end >= 2 && char.IsLowSurrogate(s[end - 1]) && char.IsHighSurrogate(s[end - 2]) ? 2 : 1;
        return ContainsQueryBuilder.IsHan(s.Substring(end - width, width));
    }
}
