namespace QyHeritage.Archive.Dates;

/// <summary>One reign period (年號) of the table in eras.tsv.</summary>
/// <param name="Dynasty">The owning dynasty's name as in dynasties.tsv (清, 北宋 …).</param>
/// <param name="Name">Era name in traditional characters (光緒).</param>
/// <param name="Simplified">Era name in simplified characters (光绪).</param>
/// <param name="FirstYear">Western year of 元年.</param>
/// <param name="LastYear">Last Western year the era was in use; null while still counted (民國 in Taiwan).</param>
/// <param name="Note">Why a row is unusual (a gap before it, a concurrent era); may be empty.</param>
public sealed record ReignEra(string Dynasty, string Name, string Simplified, int FirstYear, int? LastYear, string Note)
{
    /// <summary>How many years the era counts (光緒 = 34), or null when it is still open.</summary>
    public int? Years => LastYear is int last ? HistoricalYears.Count(FirstYear, last) : null;
}
