namespace QyHeritage.Web.Features.Search;

/// <summary>The search page's links: this search with one parameter changed, so that every control works without script.</summary>
internal static class SearchLinks
{
    /// <summary>
    /// This search's URL with <paramref name="name"/> set to <paramref name="value"/> (or, with <paramref name="toggle"/>,
    /// that value added to or taken out of the repeatable parameter); any change but paging starts again at page 1.
    /// Not HTML-encoded: the page's template encodes it.
    /// </summary>
    public static string Href(IQueryCollection query, string name, string value, bool toggle = false)
    {
        var pairs = new List<(string Key, string Value)>();
        foreach (var (key, values) in query)
        {
            if (key == name && !toggle) continue;
            if (key == "page" && name != "page") continue;
            foreach (var v in values)
            {
                if (v is null || (toggle && key == name && v == value)) continue;
                pairs.Add((key, v));
            }
        }
        if (!toggle || !query[name].Contains(value)) pairs.Add((name, value));
        return "/search?" + string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }
}
