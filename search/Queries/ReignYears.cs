using QyHeritage.Archive.Dates;

namespace QyHeritage.Search.Queries;

/// <summary>
/// Era names and Chinese dates as year ranges for the query language: 雍正 is the reign's years (1723–1735), 民国 the
/// Republic on the mainland (1912–1949), 乾隆元年 one year, read by the archive's date normaliser and reign table.
/// </summary>
internal static class ReignYears
{
    /// <summary>The reigns written <paramref name="text"/> (an era name used by several dynasties gives each), as year ranges.</summary>
    public static IReadOnlyList<(int From, int To)> OfEra(string text)
    {
        var name = text.Trim();
        if (name.Length < 2) return [];
        return ReignTable.FindEras(name)
            .Select(e => (e.FirstYear, e.LastYear ?? ReignTable.DynastyOf(e).LastYear))
            .Distinct()
            .ToList();
    }

    /// <summary>A date the normaliser reads (雍正, 乾隆十年, 民國十六年, 光緒初) as the years it covers.</summary>
    public static bool TryDate(string text, out int from, out int to)
    {
        from = to = 0;
        if (!ChineseDateParser.TryParse(text, out var date, out _)) return false;
        (from, to) = (date.StartYear, date.EndYear);
        return true;
    }
}
