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
        var page = InkImage.Load(RealScanLayoutTests.Fixture("ming-lists-book4-1.jpg"));
        page.Deskew();
        var ruled = RuledFrames.Find(page);
        Assert.NotNull(ruled);
        RuledFrames.Remove(page, ruled.Rules);
        var spacing = ruled.Pages.SelectMany(p => p.Columns).Select(c => c.W).Order().ElementAt(ruled.Pages.Sum(p => p.Columns.Count) / 2);
        RuleRemoval.Remove(page, spacing);
        SpeckRemoval.Remove(page, minArea: 12, maxHairline: Math.Max(2, page.Height / 1100));

        var lines = PageLayout.FromRuled(page, ruled);

        // The names at the head of the columns (王溫舒, 楊僕, 第一百二十三卷, 大宛傳 …) lie a fifth of the way down, below
        // the frame's top line: most columns' ink starts there, not halfway down where the rules' unbroken runs begin.
        var columns = lines.Where(l => l.Box.W >= spacing * 0.8).ToList();
        Assert.True(columns.Count >= 9, $"{columns.Count} text columns");
        Assert.True(columns.Count(l => l.Box.Y < page.Height / 4) >= 7, string.Join(" ", columns.Select(l => l.Box.Y)));
        // Large main text in most of them: the dashes left of a rule at a column's edge do not make the column a note.
        Assert.True(columns.Count(l => l.Pieces.All(p => !p.SmallNote)) >= 6,
            string.Join(" | ", columns.Select(l => string.Join(" ", l.Pieces.Select(p => $"{p.Box}{(p.SmallNote ? "n" : "")}")))));
    }
}
