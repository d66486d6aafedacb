using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// The leaf number each real page prints in its 版心 (TestData/real-scans: 五禮通考 卷213, leaves 16 and 17 of a
/// photographed 文淵閣四庫全書 sheet), read by PP-OCR (a real run) and recorded as the page's folio in its hOCR.
/// </summary>
public class FoldColumnTests(SharedModels shared) : IClassFixture<SharedModels>
{
    private TesseractOcr Ocr() => new(options: new TesseractOcrOptions { Reader = CellReader.Both }, models: shared.Models);

    private static readonly OcrProfile RareBook = OcrProfile.For(QyHeritage.Archive.Domain.CollectionKind.RareBook,
        QyHeritage.Archive.Domain.Script.Traditional, QyHeritage.Archive.Domain.TextLayout.VerticalRightToLeft);

    [Fact]
    public async Task A_sheet_of_half_folios_names_each_by_the_leaf_its_centre_strip_prints_where_it_reads_surely()
    {
        using var ocr = Ocr();
        // The sheet at a third of its size: the upper register's 十六 reads; the lower's 十七, some 14 px a character
        // here, is too faint to be sure of and is left unnamed rather than guessed (at full size bench/ocr reads
        // 16a 16b 17a 17b).
        var page = await ocr.RecogniseAsync(RealScanLayoutTests.Fixture("wltk-j213-sheet-third.jpg"), RareBook);
        Assert.Equal(["16a", "16b"], page.Folios.Select(f => f.ToString()));
        Assert.Equal(page.Folios, Hocr.Parse(Hocr.Write(page)).Folios);
    }

    [Fact]
    public async Task A_half_folio_cropped_with_its_centre_strip_is_the_back_of_that_leaf_and_one_without_has_no_folio()
    {
        using var ocr = Ocr();
        var back = await ocr.RecogniseAsync(RealScanLayoutTests.Fixture("wltk-j213-16b.jpg"), RareBook);
        Assert.Equal([new PrintedFolio(16, FolioHalf.B)], back.Folios);
        var next = await ocr.RecogniseAsync(RealScanLayoutTests.Fixture("wltk-j213-17b.jpg"), RareBook);
        Assert.Equal([new PrintedFolio(17, FolioHalf.B)], next.Folios);
        var front = await ocr.RecogniseAsync(RealScanLayoutTests.Fixture("wltk-j213-16a.jpg"), RareBook);
        Assert.Empty(front.Folios);
    }

    [Theory]
    [InlineData("1.jpg")]
    [InlineData("10.jpg")]
    public async Task A_centre_strip_that_prints_no_leaf_number_gives_no_folio(string name)
    {
        // 續修四庫全書總目 (layout/book2 of ../shared/real-scans, open-guji-cv, Apache-2.0): an uncut leaf whose 版心
        // prints the title, 卷 and 部 and leaves the leaf number blank. Read as numerals alone, 部 would be 五 or 百.
        var sheet = Path.Combine(QyHeritage.Archive.Tests.TestPaths.RepoRoot, "..", "shared", "real-scans", "layout", "book2", name);
        Assert.True(File.Exists(sheet), $"{sheet} is missing: ../shared must lie beside the repository");
        var ink = InkImage.Load(sheet);
        ink.Deskew();
        Assert.Single(RuledFrames.Find(ink)!.CentreStrips);
        using var ocr = Ocr();
        var page = await ocr.RecogniseAsync(sheet, RareBook);
        Assert.Empty(page.Folios);
    }

    [Fact]
    public async Task Generated_half_folios_are_named_by_the_leaf_number_drawn_and_never_by_a_wrong_one()
    {
        // Drawn in CNS 11643 Sung with wear (bench/ocr/PageGen), a font no part of recognition was drawn from; fronts and
        // backs. A leaf number too worn to be sure of may go unnamed, a wrong one never.
        using var fonts = new QyHeritage.PageGen.Fonts();
        var generator = new QyHeritage.PageGen.PageGenerator(fonts);
        var folder = QyHeritage.Archive.Tests.TestPaths.NewTempFolder("folio-generated");
        using var ocr = Ocr();
        var (named, drawnFolios) = (0, new List<string>());
        foreach (var (item, index, seed) in new[] { ("rb01_gdtz_j04_qingyuan_jiangyu", 0, 1), ("rb02_gdtz_j04_yingde_jiangyu", 1, 4), ("rb04_gdtz_j15_beijiang_shuili", 0, 2),
                                                   ("rb08_shuijingzhu_j38_zhenshui", 0, 3), ("rb10_taiping_huanyuji_j157_qingyuan", 0, 5), ("rb12_linghai_yutu_guangzhou", 0, 1) })
        {
            var pages = Directory.GetFiles(Path.Combine(QyHeritage.Archive.Tests.TestPaths.SampleCollection, item), "p*.txt").Order(StringComparer.Ordinal)
                .Select(p => (IReadOnlyList<string>)File.ReadAllLines(p)).ToList();
            var drawn = generator.Render(QyHeritage.PageGen.PageKind.Classical, pages, Math.Min(index, pages.Count - 1), "廣東通志 卷四", seed);
            var path = Path.Combine(folder, $"{item}-{seed}.jpg");
            await File.WriteAllBytesAsync(path, drawn.Jpeg);
            var page = await ocr.RecogniseAsync(path, RareBook);
            Assert.NotNull(drawn.Drawn.Folio);
            drawnFolios.Add(drawn.Drawn.Folio);
            Assert.All(page.Folios, f => Assert.Equal(drawn.Drawn.Folio, f.ToString()));
            named += page.Folios.Count;
        }
        Assert.Contains(drawnFolios, f => f.EndsWith('a'));
        Assert.Contains(drawnFolios, f => f.EndsWith('b'));
        Assert.True(named >= drawnFolios.Count / 2, $"{named} of {drawnFolios.Count} generated half-folios named ({string.Join(" ", drawnFolios)})");
    }
}
