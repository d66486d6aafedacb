namespace QyHeritage.Recognition.Tests;

/// <summary>
/// The thin, broken inner line of a double border (a Ming print's worn block), too short in its runs to be found as a
/// rule: left inside the outermost column it was read as a column of 〓 (50 of them on this half-folio).
/// No tesseract: the ink as <see cref="TesseractOcr"/> prepares a ruled page before laying it out.
/// </summary>
public class DoubleBorderTests
{
    [Fact]
    public void The_inner_line_of_a_worn_double_border_is_kept_out_of_the_outermost_column()
    {
        // The left half-folio of 史記目錄: its leftmost column (史記目錄 單) lies inside a double border whose thin inner
        // line runs a tenth of a column in from the thick outer one. The column starts past that line (it was taken
        // from the outer line, 280 px for a pitch of 251, the line inside it read as 50 〓), which is cleared as a rule.
        var (_, ruled) = RuledFixture.Find("ming-lists-book4-4.jpg");
        var columns = Assert.Single(ruled.Pages).Columns;
        var pitch = RuledFixture.Pitch(columns);
        var leftmost = columns.MinBy(c => c.X);
        Assert.True(leftmost.W <= pitch * 1.05, $"leftmost column {leftmost.W} px wide, pitch {pitch}");
        Assert.Contains(ruled.Rules, r => r.Vertical && r.To < leftmost.X + 2 && r.From > leftmost.X - pitch / 5 && r.Width < pitch / 20);
    }
}
