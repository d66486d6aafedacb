using System.Text.RegularExpressions;

namespace QyHeritage.Iiif.Presentation.Structure;

/// <summary>
/// A heading found in a page's text (one line per printed column or line, as the transcriptions are
/// written): where a section or an article starts. <paramref name="Line"/> 0 means it opens the page.
/// </summary>
public sealed record Heading(int PageOrder, int Line, string Label);

/// <summary>The rules that find headings in the texts of the sample's kinds of item.</summary>
public static partial class Headings
{
    /// <summary>
    /// Sections of a book or article: a Wikipedia section (【干流概况】) or, in a classical text, a column of a
    /// few characters set two or more spaces down (　　形勝, 　　　清遠縣): the gazetteers' sub-headings.
    /// </summary>
    public static IEnumerable<Heading> Sections(int pageOrder, string text)
    {
        var lines = Lines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var m = SectionLine().Match(lines[i]);
            if (m.Success) yield return new Heading(pageOrder, i, m.Groups["wiki"].Success ? m.Groups["wiki"].Value : m.Groups["classical"].Value);
        }
    }

    /// <summary>
    /// Articles of a newspaper page: after the masthead and its subtitle (the first two lines), each block of
    /// lines up to a blank line is an article whose first line is its headline.
    /// </summary>
    public static IEnumerable<Heading> Articles(int pageOrder, string text)
    {
        var lines = Lines(text);
        var startsBlock = true;
        for (var i = 2; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                startsBlock = true;
                continue;
            }
            if (startsBlock) yield return new Heading(pageOrder, i, lines[i].Trim());
            startsBlock = false;
        }
    }

    private static List<string> Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();

    [GeneratedRegex(@"^(?:【(?<wiki>[^】]{1,20})】|\u3000{2,}(?<classical>\p{IsCJKUnifiedIdeographs}{2,8}))\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SectionLine();
}
