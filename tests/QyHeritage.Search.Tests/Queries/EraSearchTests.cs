using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests.Queries;

/// <summary>An era name finds what is dated in it, not only the pages whose text holds the word.</summary>
[Collection(SampleIndexCollection.Name)]
public sealed class EraSearchTests(SampleIndex sample)
{
    private HashSet<(string, int)> Where(Func<SamplePage, bool> keep) => sample.Pages.Where(keep).Select(p => (p.Item.Id, p.Page.Order)).ToHashSet();

    private bool TextHolds(SamplePage p, string simplified) => sample.Index.Folding.Fold(p.Text.Text).Contains(simplified, StringComparison.Ordinal);

    private static bool DatedIn(SamplePage p, int from, int to) => p.Item.Date.StartYear is int s && s <= to && (p.Item.Date.EndYear ?? s) >= from;

    [Fact]
    public void Yongzheng_finds_every_page_of_the_items_dated_Yongzheng()
    {
        var dated = Where(p => DatedIn(p, 1723, 1735));
        Assert.Contains(dated, k => k.Item1 == "QY-RB-001"); // 雍正九年 = 1731
        var found = sample.PagesFound("雍正");
        Assert.Superset(dated, found);
        // ... and nothing else but pages that say 雍正 (in the text or in the date as written).
        Assert.Equal(dated.Union(Where(p => TextHolds(p, "雍正") || p.Item.Date.AsWritten.Contains("雍正", StringComparison.Ordinal))).ToHashSet(), found);
        Assert.Contains(sample.Service.Search(new SearchRequest { Query = "雍正" }).Notes, n => n.Contains("1723–1735", StringComparison.Ordinal));
        Assert.Equal(dated, sample.PagesFound("year:雍正"));
        Assert.Equal(sample.PagesFound("year:1723-1735"), sample.PagesFound("year:雍正"));
    }

    [Fact]
    public void Qianlong_finds_the_items_whose_date_as_written_names_it()
    {
        // 雍正九年（文淵閣四庫全書本，乾隆間鈔）: the copy was made in the Qianlong reign.
        var copied = Where(p => p.Item.Date.AsWritten.Contains("乾隆", StringComparison.Ordinal));
        Assert.NotEmpty(copied);
        Assert.Superset(copied, sample.PagesFound("乾隆"));
        Assert.Empty(Where(p => DatedIn(p, 1736, 1795))); // none is dated in it by its normalised year
    }

    [Fact]
    public void The_Republic_is_found_in_either_script()
    {
        var republic = Where(p => DatedIn(p, 1912, 1949));
        Assert.Contains(republic, k => k.Item1 == "QY-NP-001");
        var traditional = sample.PagesFound("民國");
        Assert.Superset(republic, traditional);
        Assert.Equal(traditional, sample.PagesFound("民国"));
        Assert.Equal(republic, sample.PagesFound("year:民国"));
    }

    [Fact]
    public void A_prefixed_text_search_is_the_text_only()
    {
        Assert.Equal(Where(p => TextHolds(p, "雍正")), sample.PagesFound("text:雍正"));
    }
}

/// <summary>Items dated by year only (no era in the date as written): the reign is found from the normalised years.</summary>
public sealed class EraYearTests : IDisposable
{
    private readonly TinyIndex _tiny = new(("QY-T-1740", 1740, "縣北江水"), ("QY-T-1760", 1760, "縣北江水"), ("QY-T-1800", 1800, "縣北江水"));

    private List<string> Items(string q) => _tiny.Ranked(q).Order().ToList();

    [Fact]
    public void An_era_name_and_an_era_range_find_the_years_they_cover()
    {
        Assert.Equal(["QY-T-1740", "QY-T-1760"], Items("乾隆")); // 1736–1795; none of the texts says 乾隆
        Assert.Equal(["QY-T-1740"], Items("year:乾隆元年-乾隆十年")); // 1736–1745
        Assert.Equal(["QY-T-1760"], Items("year:乾隆二十五年"));
        Assert.Equal(["QY-T-1800"], Items("嘉慶"));
        Assert.Equal(["QY-T-1800"], Items("嘉庆 北江"));
        Assert.Empty(Items("雍正"));
    }

    public void Dispose() => _tiny.Dispose();
}
