using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// A heading beyond the outermost rule found: on the Ming print's book4/1 (TestData/real-scans) 游俠傳 stands in the
/// leftmost column, whose outer border is worn away, above the frame found where the rules run long (y 2365–5024), and
/// the column holds no other ink. No tesseract: the layout alone.
/// </summary>
public class EdgeColumnTests
{
    [Fact]
    public void A_heading_beyond_the_outermost_rule_above_the_frame_found_is_in_a_column()
    {
        var (page, ruled) = RuledFixture.Find("ming-lists-book4-1.jpg");
        var ruledPage = Assert.Single(ruled.Pages);
        var columns = RuledReach.Columns(page, ruledPage);
        // 游俠傳: x 150–360, y 1560–2160 on the page, left of the leftmost rule (x ≈ 370).
        Assert.Contains(columns, c => c.X <= 170 && c.Right >= 340 && c.Y <= 1560 && c.Bottom >= 2160);
        Assert.Equal(10, ruledPage.Columns.Count);
    }
}
