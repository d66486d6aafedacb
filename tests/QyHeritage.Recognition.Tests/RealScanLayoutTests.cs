using QyHeritage.Archive.Tests;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// Layout on real scans (TestData/real-scans, attribution in its README): a photographed 文淵閣四庫全書 facsimile with
/// black frames and column rules, broken by the print and a little skewed, as a cropped half-folio and as the whole
/// sheet of four half-folios. No tesseract.
/// </summary>
public class RealScanLayoutTests
{
    internal static string Fixture(string name) =>
        Path.Combine(TestPaths.RepoRoot, "tests", "QyHeritage.Recognition.Tests", "TestData", "real-scans", name);

    [Fact]
    public void Framed_page_has_as_many_columns_as_its_transcription()
    {
        var (page, ruled) = RuledFixture.Find("wltk-j213-16a-half.jpg");

        var transcribed = File.ReadAllLines(Fixture("wltk-j213-16a.txt")).Count(l => l.Trim().Length > 0);
        var found = Assert.Single(ruled.Pages);
        Assert.Equal(transcribed, found.Columns.Count);
        // Right to left, each the space between two rules, none overlapping the next.
        Assert.Equal(found.Columns.OrderByDescending(c => c.X), found.Columns);
        Assert.All(found.Columns.Zip(found.Columns.Skip(1)), p => Assert.True(p.Second.Right <= p.First.X));

        RuledFrames.Remove(page, ruled.Rules);
        var lines = PageLayout.FromRuled(page, ruled);
        Assert.Equal(transcribed, lines.Count);
        // After the rules are gone, every column still holds its characters, top to bottom of the frame.
        Assert.All(lines, l => Assert.True(l.Pieces.Sum(p => p.Box.H) > 0));
        Assert.All(lines.SelectMany(l => l.Pieces).Where(p => !p.SmallNote), p => Assert.InRange(p.Pitch, 50, 70));
    }

    [Fact]
    public void Uncut_leaf_with_worn_rules_is_split_at_its_centre_strip_into_two_pages_of_their_columns()
    {
        // A manuscript leaf of two half-folios of 9 columns (counted on the image; its source's profile says 8) whose
        // rules are worn along much of their length and whose band reaches far past the frame: rules are judged against
        // the frame's height (4 + 4 columns were found against the band's), and a space twice the pitch is two columns
        // whose rule is worn thinner still.
        var (page, ruled) = RuledFixture.Find("xxsk-zongmu-uncut-leaf.jpg");

        Assert.Equal(2, ruled.Pages.Count);
        Assert.Single(ruled.CentreStrips);
        Assert.True(ruled.Pages[0].Box.X > ruled.CentreStrips[0].Right && ruled.Pages[1].Box.Right < ruled.CentreStrips[0].X);
        Assert.All(ruled.Pages, p => Assert.Equal(9, p.Columns.Count));
        // Every column one pitch wide: none is two columns run together.
        var pitch = ruled.Pages.SelectMany(p => p.Columns).Select(c => c.W).Order().ElementAt(9);
        Assert.All(ruled.Pages.SelectMany(p => p.Columns), c => Assert.InRange(c.W, pitch * 0.8, pitch * 1.25));
    }

    [Fact]
    public void Sheet_of_four_half_folios_is_split_at_its_centre_strips_into_four_pages()
    {
        var (page, ruled) = RuledFixture.Find("wltk-j213-sheet-third.jpg");

        Assert.Equal(4, ruled.Pages.Count);
        Assert.All(ruled.Pages, p => Assert.Equal(8, p.Columns.Count));
        // Reading order: the upper register's right half-folio (a), its left (b), then the lower register's.
        var (a1, b1, a2, b2) = (ruled.Pages[0].Box, ruled.Pages[1].Box, ruled.Pages[2].Box, ruled.Pages[3].Box);
        Assert.True(a1.X > b1.Right && a2.X > b2.Right);
        Assert.True(a1.Bottom < a2.Y && b1.Bottom < b2.Y);
        // The two 版心 lie between the halves of their folio and are no page's column.
        Assert.Equal(2, ruled.CentreStrips.Count);
        Assert.All(ruled.CentreStrips, s => Assert.DoesNotContain(ruled.Pages.SelectMany(p => p.Columns), c => c.X < s.Right && s.X < c.Right && c.Y < s.Bottom && s.Y < c.Bottom));
        Assert.True(ruled.CentreStrips[0].X > b1.Right && ruled.CentreStrips[0].Right < a1.X);
    }
}
