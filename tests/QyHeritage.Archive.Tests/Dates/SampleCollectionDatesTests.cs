using QyHeritage.Archive.Dates;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ingest;

namespace QyHeritage.Archive.Tests.Dates;

/// <summary>Every date_as_written of the sample collection against the catalogue's own iso_year.</summary>
public class SampleCollectionDatesTests
{
    /// <summary>
    /// Rows where the parser's EDTF is knowingly not the catalogue's, with what the parser gives and why.
    /// The years agree for these rows too.
    /// </summary>
    private static readonly Dictionary<string, (string ParserEdtf, string Why)> Differences = new()
    {
        // 北魏（酈道元卒於孝昌三年）: the only date expression is 孝昌三年 = 527, the author's death. The cataloguer
        // marks the work '~' (written by then); the parser cannot know that 卒 makes it a terminus ante quem.
        ["QY-RB-008"] = ("0527", "death year read as the date"),
        ["QY-RB-009"] = ("0527", "death year read as the date"),
        // 篇末署「九，三」: a bare "9, 3" is not read as month and day — in general text it is just two numbers.
        ["QY-RD-006"] = ("1927", "九，三 is not a month-day form"),
        ["QY-RD-007"] = ("1927", "九，四 is not a month-day form"),
        // 2019年8月20日轉儲: the parser keeps the day of the dump; the catalogue chose to record the year only.
        ["QY-LH-003"] = ("2019-08-20", "the catalogue keeps only the year"),
        ["QY-LH-004"] = ("2019-08-20", "the catalogue keeps only the year"),
    };

    private static IReadOnlyList<CsvRow> Rows() =>
        CsvTable.Parse(File.ReadAllText(Path.Combine(TestPaths.SampleCollection, "items.csv")), ["id", "date_as_written", "iso_year"]);

    [Fact]
    public void Every_written_date_of_the_sample_gives_the_catalogue_years()
    {
        var rows = Rows();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var date = ChineseDateParser.FindIn(row["date_as_written"]);
            Assert.True(date is not null, $"{row["id"]}: no date found in {row["date_as_written"]}");
            Assert.True(ItemDate.TryCreate(row["date_as_written"], row["iso_year"], out var catalogue, out var error), error);
            Assert.True((catalogue.StartYear, catalogue.EndYear) == (date.StartYear, date.EndYear),
                $"{row["id"]}: {row["date_as_written"]} gives {date.ToEdtf()}, the catalogue says {row["iso_year"]}");
            var expected = Differences.TryGetValue(row["id"], out var difference) ? difference.ParserEdtf : row["iso_year"];
            Assert.True(expected == date.ToEdtf(), $"{row["id"]}: {row["date_as_written"]} gives {date.ToEdtf()}, expected {expected}");
        }
    }

    [Fact]
    public void The_listed_differences_are_rows_of_the_sample_that_really_differ()
    {
        var rows = Rows().ToDictionary(r => r["id"]);
        foreach (var (id, (parserEdtf, _)) in Differences)
        {
            Assert.True(rows.ContainsKey(id), id);
            Assert.NotEqual(rows[id]["iso_year"], parserEdtf);
        }
    }

    [Fact]
    public void A_dynasty_written_alone_is_a_span_when_it_is_the_whole_date_and_nothing_inside_text()
    {
        // 北魏 is not a date expression inside text (清, 明, 宋 … are everyday characters: 清遠, 明日),
        Assert.Null(ChineseDateParser.FindIn("北魏"));
        // but as the whole date field it stands for the dynasty's span.
        Assert.True(ChineseDateParser.TryParse("北魏", out var date, out var error), error);
        Assert.Equal((386, 534, "0386/0534"), (date.StartYear, date.EndYear, date.ToEdtf()));
        // In the sample the era inside the note is what is read.
        Assert.Equal("北魏孝昌", ChineseDateParser.FindIn("北魏（酈道元卒於孝昌三年）")!.Era);
    }

    [Fact]
    public void The_republican_documents_read_the_same_year_both_ways()
    {
        foreach (var row in Rows().Where(r => r["date_as_written"].StartsWith("一九二七年（民國十六年）", StringComparison.Ordinal)))
        {
            var date = ChineseDateParser.FindIn(row["date_as_written"])!;
            Assert.Equal(1927, date.StartYear);
            Assert.Empty(date.Alternatives);
            Assert.False(date.Lunar);
        }
    }
}
