using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// The first tier of a magazine page opens with a title in larger bold type and the author's name, then columns of
/// small type whose paragraphs start indented: few columns of body type, heavy and light in turn, whose column profile
/// repeats more strongly at two columns than at one. Its columns are found at the pitch of the page's tiers together.
/// </summary>
public class MagazineTierTests(SharedModels shared) : IClassFixture<SharedModels>
{
    [Fact]
    public async Task First_tier_with_a_title_and_an_author_line_is_cut_into_its_columns()
    {
        // The bench's magazine page of rd05 (bench/ocr/pagegen.sh --seed 1): a stain at the foot of the first tier. Its
        // tier measured alone repeated at 30 px, twice its columns' 15 px, and was cut into six runs, four of them two
        // columns wide: the tier read "批 工 留 的《務國（匠牛《民" for the title 扣絲雜感, 魯迅 and four text columns,
        // the page 43.8 %. Measured after (2026-12-07): nine lines (the stain's mark one of them), the title read
        // 扣森雜感, the first text column 以下還世話，是因昌見了一麗）！, the page 59.9 %.
        const string folder = "rd05_luxun_kousi_zagan";
        var (page, result) = await GeneratedPages.ReadBenchMagazineAsync(shared.Models, folder, "扣絲雜感", folder + "-mag-tier");

        // The first tier: its lines up to where the next line lies far to the right of the last (the next tier's first).
        var tier = new List<OcrLine>();
        foreach (var line in result.Lines)
        {
            if (tier.Count > 0 && line.Box.X > tier[^1].Box.X + result.Width / 2) break;
            tier.Add(line);
        }
        var read = tier.Select(l => string.Concat(l.Glyphs.Select(g => g.Text))).ToList();
        var drawn = page.Text.Split('\n');
        // The title, the author and six text columns were drawn there.
        Assert.True(tier.Count >= 8, $"{tier.Count} lines in the first tier: {string.Join(" | ", read)}");
        Assert.Contains(read.Take(3), l => CharacterAccuracy.Measure(drawn[0], l) >= 0.5);
        Assert.Contains(read.Take(5), l => CharacterAccuracy.Measure(drawn[2], l) >= 0.5);
    }

    [Theory]
    // A tier that repeats at twice the page's pitch, or at no clear lag, takes the page's; one of its own type keeps its own.
    [InlineData(30.3, 14.9, 14.9)]
    [InlineData(0, 15.0, 15.0)]
    [InlineData(14.8, 14.9, 14.8)]
    [InlineData(37.8, 14.9, 37.8)]
    [InlineData(30.3, 0, 30.3)]
    public void Tier_pitch_is_its_own_unless_it_is_none_or_a_multiple_of_the_pages(double own, double pagePitch, double expected) =>
        Assert.Equal(expected, PageLayout.TierPitch(own, pagePitch), 3);
}
