namespace QyHeritage.Archive.Dates;

/// <summary>
/// A date written the Chinese way (光緒十五年, 太平興國年間, 宣統三年三月二十九日, 一九二七年) normalised to
/// Western years.
/// <para>
/// Years: <see cref="StartYear"/> = <see cref="EndYear"/> for a single year, a range for 年間 / 初 / 末 or a
/// bare era or dynasty. Negative years are BCE without a year 0. A Chinese (lunisolar) year is equated, as
/// the standard chronology tables do, with the Western year in which it begins: 宣統三年 = 1911 although its
/// twelfth month fell in January–February 1912.
/// </para>
/// <para>
/// Month and day: kept exactly as written. When <see cref="Lunar"/> is true they are lunar month and day
/// (正月 = 1, 閏五月 has <see cref="LeapMonth"/>) and are NOT converted to the Gregorian calendar, so they
/// never appear in <see cref="ToEdtf"/>. Dates of the Republic (民國, from 1912) and Western years (1927年,
/// 一九二七年) are Gregorian (<see cref="Lunar"/> false) and their month and day do.
/// </para>
/// </summary>
/// <param name="StartYear">First Western year covered.</param>
/// <param name="EndYear">Last Western year covered (= StartYear for a single year).</param>
/// <param name="Month">Month as written, 1–12, or null.</param>
/// <param name="Day">Day as written, 1–31, or null.</param>
/// <param name="Lunar">True when the year, month and day are of the traditional lunisolar calendar.</param>
/// <param name="Era">Dynasty and era the reading used, e.g. 清光緒, 北宋太平興國, 民國, or 公元 for a Western year.</param>
/// <param name="Alternatives">Other readings of the same era name in other dynasties, e.g. "元天順 1328"; empty when unambiguous.</param>
public sealed record ChineseDate(int StartYear, int EndYear, int? Month, int? Day, bool Lunar, string Era, IReadOnlyList<string> Alternatives)
{
    /// <summary>True for the approximate forms (光緒初, 明末 …): the range is an estimate, see <see cref="ChineseDateParser"/>.</summary>
    public bool Approximate { get; init; }

    /// <summary>True when the month is an intercalary lunar month (閏月).</summary>
    public bool LeapMonth { get; init; }

    /// <summary>The text the date was read from (for <see cref="ChineseDateParser.FindIn"/>, the part of the longer string).</summary>
    public string AsWritten { get; init; } = "";

    /// <summary>
    /// EDTF (https://www.loc.gov/standards/datetime/): "1889", "0976/0984", "1875~/1884~" for approximate
    /// ranges, "1927-03-24" for a Gregorian day. A lunar month and day are left out ("1911" for
    /// 宣統三年三月二十九日) because EDTF months and days are Gregorian and this type does not convert.
    /// BCE years are astronomical ("-0110" = 111 BCE), which <see cref="Domain.ItemDate"/> does not accept.
    /// </summary>
    public string ToEdtf()
    {
        var q = Approximate ? "~" : "";
        if (StartYear != EndYear) return $"{HistoricalYears.ToEdtf(StartYear)}{q}/{HistoricalYears.ToEdtf(EndYear)}{q}";
        var edtf = HistoricalYears.ToEdtf(StartYear);
        if (!Lunar && Month is int month)
        {
            edtf += "-" + month.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            if (Day is int day) edtf += "-" + day.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        }
        return edtf + q;
    }
}
