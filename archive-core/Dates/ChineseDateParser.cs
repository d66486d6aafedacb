using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace QyHeritage.Archive.Dates;

/// <summary>
/// Reads dates written the Chinese way to Western years. Errors are values: nothing here throws on input.
/// <para>Forms (traditional or simplified, variants such as 天啓/萬歷 folded):</para>
/// <list type="bullet">
/// <item>[dynasty] era + year: 光緒十五年, 清光緒十五年, 大明萬曆四十八年, 開皇十年, 民國16年, 元年, 天寶十四載 (載 = 年).</item>
/// <item>Whole reign: 太平興國年間 / 乾隆間 → first/last year; a bare era (乾隆) only in <see cref="TryParse"/>.</item>
/// <item>Approximate parts of a reign: X初(年/期) = the first third of its years (at least 1, at most 10), X末(年/期) the
/// last third likewise, X中葉/中期 what lies between; all marked <see cref="ChineseDate.Approximate"/>.</item>
/// <item>Western years: 1927年, 一九二七年 (four digits written one by one), 公元/西元 years, 公元前111年 and 前111年 (BCE).</item>
/// <item>Month and day after any single year: 三月二十九日, 正月, 冬月 (11), 臘月 (12), 閏五月, 初五, 朔 (1), 望 (15);
/// kept as written — lunar before 1912, Gregorian for 民國 and Western years.</item>
/// <item>A dynasty alone (北魏, 明) only in <see cref="TryParse"/>: its whole span.</item>
/// </list>
/// <para>
/// Ambiguity: an era name used by several dynasties (天順: 元 1328 and 明 1457–1464; 至元: twice in 元) is narrowed by
/// a written dynasty prefix, then by the year (天順五年 cannot be 元's one-year 天順). Of what remains the parser
/// prefers (1) a dynasty of the main sequence (正統: 唐, 宋, 元, 明, 清 …) over a contemporary regime (遼, 金, 南明),
/// then (2) the era that lasted longest — the one most documents are dated in — then (3) the latest. The
/// other readings are listed in <see cref="ChineseDate.Alternatives"/>.
/// </para>
/// <para>
/// A year past the end of its era is an error (光緒 has 34 years, so 光緒四十年 does not exist). 民國 is still
/// counted in Taiwan, so its years run to the present; 民國年間 spans 1912–1949, the Republic on the mainland.
/// </para>
/// </summary>
public static partial class ChineseDateParser
{
    private const string Num = "[〇零一二三四五六七八九十廿卅卌百千两兩壹貳贰參叁叄肆伍陸陆柒捌玖拾佰仟0-9]";

    // A lunar day may be written without 日 only after 初 (正月初五); otherwise 日 or 號 closes it.
    private const string MonthDay =
        "(?<leap>閏|闰)?(?<month>正|冬|臘|腊|" + Num + "{1,3})月(?:初(?<day>" + Num + "{1,2})(?:日|號|号)?|(?<day>" + Num + "{1,3})(?:日|號|号)|(?<sw>朔|望)日?)?";

    private static readonly Lazy<(Regex Anywhere, Regex Whole, Regex LaterMonthDay)> Patterns = new(BuildPatterns);

