using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;
using QyHeritage.PageGen;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// Marks of punctuation in the body type of Republic-era pages (TrailingMarks.InColumn): a comma or full stop a few
/// pixels across, under the right of its character in the space after it, is a cell of its own and read as ，or 。;
/// classical pages, which have none, get none.
/// </summary>
public class BodyPunctuationTests(SharedModels shared) : IClassFixture<SharedModels>
{
    [Fact]
    public async Task Newspaper_body_commas_are_read_where_they_stand()
    {
        // The bench's np03 page (seed 1): 20 px body type, each comma 3–4 px wide and 5 high, a row under its character.
        // The column's pitch cut the comma across two cells, and the half left alone was dropped as a speck: 2 of its
        // 20 commas were read (bench/RESULTS.md, h/marks).
        const string folder = "np03_synthetic_newspaper";
        var (page, result) = await GeneratedPages.ReadBenchNewspaperAsync(shared.Models, folder, "報紙版式樣張 第三號（合成版面）", folder + "-marks");
        var read = result.Lines.Select(l => l.Text).ToList();

        // Each body line of the text file with commas, against the column read most like it: a comma is in place when
        // the character before it or after it is read beside it.
        var (commas, placed) = MarksInPlace.Count(page.Text, read, '，', (line, i, best) =>
            (i > 0 && best.Contains($"{line[i - 1]}，", StringComparison.Ordinal))
            || (i + 1 < line.Length && best.Contains($"，{line[i + 1]}", StringComparison.Ordinal)));
        Assert.True(commas >= 10, $"{commas} commas in the body");
        Assert.True(placed >= commas * 0.6, $"{placed} of {commas} commas read in place: {string.Join(" / ", read)}");
    }

    [Fact]
    public async Task Classical_page_gets_no_marks()
    {
        // A worn rare-book page has no punctuation: a dot of a character or a speck under its right edge is no mark.
        using var fonts = new Fonts();
        const string folder = "rb02_gdtz_j04_yingde_jiangyu";
        var page = new PageGenerator(fonts).Render(PageKind.Classical, GeneratedPages.Pages(folder), 0, "廣東通志 卷四", PageGenerator.PageSeed(1, folder, "p001"));
        var result = await GeneratedPages.ReadAsync(shared.Models, GeneratedPages.Save(page, folder + "-marks"), CollectionKind.RareBook);

        Assert.DoesNotContain('，', result.Text);
        Assert.DoesNotContain('。', result.Text);
    }

    [Theory]
    [InlineData("。", 4, 5, "，")]   // a comma at 20 px: 4 wide, 5 high, read as a ring
    [InlineData(".", 3, 4, "，")]
    [InlineData("，", 6, 6, "，")]   // a square cell (a full stop's, squared by TrailingMarks) keeps what was read
    [InlineData("。", 6, 6, "。")]
    public void Mark_cell_shape_tells_a_comma(string text, int w, int h, string expected) =>
        Assert.Equal(expected, CellCorrections.Apply(text, new Box(0, 0, w, h), rotated: false, columnWidth: 26));
}
