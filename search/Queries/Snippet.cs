namespace QyHeritage.Search.Queries;

/// <summary>
/// About 100 characters of a page's text around its first hit, as plain text (never markup), with the hits inside it
/// as ranges for the page to mark. "…" stands where the text was cut; line breaks are spaces.
/// </summary>
/// <param name="Text">The page's own script, unescaped: whoever shows it encodes it (a DOM text node, Razor).</param>
/// <param name="Highlights">The hits in <paramref name="Text"/>, in order, not overlapping.</param>
public sealed record Snippet(string Text, IReadOnlyList<Highlight> Highlights)
{
    public static readonly Snippet Empty = new("", []);

    /// <summary>Equal when the text and every range are: two searches' snippets compare by value, not by list instance.</summary>
    public bool Equals(Snippet? other) => other is not null && Text == other.Text && Highlights.SequenceEqual(other.Highlights);

    public override int GetHashCode() => HashCode.Combine(Text, Highlights.Count);
}

/// <summary>
/// A hit inside a <see cref="Snippet"/>: <see cref="Start"/> and <see cref="Length"/> count UTF-16 code units, the
/// units of a .NET or JavaScript string (text.substr(start, length) in the browser); a range never splits a surrogate pair.
/// </summary>
public sealed record Highlight(int Start, int Length);
