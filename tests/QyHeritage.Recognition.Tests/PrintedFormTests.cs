using QyHeritage.Archive.Domain;
using QyHeritage.PageGen;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// A page is read in the variant forms its type prints (PrintedForms): the same Republic-era page printed with 爲 reads
/// 爲, and printed with 為 reads 為. Both readers write 為 for either (tesseract's model has no 爲, PP-OCR's word
/// sense prefers 為): before the page's ink chose, the page printed with 爲 read 為 in every cell (seed 1's rd03). A page
/// set in the templates' own face keeps the forms its cells were judged in: Noto's 髙 beat the 高 of a kai page.
/// </summary>
public class PrintedFormTests(SharedModels shared) : IClassFixture<SharedModels>
{
    [Theory]
    [InlineData("爲", "為")]
    [InlineData("為", "爲")]
    public async Task Republican_page_reads_wei_in_the_form_it_is_printed_in(string printed, string other)
    {
        using var fonts = new Fonts();
        const string folder = "rd03_luxun_dushu_zatan";
        var pages = GeneratedPages.Pages(folder).Select(p => (IReadOnlyList<string>)p.Select(l => l.Replace(other, printed, StringComparison.Ordinal)).ToList()).ToList();
        var page = new PageGenerator(fonts).Render(PageKind.Republican, pages, 0, "讀書雜談", PageGenerator.PageSeed(1, folder, "p001"));
        Assert.True(page.Text.Count(c => c.ToString() == printed) >= 3, page.Text);

        var result = await GeneratedPages.ReadAsync(shared.Models, GeneratedPages.Save(page, $"{folder}-{printed}"), CollectionKind.RepublicanDoc);

        var text = result.Text;
        Assert.True(text.Count(c => c.ToString() == printed) >= 2, $"{printed} printed: {text}");
        Assert.DoesNotContain(other, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_set_in_the_templates_own_face_keeps_gao_as_printed()
    {
        // rb07's first page (rendered in UKai, the kai style's first font) prints 高 twice; 髙 is drawn by Noto only.
        var image = Path.Combine(QyHeritage.Archive.Tests.TestPaths.SampleCollection, "rb07_gdtz_j61_you_xiashan_shi", "p001.jpg");
        var truth = File.ReadAllText(Path.ChangeExtension(image, ".txt"));
        Assert.True(truth.Count(c => c == '高') >= 2 && !truth.Contains('髙'), truth);

        var text = (await GeneratedPages.ReadAsync(shared.Models, image, CollectionKind.RareBook)).Text;

        Assert.True(text.Count(c => c == '高') >= 2, text);
        Assert.DoesNotContain("髙", text, StringComparison.Ordinal);
    }
}
