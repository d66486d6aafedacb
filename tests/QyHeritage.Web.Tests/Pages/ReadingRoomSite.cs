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

    protected override async Task IngestAsync(string data)
    {
        var withOcr = new ArchiveServices(new ArchiveOptions { DataFolder = data, OcrEnabled = true });
        var ocr = await new IngestRunner(withOcr, recogniser: new PageRecogniser(NullLoggerFactory.Instance)).RunAsync(TestPaths.SampleSubset(Classical));
        if (ocr.ItemsAdded != 1) throw new InvalidOperationException("the reading room's OCR ingest failed: " + string.Join("; ", ocr.Problems));

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
}
