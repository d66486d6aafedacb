using QyHeritage.Archive.Ocr;

using static QyHeritage.Recognition.Tests.CellGlyphs;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// The Siku facsimile's double border (文武邊): a thin inner line, whole down the frame, a tenth of a column inside the
/// thick outer one. Left inside the outermost column it widened that column past the page's pitch and its cells took
/// the line in (17b 82.2 % before, 83.9 % with it taken out). No tesseract: the ink as <see cref="TesseractOcr"/>
/// prepares a ruled page before laying it out.
/// </summary>
public class SikuDoubleBorderTests
{
    [Fact]
    public void The_whole_thin_inner_line_of_a_double_border_is_kept_out_of_the_outermost_column()
    {
        // 17b's leftmost column (黎之後羲氏和氏…) lies inside the double border: it starts past the thin line (it was
        // taken from the thick one, 223 px for a pitch of 192; 202 past it), which is cleared as a rule.
        var (_, ruled) = RuledFixture.Find("wltk-j213-17b.jpg");
        var columns = ruled.Pages.SelectMany(p => p.Columns).ToList();
        var pitch = RuledFixture.Pitch(columns);
        var leftmost = columns.MinBy(c => c.X);
        Assert.True(leftmost.W <= pitch * 1.1, $"leftmost column {leftmost.W} px wide, pitch {pitch}");
        var line = Assert.Single(ruled.Rules, r => r.Vertical && r.To < leftmost.X + 2 && r.From > leftmost.X - pitch / 5 && r.Width < pitch / 20);
        Assert.True(line.End - line.Start >= leftmost.H * 3 / 4, $"inner line {line.Start}–{line.End}, column {leftmost.Y}–{leftmost.Bottom}");
    }

    [Fact]
    public void A_character_tesseract_read_beside_another_in_one_cell_is_taken_unsure()
    {
        // 16a's 也: PP-OCR read 世 unsure, tesseract 選 0.95 and 別 0.92 in the one cell; the alignment paired 別, a
        // character beyond PP-OCR, with 世 and it was taken at 0.54. Here 清 and 戰 (beyond PP-OCR) in one cell.
        var vote = new CellVote(new HashSet<string> { "清", "戰", "記" }, SimplifiedForms.ModernType, Margin: 0, AddAbove: 0.9,
            PaddleKnows: new HashSet<string> { "清", "記" });
        var next = new Dictionary<Box, IReadOnlyList<(string Text, float P)>>();
        var crowded = vote.OverrulePaddleAlone([InCell("清", 0.95, 0), InCell("戰", 0.92, 0)], [InCell("記", 0.38, 0)], next, borneOut: 0.7);
        var taken = Assert.Single(crowded);
        Assert.Equal("戰", taken.Text);
        // As sure as tesseract was surer, times 戰's share of tesseract's confidence in the cell.
        Assert.Equal((0.92 - 0.38) * 0.92 / (0.95 + 0.92), taken.Confidence, 3);
        Assert.True(taken.Confidence < 0.5);
        // Read alone in its cell, it is as sure as before.
        Assert.Equal(0.54, Assert.Single(vote.OverrulePaddleAlone([InCell("戰", 0.92, 0)], [InCell("記", 0.38, 0)], next, borneOut: 0.7)).Confidence, 3);
    }
}