    /// <summary>
    /// Reads <paramref name="text"/> as one date expression (surrounding white space allowed). False with the
    /// reason when it is not one — including when it holds a date and more text; <see cref="FindIn"/> reads those.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ChineseDate? date, out string? error)
    {
        date = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) { error = "the date is empty"; return false; }
        var written = text.Trim();
        var folded = DateTextFolding.Fold(written);
        var whole = Patterns.Value.Whole.Match(folded);
        if (whole.Success)
        {
            if (!TryRead(whole, allowBareEra: true, out date, out error)) return false;
            date = date with { AsWritten = written };
            return true;
        }
        if (TryReadDynasty(folded, out date)) { date = date with { AsWritten = written }; return true; }
        var inside = Patterns.Value.Anywhere.Match(folded);
        for (; inside.Success; inside = inside.NextMatch())
        {
            if (!HasYear(inside)) continue;
            if (!TryRead(inside, allowBareEra: false, out _, out error)) return false;
            error = $"'{written}' has text beyond the date '{written.Substring(inside.Index, inside.Length)}' (FindIn reads a date inside longer text)";
            return false;
        }
        var unknown = UnknownEra().Match(folded);
        error = unknown.Success
            ? $"'{unknown.Groups["name"].Value}' in '{written}' is not an era name in the reign table"
            : $"'{written}' is not a date expression the parser knows (e.g. 光緒十五年, 太平興國年間, 1927年)";
        return false;
    }

    /// <summary>
    /// The first date expression with a year inside a longer string (雍正九年（文淵閣四庫全書本，乾隆間鈔） → 1731),
    /// or null when there is none. Expressions that do not exist (光緒四十年) are skipped. A bare era or dynasty
    /// name is not taken as a date here, because those are also ordinary words (長安, 太平, 清遠).
    /// When the first expression is a single year without a month, a month and day written later
    /// (一九二七年（民國十六年）·篇末署「三月二十四日夜」 → 1927-03-24) belong to it, provided any date in
    /// between names the same year; a later date naming another year is listed in Alternatives instead.
    /// That rule is meant for catalogue date fields such as date_as_written: in running text a month and day
    /// written much later may belong to something else, so read such text sentence by sentence.
    /// </summary>
    public static ChineseDate? FindIn(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var folded = DateTextFolding.Fold(text);
        var (start, first) = NextDate(folded, 0);
        if (first is null) return null;
        var end = start.Index + start.Length;
        var result = first;
        var resultEnd = end;
        while (result.Month is null && result.StartYear == result.EndYear)
        {
            var (nextMatch, next) = NextDate(folded, end);
            var md = Patterns.Value.LaterMonthDay.Match(folded, end);
            if (md.Success && (next is null || md.Index < nextMatch.Index))
            {
                if (TryMonthDay(md, result.StartYear, result.Lunar, out var month, out var day, out var leap, out _))
                {
                    result = result with { Month = month, Day = day, LeapMonth = leap };
                    resultEnd = md.Index + md.Length;
                }
                break;
            }
            if (next is null) break;
            if (next.StartYear != result.StartYear || next.EndYear != result.EndYear)
            {
                result = result with { Alternatives = [.. result.Alternatives, $"{text.Substring(nextMatch.Index, nextMatch.Length)} {next.ToEdtf()} (written later in the same text)"] };
                break;
            }
            // A gloss naming the same year (一九二七年（民國十六年）) may carry the month and day itself, in its
            // own calendar: 1911年（宣統三年三月二十九日） is a lunar date, not 29 March 1911.
            if (next.Month is not null)
            {
                result = result with { Month = next.Month, Day = next.Day, LeapMonth = next.LeapMonth, Lunar = next.Lunar };
                resultEnd = nextMatch.Index + nextMatch.Length;
                break;
            }
            end = nextMatch.Index + nextMatch.Length;
        }
        return result with { AsWritten = text[start.Index..resultEnd] };
    }

    /// <summary>The first readable date expression with a year at or after <paramref name="from"/>.</summary>
    private static (Match Match, ChineseDate? Date) NextDate(string folded, int from)
    {
        var regex = Patterns.Value.Anywhere;
        for (var at = from; at < folded.Length;)
        {
            var m = regex.Match(folded, at);
            if (!m.Success) break;
            if (HasYear(m) && TryRead(m, allowBareEra: false, out var date, out _)) return (m, date);
            // Try again one character on: a failed long match may hide a good shorter one.
            at = m.Index + 1;
        }
        return (Match.Empty, null);
    }

    private static bool HasYear(Match m) =>
        m.Groups["wy"].Success || m.Groups["yuan"].Success || m.Groups["num"].Success || m.Groups["span"].Success
        || m.Groups["early"].Success || m.Groups["late"].Success || m.Groups["mid"].Success;

    private static bool TryRead(Match m, bool allowBareEra, [NotNullWhen(true)] out ChineseDate? date, out string? error)
    {
        date = null;
        if (!(m.Groups["wy"].Success ? TryReadWestern(m, out date, out error) : TryReadEra(m, allowBareEra, out date, out error))) return false;
        if (!m.Groups["month"].Success) return true;
        if (date.StartYear != date.EndYear) { error = $"'{m.Value}' gives a month to a range of years"; date = null; return false; }
        if (!TryMonthDay(m, date.StartYear, date.Lunar, out var month, out var day, out var leap, out error)) { date = null; return false; }
        date = date with { Month = month, Day = day, LeapMonth = leap };
        return true;
    }

    private static bool TryReadWestern(Match m, [NotNullWhen(true)] out ChineseDate? date, out string? error)
    {
        date = null;
        if (!ChineseNumerals.TryParse(m.Groups["wy"].Value, out var n, out error)) return false;
        if (n == 0) { error = $"'{m.Value}': there is no year 0"; return false; }
        if (n > 9999) { error = $"'{m.Value}': year {n} is out of range"; return false; }
        var bce = m.Groups["bce"].Success;
        date = new ChineseDate(bce ? -n : n, bce ? -n : n, null, null, false, bce ? "公元前" : "公元", []);
        return true;
    }

    private static bool TryReadEra(Match m, bool allowBareEra, [NotNullWhen(true)] out ChineseDate? date, out string? error)
    {
        date = null;
        error = null;
        var eraText = m.Groups["era"].Value;
        var candidates = ReignTable.FindEras(eraText);
        if (m.Groups["dyn"].Success)
        {
            var written = m.Groups["dyn"].Value;
            var dynasties = ReignTable.FindDynasties(written).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
            var owned = candidates.Where(e => dynasties.Contains(e.Dynasty)).ToList();
            if (owned.Count == 0)
            {
                error = $"{eraText} is not an era of {written} (the table has it under {string.Join(", ", candidates.Select(Describe))})";
                return false;
            }
            candidates = owned;
        }
        int? year = null;
        if (m.Groups["yuan"].Success) year = 1;
        else if (m.Groups["num"].Success)
        {
            if (!ChineseNumerals.TryParse(m.Groups["num"].Value, out var n, out var numeralError)) { error = $"'{m.Value}': {numeralError}"; return false; }
            if (n == 0) { error = $"'{m.Value}': an era has no year 0 (its first year is 元年)"; return false; }
            year = n;
        }
        else if (!allowBareEra && !HasYear(m)) { error = $"'{m.Value}' names an era but no year"; return false; }

        var fitting = year is int y ? candidates.Where(e => y <= (e.Years ?? OpenYears(e))).ToList() : candidates.ToList();
        if (fitting.Count == 0)
        {
            error = $"{m.Value} does not exist: {string.Join("; ", candidates.Select(e => $"{Label(e)} has only {e.Years ?? OpenYears(e)} years ({Span(e)})"))}";
            return false;
        }
        var ordered = fitting
            .OrderByDescending(e => ReignTable.DynastyOf(e).Main)
            .ThenByDescending(e => e.Years ?? int.MaxValue)
            .ThenByDescending(e => e.FirstYear)
            .ToList();
        date = Reading(ordered[0], m, year) with { Alternatives = [.. ordered.Skip(1).Select(e => $"{Label(e)} {Reading(e, m, year).ToEdtf()}")] };
        return true;
    }

    /// <summary>The date one era gives for the matched year part.</summary>
    private static ChineseDate Reading(ReignEra era, Match m, int? year)
    {
        var dynasty = ReignTable.DynastyOf(era);
        int first = era.FirstYear, last = era.LastYear ?? dynasty.LastYear;
        var approximate = false;
        if (year is int n) first = last = HistoricalYears.Add(era.FirstYear, n - 1);
        else if (m.Groups["early"].Success || m.Groups["late"].Success || m.Groups["mid"].Success)
        {
            // A third of the reign, at least one year and at most ten: 光緒初 = 1875–1884, 宣統初 = 1909.
            var years = HistoricalYears.Count(first, last);
            var part = Math.Clamp(years / 3, 1, 10);
            approximate = true;
            if (m.Groups["early"].Success) last = HistoricalYears.Add(first, part - 1);
            else if (m.Groups["late"].Success) first = Back(last, part - 1);
            else if (years > 2 * part) (first, last) = (HistoricalYears.Add(first, part), Back(last, part));
        }
        return new ChineseDate(first, last, null, null, !dynasty.Gregorian, Label(era), []) { Approximate = approximate };
    }

    private static bool TryMonthDay(Match m, int year, bool lunar, out int? month, out int? day, out bool leap, out string? error)
    {
        month = day = null;
        leap = m.Groups["leap"].Success;
        error = null;
        var mt = m.Groups["month"].Value;
        int mv;
        if (mt is "正") mv = 1;
        else if (mt is "冬") mv = 11;
        else if (mt is "臘" or "腊") mv = 12;
        else if (!ChineseNumerals.TryParse(mt, out mv, out var e)) { error = $"month '{mt}': {e}"; return false; }
        if (mv is < 1 or > 12) { error = $"'{m.Value}': there is no month {mv}"; return false; }
        if (!lunar && (leap || mt is "正" or "冬" or "臘" or "腊"))
        { error = $"'{m.Value}': leap months and the names 正月/冬月/臘月 belong to the lunar calendar, not to a Gregorian year"; return false; }
        month = mv;
        if (m.Groups["sw"].Success)
        {
            if (!lunar) { error = $"'{m.Value}': 朔 and 望 are lunar days"; month = null; return false; }
            day = m.Groups["sw"].Value == "朔" ? 1 : 15;
            return true;
        }
        if (!m.Groups["day"].Success) return true;
        if (!ChineseNumerals.TryParse(m.Groups["day"].Value, out var dv, out var de)) { error = $"day '{m.Groups["day"].Value}': {de}"; month = null; return false; }
        // A lunar month has 29 or 30 days; which one needs a calendar table this parser does not carry.
        var max = lunar || year < 1 ? 30 : DateTime.DaysInMonth(year, mv);
        if (dv < 1 || dv > max) { error = $"'{m.Value}': day {dv} does not exist in that month (at most {max})"; month = null; return false; }
        day = dv;
        return true;
    }

    /// <summary>A bare dynasty name (北魏, 宋) as the span it stands for.</summary>
    private static bool TryReadDynasty(string folded, [NotNullWhen(true)] out ChineseDate? date)
    {
        date = null;
        var found = ReignTable.FindDynasties(folded);
        if (found.Count == 0) return false;
        var main = found.Where(d => d.Main).OrderBy(d => d.FirstYear).ToList();
        if (main.Count == 0) main = [.. found.OrderBy(d => d.FirstYear)];
        // 宋 = 北宋 + 南宋: dynasties that follow one another under one name read as one span.
        var contiguous = main.Zip(main.Skip(1)).All(p => p.Second.FirstYear <= p.First.LastYear + 1);
        if (contiguous)
        {
            date = new ChineseDate(main[0].FirstYear, main.Max(d => d.LastYear), null, null, !main[0].Gregorian, folded,
                [.. found.Except(main).Select(d => $"{d.Name} {HistoricalYears.ToEdtf(d.FirstYear)}/{HistoricalYears.ToEdtf(d.LastYear)}")]);
            return true;
        }
        var pick = main[^1];
        date = new ChineseDate(pick.FirstYear, pick.LastYear, null, null, !pick.Gregorian, pick.Name,
            [.. found.Where(d => d != pick).Select(d => $"{d.Name} {HistoricalYears.ToEdtf(d.FirstYear)}/{HistoricalYears.ToEdtf(d.LastYear)}")]);
        return true;
    }

    /// <summary>The year <paramref name="offset"/> years before <paramref name="year"/>, skipping the missing year 0.</summary>
    private static int Back(int year, int offset) => year > 0 && year - offset <= 0 ? year - offset - 1 : year - offset;

    /// <summary>Years an open era (民國) has counted by now.</summary>
    private static int OpenYears(ReignEra era) => DateTime.UtcNow.Year - era.FirstYear + 1;

    private static string Label(ReignEra era) => ReignTable.DynastyOf(era).Label + era.Name;

    private static string Describe(ReignEra era) => $"{Label(era)} {Span(era)}";

    private static string Span(ReignEra era) =>
        $"{HistoricalYears.Describe(era.FirstYear)}–{(era.LastYear is int l ? HistoricalYears.Describe(l) : "")}";

    private static (Regex, Regex, Regex) BuildPatterns()
    {
        static string Alternation(IEnumerable<string> keys) =>
            string.Join("|", keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).Select(Regex.Escape));
        var era = Alternation(ReignTable.EraKeys);
        var dyn = Alternation(ReignTable.DynastyKeys);
        var yearPart = $"(?<yuan>元)(?:年|載|载)|(?<num>{Num}+)(?:年|載|载)|(?<span>年間|年间|間|间)|(?<early>初年|初期|初)|(?<late>末年|末期|末)|(?<mid>中葉|中叶|中期)";
        var prefix = $"(?:(?<dyn>{dyn})朝?)?(?<era>{era})";
        // Without 公元, a Western year must look like one: three or four ASCII digits or four Chinese digits,
        // so that 十六年 (a count of years) is not read as the year 16.
        var western = $"(?:(?<ce>公元|西元)(?<bce>前)?(?<wy>{Num}+)|(?<bce>前)?(?<wy>[0-9]{{3,4}})|(?<wy>[〇零一二三四五六七八九]{{4}}))年";
        // Inside longer text the year part is required, so that 元貞元年 is read as 元貞 + 元年 and not as
        // the dynasty 元 + a bare 貞元; a whole string may also be a bare era (乾隆).
        var anywhere = $"(?:{prefix}(?:{yearPart})|{western})(?:{MonthDay})?";
        var whole = $"^(?:{prefix}(?:{yearPart})?|{western})(?:{MonthDay})?$";
        const RegexOptions options = RegexOptions.CultureInvariant;
        return (new Regex(anywhere, options), new Regex(whole, options),
            new Regex($"(?<!{Num})(?:(?<leap>閏|闰)?(?<month>正|冬|臘|腊|{Num}{{1,2}})月(?:初(?<day>{Num}{{1,2}})|(?<day>{Num}{{1,3}})(?:日|號|号)))", options));
    }

    [GeneratedRegex("^(?<name>[^0-9〇零一二三四五六七八九十廿卅元]{1,4}?)(?:元|[〇零一二三四五六七八九十廿卅0-9]+)(?:年|載)", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownEra();
}
