using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;
using QyHeritage.PageGen;

namespace QyHeritage.Recognition.Tests;

/// <summary>The sample transcriptions the tests draw generated pages from (bench/ocr/PageGen), and where a drawn page is saved to be read.</summary>
internal static class GeneratedPages
{
    /// <summary>The transcription of each page of a sample item, one printed column a line.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Pages(string folder) =>
        Directory.GetFiles(Path.Combine(TestPaths.SampleCollection, folder), "p*.txt").Order(StringComparer.Ordinal)
            .Select(p => (IReadOnlyList<string>)File.ReadAllLines(p)).ToList();

    /// <summary>
    /// The bench's newspaper page of a sample item (bench/ocr/pagegen.sh --seed 1): its first page, laid out as a newspaper.
    /// </summary>
    public static GeneratedPage BenchNewspaper(Fonts fonts, string folder, string title) => BenchFirstPage(PageKind.Newspaper, fonts, folder, title);

    /// <summary>The bench's page of a classical sample item (bench/ocr/pagegen.sh --seed 1): its first page, laid out as a woodblock leaf.</summary>
    public static GeneratedPage BenchClassical(Fonts fonts, string folder, string title) => BenchFirstPage(PageKind.Classical, fonts, folder, title);

    /// <summary>A sample item's first page in <paramref name="kind"/>'s look, with the seed bench/ocr/pagegen.sh --seed 1 gives it.</summary>
    private static GeneratedPage BenchFirstPage(PageKind kind, Fonts fonts, string folder, string title) =>
        new PageGenerator(fonts).Render(kind, Pages(folder), 0, title, PageGenerator.PageSeed(1, folder, "p001"));

    /// <summary>
    /// The bench's magazine page of a sample item (bench/ocr/pagegen.sh --seed 1): the whole item on one page, its folio
    /// numbers left out, as bench/ocr/PageGen's Program draws it.
    /// </summary>
    public static GeneratedPage BenchMagazine(Fonts fonts, string folder, string title)
    {
        var text = Pages(folder).SelectMany(p => p.Where(l => !(l.Trim().Length > 0 && l.Trim().All(char.IsAsciiDigit)))).ToList();
        return new PageGenerator(fonts).Render(PageKind.Magazine, [text], 0, title, PageGenerator.PageSeed(1, folder + "_mag", "p001"));
    }

    /// <summary>The drawn page as a JPEG file in the temporary folder, for the OCR to read as it reads an ingested image.</summary>
    public static string Save(GeneratedPage page, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "qy-pagegen-tests");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".jpg");
        File.WriteAllBytes(path, page.Jpeg);
        return path;
    }

    /// <summary>
    /// The bench's magazine page of a sample item (<see cref="BenchMagazine"/>) drawn, saved as <paramref name="name"/>
    /// and read as ingest reads a Republic-era document.
    /// </summary>
    public static Task<(GeneratedPage Page, OcrPage Result)> ReadBenchMagazineAsync(RecognitionModels models, string folder, string title, string name) =>
        DrawAndReadAsync(models, fonts => BenchMagazine(fonts, folder, title), name, CollectionKind.RepublicanDoc);

    /// <summary>
    /// The bench's newspaper page of a sample item (<see cref="BenchNewspaper"/>) drawn, saved as <paramref name="name"/>
    /// and read as ingest reads a newspaper.
    /// </summary>
    public static Task<(GeneratedPage Page, OcrPage Result)> ReadBenchNewspaperAsync(RecognitionModels models, string folder, string title, string name) =>
        DrawAndReadAsync(models, fonts => BenchNewspaper(fonts, folder, title), name, CollectionKind.Newspaper);

    /// <summary>
    /// The bench's page of a classical sample item (<see cref="BenchClassical"/>) drawn, saved as <paramref name="name"/>
    /// and read as ingest reads an item of <paramref name="collection"/>.
    /// </summary>
    public static Task<(GeneratedPage Page, OcrPage Result)> ReadBenchClassicalAsync(RecognitionModels models, string folder, string title, string name, CollectionKind collection) =>
        DrawAndReadAsync(models, fonts => BenchClassical(fonts, folder, title), name, collection);

    private static async Task<(GeneratedPage Page, OcrPage Result)> DrawAndReadAsync(RecognitionModels models, Func<Fonts, GeneratedPage> draw, string name, CollectionKind collection)
    {
        GeneratedPage page;
        using (var fonts = new Fonts()) page = draw(fonts);
        return (page, await ReadAsync(models, Save(page, name), collection));
    }

    /// <summary>A drawn page of traditional vertical text read as ingest reads an item of this collection.</summary>
    public static async Task<OcrPage> ReadAsync(RecognitionModels models, string image, CollectionKind collection)
    {
        using var ocr = new TesseractOcr(models: models);
        return await ocr.RecogniseAsync(image, OcrProfile.For(collection, Script.Traditional, TextLayout.VerticalRightToLeft));
    }
}
