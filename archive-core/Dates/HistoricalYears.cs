using System.Globalization;

namespace QyHeritage.Archive.Dates;

/// <summary>
/// Year arithmetic in the historians' numbering the reign table uses: negative years are BCE and there
/// is no year 0 (1 BCE is followed by 1 CE), so 元鼎六年 = -116 + 5 = -111 = 111 BCE.
/// </summary>
public static class HistoricalYears
{
    /// <summary>The year <paramref name="offset"/> (≥ 0) years after <paramref name="year"/>, skipping the missing year 0.</summary>
    public static int Add(int year, int offset)
    {
        var result = year + offset;
        // Crossing from BCE into CE passes over a year 0 that historians do not count.
        return year < 0 && result >= 0 ? result + 1 : result;
    }

    /// <summary>How many years run from <paramref name="first"/> to <paramref name="last"/>, both counted.</summary>
    public static int Count(int first, int last) => last - first + 1 - (first < 0 && last > 0 ? 1 : 0);

    /// <summary>
    /// The EDTF year: four digits, and for BCE the astronomical year with a minus sign (EDTF counts a year 0,
    /// so 111 BCE is "-0110").
    /// </summary>
    public static string ToEdtf(int year) => year > 0
        ? year.ToString("D4", CultureInfo.InvariantCulture)
        : "-" + (-(year + 1)).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>A year for messages: "1889" or "111 BCE".</summary>
    public static string Describe(int year) => year > 0
        ? year.ToString(CultureInfo.InvariantCulture)
        : (-year).ToString(CultureInfo.InvariantCulture) + " BCE";
}
