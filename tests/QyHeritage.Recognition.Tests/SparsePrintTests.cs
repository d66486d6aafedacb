namespace QyHeritage.Recognition.Tests;

/// <summary>
/// A Ming print on orange paper (TestData/real-scans, attribution in its README): 11 ruled columns of large characters
/// set sparsely (a list of chapter names), its column rules worn into dashes over the upper half of the page. No
/// tesseract: the layout alone, prepared as <see cref="TesseractOcr"/> prepares a ruled page.
/// </summary>
public class SparsePrintTests
{
    [Fact]
    public void Columns_of_a_worn_print_reach_its_frame_top_and_their_rules_dashes_are_no_notes()
    {
        var (page, ruled) = RuledFixture.Find("ming-lists-book4-1.jpg");
        RuledFrames.Remove(page, ruled.Rules);
        var spacing = RuledFixture.Pitch(ruled.Pages.SelectMany(p => p.Columns).ToList());
        RuleRemoval.Remove(page, spacing);
        SpeckRemoval.Remove(page, minArea: 12, maxHairline: Math.Max(2, page.Height / 1100));

        var lines = PageLayout.FromRuled(page, ruled);

        // The headings at the head of their columns (〇第一百二十三卷, 大宛傳 …) lie a fifth of the way down, below the
        // frame's top line: those columns' ink starts there, not halfway down where the rules' unbroken runs begin. (The
        // names set lower, 王溫舒 a third of the way down, start lower now that the rules' dashes beside them are cleared.)
        var columns = lines.Where(l => l.Box.W >= spacing * 0.8).ToList();
        Assert.True(columns.Count >= 9, $"{columns.Count} text columns");
        Assert.True(columns.Count(l => l.Box.Y < page.Height / 4) >= 5, string.Join(" ", columns.Select(l => l.Box.Y)));
        // Large main text in most of them: the dashes left of a rule at a column's edge do not make the column a note.
        Assert.True(columns.Count(l => l.Pieces.All(p => !p.SmallNote)) >= 6,
            string.Join(" | ", columns.Select(l => string.Join(" ", l.Pieces.Select(p => $"{p.Box}{(p.SmallNote ? "n" : "")}")))));
    }

    [Fact]
    public void Columns_whose_rules_are_worn_thinner_than_the_others_are_cut_apart_where_their_rules_belong()
    {
        // The next half-folio: its three right rules are found as rules, the six between its seven left columns hold long
        // runs over under half the frame's height (one over an eighth of it). Each of those columns is its own, not a
        // run of seven read as one line.
        var (page, ruled) = RuledFixture.Find("ming-lists-book4-2.jpg");
        var columns = Assert.Single(ruled.Pages).Columns;
        Assert.True(columns.Count >= 10, string.Join(" ", columns.Select(c => $"{c.X}+{c.W}")));
        var pitch = RuledFixture.Pitch(columns);
        Assert.All(columns, c => Assert.InRange(c.W, pitch * 0.8, pitch * 1.25));
        // The seven cover the frame's left part, each one column wide, right to left without a gap of a column.
        Assert.All(columns.Zip(columns.Skip(1)), p => Assert.True(p.First.X - p.Second.Right < pitch / 2, $"{p.First} {p.Second}"));
    }

    [Fact]
    public void Nothing_beyond_the_double_border_is_a_column()
    {
        // The half-folio was photographed to its spine: right of the frame's double border lie a blank strip, the
        // binding's thread and its paper tabs, inked over much of the height. They are no column of text: the page's nine
        // ruled columns are, and a tenth, 游俠傳 beyond the leftmost rule whose border is worn away (EdgeColumnTests).
        var (page, ruled) = RuledFixture.Find("ming-lists-book4-1.jpg");
        var columns = Assert.Single(ruled.Pages).Columns;
        var pitch = RuledFixture.Pitch(columns);
        Assert.True(columns.Max(c => c.Right) < page.Width - pitch, string.Join(" ", columns.Select(c => $"{c.X}+{c.W}")));
        Assert.Equal(10, columns.Count);
    }

}
