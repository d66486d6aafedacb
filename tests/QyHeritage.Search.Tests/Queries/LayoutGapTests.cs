using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests.Queries;

/// <summary>A blank left in a column, or a note bracket, is layout, not a word break: 苏轼 finds 「蘇 軾」.</summary>
public sealed class LayoutGapTests : IDisposable
{
    private readonly TinyIndex _tiny = new(
        ("QY-T-GAP", 1100, "宋眉山蘇　軾字子瞻號東坡"),          // a layout blank in the column
        ("QY-T-NOTE", 1100, "宋眉山蘇〔軾字子瞻〕號東坡"),        // the name runs into a double-line note
        ("QY-T-WHOLE", 1100, "宋眉山蘇軾字子瞻號東坡"),           // printed unbroken
        ("QY-T-TWO", 1100, "宋眉山蘇　　〔注〕　軾字"),          // more than a gap: note text between
        ("QY-T-BREAK", 1100, "宋眉山蘇\n\n軾字子瞻"));            // a blank line: two articles, not one name

    [Fact]
    public void A_name_printed_across_a_blank_or_a_note_bracket_is_found_and_the_unbroken_form_ranks_first()
    {
        var ranked = _tiny.Ranked("苏轼");
        Assert.Equal("QY-T-WHOLE", ranked[0]);
        Assert.Equal(["QY-T-GAP", "QY-T-NOTE", "QY-T-WHOLE"], ranked.Order().ToList());
        Assert.Equal(["QY-T-GAP", "QY-T-NOTE", "QY-T-WHOLE"], _tiny.Ranked("蘇軾字子瞻").Order().ToList());
        Assert.Equal("QY-T-WHOLE", _tiny.Ranked("眉山苏轼")[0]);
        Assert.Equal(3, _tiny.Ranked("眉山苏轼").Count);
    }

    [Fact]
    public void The_hit_covers_the_name_and_its_gap()
    {
        var hits = _tiny.Service.Search(new SearchRequest { Query = "苏轼" }).PageHits.ToDictionary(h => h.ItemId);
        Assert.Equal("蘇 軾", Assert.Single(hits["QY-T-GAP"].Hits).Text);
        Assert.Equal("蘇〔軾", Assert.Single(hits["QY-T-NOTE"].Hits).Text);
        Assert.Contains("<mark>蘇 軾</mark>", hits["QY-T-GAP"].Snippet.Marked());
        Assert.Equal("蘇軾", Assert.Single(hits["QY-T-WHOLE"].Hits).Text);
    }

    public void Dispose() => _tiny.Dispose();
}
