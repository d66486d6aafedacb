using QyHeritage.Archive.Dates;

namespace QyHeritage.Archive.Tests.Dates;

/// <summary>Consistency of the reign table (eras.tsv, dynasties.tsv) as data.</summary>
public class ReignTableTests
{
    [Fact]
    public void Every_era_is_well_formed()
    {
        Assert.True(ReignTable.Eras.Count > 250);
        foreach (var era in ReignTable.Eras)
        {
            Assert.False(string.IsNullOrWhiteSpace(era.Name));
            Assert.False(string.IsNullOrWhiteSpace(era.Simplified));
            Assert.NotNull(ReignTable.DynastyOf(era));
            if (era.LastYear is int last) Assert.True(era.FirstYear <= last, $"{era.Name} ends before it starts");
        }
    }

    [Fact]
    public void Eras_of_a_dynasty_follow_one_another_without_overlap_or_unexplained_gaps()
    {
        foreach (var dynasty in ReignTable.Eras.GroupBy(e => e.Dynasty))
        {
            var eras = dynasty.ToList();
            for (var i = 1; i < eras.Count; i++)
            {
                var (prev, next) = (eras[i - 1], eras[i]);
                var prevLast = prev.LastYear ?? int.MaxValue;
                Assert.True(next.FirstYear >= prev.FirstYear, $"{dynasty.Key}: {next.Name} is out of order");
                // Eras usually changed mid-year, so the new one may start in the old one's last year, no earlier.
                Assert.True(next.FirstYear >= prevLast || next.Note.StartsWith("concurrent:", StringComparison.Ordinal),
                    $"{dynasty.Key}: {next.Name} ({next.FirstYear}) overlaps {prev.Name} (to {prevLast})");
                Assert.True(HistoricalYears.Add(prevLast, 1) >= next.FirstYear || next.Note.StartsWith("gap:", StringComparison.Ordinal),
                    $"{dynasty.Key}: unexplained gap between {prev.Name} (to {prevLast}) and {next.Name} ({next.FirstYear})");
            }
        }
    }

    [Fact]
    public void Era_names_repeat_within_a_dynasty_only_where_the_note_says_so()
    {
        foreach (var group in ReignTable.Eras.GroupBy(e => (e.Dynasty, e.Name)).Where(g => g.Count() > 1))
            Assert.Contains(group, e => e.Note.Contains($"used {group.Key.Name} twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_Republic_is_open_ended()
    {
        Assert.Equal(["民國"], ReignTable.Eras.Where(e => e.LastYear is null).Select(e => e.Name));
    }

    [Fact]
    public void Every_dynasty_is_used_and_spans_forwards()
    {
        foreach (var d in ReignTable.Dynasties)
        {
            Assert.True(d.FirstYear <= d.LastYear, d.Name);
            Assert.Contains(ReignTable.Eras, e => e.Dynasty == d.Name);
        }
    }

    [Theory]
    [InlineData("隋", "開皇 仁壽 大業")]
    [InlineData("明", "洪武 建文 永樂 洪熙 宣德 正統 景泰 天順 成化 弘治 正德 嘉靖 隆慶 萬曆 泰昌 天啟 崇禎")]
    [InlineData("清", "崇德 順治 康熙 雍正 乾隆 嘉慶 道光 咸豐 同治 光緒 宣統")]
    [InlineData("元", "中統 至元 元貞 大德 至大 皇慶 延祐 至治 泰定 致和 天順 天曆 至順 元統 至元 至正")]
    public void Dynasties_carry_their_full_sequence_of_eras(string dynasty, string eras)
    {
        var names = ReignTable.Eras.Where(e => e.Dynasty == dynasty && !e.Note.StartsWith("concurrent:", StringComparison.Ordinal)).Select(e => e.Name);
        Assert.Equal(eras.Split(' '), names);
    }

    [Theory]
    [InlineData("光緒", 1875, 1908, 34)]
    [InlineData("宣統", 1909, 1911, 3)]
    [InlineData("雍正", 1723, 1735, 13)]
    [InlineData("開皇", 581, 600, 20)]
    [InlineData("太平興國", 976, 984, 9)]
    [InlineData("孝昌", 525, 527, 3)]
    [InlineData("嘉靖", 1522, 1566, 45)]
    [InlineData("萬曆", 1573, 1620, 48)]
    [InlineData("康熙", 1662, 1722, 61)]
    [InlineData("乾隆", 1736, 1795, 60)]
    [InlineData("貞觀", 627, 649, 23)]
    [InlineData("開元", 713, 741, 29)]
    [InlineData("紹興", 1131, 1162, 32)]
    [InlineData("元鼎", -116, -111, 6)]
    public void Anchor_eras_have_the_standard_years(string name, int first, int last, int years)
    {
        var era = Assert.Single(ReignTable.FindEras(name));
        Assert.Equal((first, last, years), (era.FirstYear, era.LastYear!.Value, era.Years!.Value));
    }

    [Fact]
    public void Every_era_reads_back_its_first_and_last_year_in_both_scripts()
    {
        foreach (var era in ReignTable.Eras.Where(e => e.LastYear is not null))
        {
            var label = ReignTable.DynastyOf(era).Label;
            foreach (var name in new[] { era.Name, era.Simplified })
            {
                AssertReads($"{label}{name}元年", era.FirstYear);
                AssertReads($"{label}{name}{Numeral(era.Years!.Value)}年", era.LastYear!.Value);
                // One year too many is an error — unless a same-named era of the dynasty lasted longer.
                var longer = ReignTable.Eras.Any(e => e.Dynasty == era.Dynasty && e.Name == era.Name && e.Years > era.Years);
                if (!longer) Assert.False(ChineseDateParser.TryParse($"{label}{name}{Numeral(era.Years!.Value + 1)}年", out _, out _), $"{label}{name} past its end");
            }
        }
    }

    private static void AssertReads(string text, int year)
    {
        Assert.True(ChineseDateParser.TryParse(text, out var date, out var error), $"{text}: {error}");
        var readings = date.Alternatives.Prepend(date.ToEdtf());
        Assert.True(readings.Any(r => r.EndsWith(HistoricalYears.ToEdtf(year), StringComparison.Ordinal)), $"{text} gives {string.Join(", ", readings)}, expected {year}");
    }

    /// <summary>1–99 as a positional Chinese numeral (十二, 二十, 六十一).</summary>
    private static string Numeral(int n)
    {
        const string digits = "〇一二三四五六七八九";
        var tens = n / 10;
        var ones = n % 10;
        return (tens switch { 0 => "", 1 => "十", _ => digits[tens] + "十" }) + (ones == 0 ? "" : digits[ones].ToString());
    }
}
