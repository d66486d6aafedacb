using System.Text.RegularExpressions;

namespace QyHeritage.Iiif.Presentation;

/// <summary>
/// The <c>rights</c> property must be a URI from Creative Commons or RightsStatements.org
/// (https://iiif.io/api/presentation/3.0/#rights); our catalogue writes rights as prose. This finds
/// the Creative Commons licences named in the prose ("CC BY-SA 4.0") and gives a URI only when the
/// prose names exactly one: with several (text under one licence, images under another) no single
/// URI is honest, and the prose still goes out in the metadata.
/// </summary>
public static partial class Licences
{
    /// <summary>The one licence URI the text names, or null.</summary>
    public static string? RightsUri(string? rightsText)
    {
        if (string.IsNullOrWhiteSpace(rightsText)) return null;
        var found = Named(rightsText).Distinct().ToList();
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>Every Creative Commons licence URI named in the text, in order.</summary>
    public static IEnumerable<string> Named(string text)
    {
        foreach (Match m in CcPattern().Matches(text))
        {
            var parts = m.Groups["kind"].Value.ToLowerInvariant();
            var version = m.Groups["version"].Value;
            if (parts == "0") yield return "http://creativecommons.org/publicdomain/zero/1.0/";
            else yield return $"http://creativecommons.org/licenses/{parts}/{version}/";
        }
    }

    [GeneratedRegex(@"\bCC[ -](?<kind>BY(?:-NC)?(?:-SA|-ND)?|0)(?:\s+(?<version>[1-4]\.0))?\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CcPattern();
}
