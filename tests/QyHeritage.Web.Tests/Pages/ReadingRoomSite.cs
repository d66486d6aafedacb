using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Recognition;

namespace QyHeritage.Web.Tests.Pages;

/// <summary>
/// The pages fixture for the reading room: the classical gazetteer ingested with the real OCR, so that its
/// transcription is aligned to the page images (line and character boxes, Content Search hit boxes); the modern essay
/// with a rights statement that reserves its rights, so that its downloads are restricted.
/// </summary>
public sealed class ReadingRoomSite : PagesSite
{
    public const string RestrictedRights = "版权所有，仅供阅览 All rights reserved; for reading only";

    /// <summary>A real scan (五禮通考 卷213 folio 16b, a photographed 文淵閣四庫全書 page with its 版心; attribution in
    /// tests/QyHeritage.Recognition.Tests/TestData/real-scans/README.md) with its transcription, ingested with OCR.</summary>
    public const string RealScan = "QY-T-916";

    protected override async Task IngestAsync(string data)
    {
        var withOcr = new ArchiveServices(new ArchiveOptions { DataFolder = data, OcrEnabled = true });
        var ocr = await new IngestRunner(withOcr, recogniser: new PageRecogniser(NullLoggerFactory.Instance)).RunAsync(TestPaths.SampleSubset(Classical));
        if (ocr.ItemsAdded != 1) throw new InvalidOperationException("the reading room's OCR ingest failed: " + string.Join("; ", ocr.Problems));
        using (var reader = new PageRecogniser(NullLoggerFactory.Instance, new TesseractOcrOptions { Reader = CellReader.Both }))
        {
            var real = await new IngestRunner(withOcr, recogniser: reader).RunAsync(RealScanCollection());
            if (real.ItemsAdded != 1) throw new InvalidOperationException("the reading room's real-scan ingest failed: " + string.Join("; ", real.Problems));
        }

        var rest = TestPaths.SampleSubset(WithNotes, Modern, Newspaper);
        var csv = Path.Combine(rest, "items.csv");
        var rows = File.ReadAllLines(csv);
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i].StartsWith(Modern + ",", StringComparison.Ordinal))
                rows[i] = rows[i].Replace("CC BY-SA 3.0 (Wikipedia contributors); derived page images CC BY-SA 3.0", RestrictedRights, StringComparison.Ordinal);
        }
        File.WriteAllLines(csv, rows);
        var plain = new ArchiveServices(new ArchiveOptions { DataFolder = data, OcrEnabled = false });
        var report = await new IngestRunner(plain).RunAsync(rest);
        if (report.ItemsAdded != 3) throw new InvalidOperationException("the reading room's ingest failed: " + string.Join("; ", report.Problems));
    }

    private static string RealScanCollection()
    {
        var collection = TestPaths.NewTempFolder("reading-real-scan");
        var fixtures = Path.Combine(TestPaths.RepoRoot, "tests", "QyHeritage.Recognition.Tests", "TestData", "real-scans");
        File.WriteAllLines(Path.Combine(collection, "items.csv"),
        [
            "id,collection,title_zh,title_en,creator,date_as_written,iso_year,place,language_script,rights,source,page_count,image_origin,folder,description",
            $"{RealScan},rare-book,五禮通考 卷二百十三,Wuli tongkao j.213,秦蕙田 撰（清）,乾隆間鈔,1782,,\"Classical Chinese (文言), traditional characters, vertical right-to-left\",CC BY-NC 4.0,test fixture,1,real scan,leaf16b,",
        ]);
        Directory.CreateDirectory(Path.Combine(collection, "leaf16b"));
        File.Copy(Path.Combine(fixtures, "wltk-j213-16b.jpg"), Path.Combine(collection, "leaf16b", "p001.jpg"));
        File.Copy(Path.Combine(fixtures, "wltk-j213-16b.txt"), Path.Combine(collection, "leaf16b", "p001.txt"));
        return collection;
    }
}
