using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.PageGen;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// A worn horizontal stroke broken in the middle of its column (the wear of bench/ocr/PageGen) leaves flat ink on both
/// sides of the column's middle, as a double-line note's rows do; taken for a note, the character was read in pieces,
/// each an unread cell (〓). A note's characters are half a column tall, a stroke is not.
/// </summary>
public class BrokenStrokeTests(SharedModels shared) : IClassFixture<SharedModels>
{
    [Fact]
    public async Task Broken_stroke_of_a_flat_character_is_no_note_and_the_character_is_read_whole()
    {
        // The bench's rare-book page rb01 of seed 1 (bench/ocr/pagegen.sh --seed 1): 三 of 袤三百一十里 and 二 of
        // 一百二十里 have a stroke broken in the middle; each was read as 〓 and what was left (〓二, 〓〓), and 廣 got a 〓
        // after it.
        const string folder = "rb01_gdtz_j04_qingyuan_jiangyu";
        GeneratedPage page;
        using (var fonts = new Fonts())
            page = new PageGenerator(fonts).Render(PageKind.Classical, GeneratedPages.Pages(folder), 0, "廣東通志 卷四 疆域志·廣州府清遠縣",
                PageGenerator.PageSeed(1, folder, "p001"));
        var result = await GeneratedPages.ReadAsync(shared.Models, GeneratedPages.Save(page, folder + "-seed1"), CollectionKind.RareBook);
        var text = string.Concat(result.Text.Where(c => !char.IsWhiteSpace(c)));

        Assert.Contains("其地廣二百二十五里袤三百一十里", text);
        Assert.Contains("廣寧縣界一百二十里", text);
    }
}
