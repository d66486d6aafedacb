using System.Text;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Transcription;

namespace QyHeritage.Archive.Tests.Transcription;

/// <summary>
/// A curator's transcription of a page stored as a new OCFL version (the curators' list closes the loop): on a gazetteer
/// page ingested without its transcription, whose OCR is real tesseract's hOCR of it (the checked-in fixture, stored as
/// an ingest with OCR stores it).
/// </summary>
public class PageTranscriptionWriterTests
{
    private const string Id = "QY-RB-005";

    private static async Task<(ArchiveServices Archive, string Truth)> IngestWithoutTranscriptionAsync()
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = TestPaths.NewTempFolder("transcribe"), OcrEnabled = false });
        var folder = TestPaths.SampleSubset(Id);
        var txt = Path.Combine(folder, "rb05_gdtz_j53_qingyuan_guji", "p001.txt");
        var truth = await File.ReadAllTextAsync(txt);
        File.Delete(txt);
        Assert.Equal(1, (await new IngestRunner(archive).RunAsync(folder)).ItemsAdded);
        // The page's OCR, as an ingest with OCR on stores it: ocr/p001.hocr named by the metadata.
        var head = (await archive.Ocfl.GetHeadAsync(Id))!;
        var item = archive.Catalog.FindItem(Id)!.Item;
        var withOcr = item with { Pages = item.Pages.Select(p => p.Order == 1 ? p with { Ocr = "ocr/p001.hocr", OcrConfidence = 0.41, NeedsTranscription = true } : p).ToList() };
        var ocr = Hocr.Write(TesseractHocrFixture.Load("rb05_gdtz_j53_qingyuan_guji-p001.hocr"));
        var state = head.Files.Keys.Where(p => p != ItemMetadata.LogicalPath)
            .Select(p => new OcflContent(p, c => archive.Ocfl.OpenFileAsync(Id, p, null, c)))
            .Append(OcflContent.FromBytes(ItemMetadata.LogicalPath, ItemMetadata.ToUtf8(withOcr)))
            .Append(OcflContent.FromBytes("ocr/p001.hocr", Encoding.UTF8.GetBytes(ocr))).ToList();
        var commit = await archive.Ocfl.CommitAsync(Id, state, new OcflVersionInfo("OCR", "test", null, DateTimeOffset.UtcNow));
        archive.Catalog.Upsert(withOcr, commit.Version);
        return (archive, truth);
    }

    [Fact]
    public async Task A_transcription_becomes_a_new_version_aligned_to_the_page_and_the_catalog_and_index_hear_of_it()
    {
        var (archive, truth) = await IngestWithoutTranscriptionAsync();
        var before = (await archive.Ocfl.GetHeadAsync(Id))!;
        var indexed = new List<int>();
        var writer = new PageTranscriptionWriter(archive, (_, v, _) => { indexed.Add(v); return Task.CompletedTask; });

        // As a curator's browser sends it: CRLF line breaks and a byte-order mark from a Windows editor.
        var (saved, refusal) = await writer.SaveAsync(Id, 1, "\uFEFF" + truth.Replace("\n", "\r\n"), before.Version, "curator-li");

        Assert.Null(refusal);
        Assert.Equal(before.Version + 1, saved!.Version);
        Assert.Equal([saved.Version], indexed);
        var head = (await archive.Ocfl.GetHeadAsync(Id))!;
        Assert.Equal("curator-li", head.Info.UserName);
        Assert.Contains("p001", head.Info.Message);
        await using (var s = await archive.Ocfl.OpenFileAsync(Id, "text/p001.txt"))
            Assert.Equal(truth.TrimEnd('\n') + "\n", await new StreamReader(s).ReadToEndAsync());
        // Every file the page had is kept as it was; the master is referenced, not stored again.
        foreach (var (path, digest) in before.Files.Where(f => f.Key != ItemMetadata.LogicalPath))
            Assert.Equal(digest, head.Files[path]);
        Assert.Empty((await new OcflValidator().ValidateObjectAsync(archive.Store, "ocfl/" + Id)).Errors);

        // Aligned by the page's OCR: most characters land on a character tesseract read alike, and the boxes are stored.
        Assert.True(saved.Aligned);
        Assert.True(saved.Confirmed > saved.Characters / 2, $"{saved.Confirmed} of {saved.Characters} confirmed");
        await using (var s = await archive.Ocfl.OpenFileAsync(Id, "text/p001.hocr"))
            Assert.Equal(saved.Characters, Hocr.Parse(await new StreamReader(s).ReadToEndAsync()).Lines.Sum(l => l.Glyphs.Count));
        var page = archive.Catalog.FindItem(Id)!.Item.Pages[0];
        Assert.Equal(("text/p001.txt", "text/p001.hocr"), (page.Transcription, page.TextBoxes));
        Assert.Equal(saved.Version, archive.Catalog.FindItem(Id)!.OcflVersion);
        // The page leaves the curators' list: it is still flagged (its OCR is as weak) but now has a transcription.
        Assert.True(page.NeedsTranscription);
        Assert.DoesNotContain(archive.Catalog.PagesNeedingTranscription(null, 0, 50).Pages, p => p.ItemId == Id && p.Order == 1);
    }

    [Fact]
    public async Task Refused_transcriptions_say_why_in_both_languages_and_write_nothing()
    {
        var (archive, truth) = await IngestWithoutTranscriptionAsync();
        var version = (await archive.Ocfl.GetHeadAsync(Id))!.Version;
        var writer = new PageTranscriptionWriter(archive);
        var cases = new (string Item, int Page, string Text, int? Base, TranscriptionRefusalKind Kind)[]
        {
            (Id, 1, truth, version - 1, TranscriptionRefusalKind.Stale),
            ("QY-NONE-999", 1, truth, null, TranscriptionRefusalKind.UnknownItem),
            ("../../etc/passwd", 1, truth, null, TranscriptionRefusalKind.UnknownItem),
            (Id, 99, truth, version, TranscriptionRefusalKind.UnknownPage),
            (Id, 1, " \r\n\t\n", version, TranscriptionRefusalKind.Empty),
            (Id, 1, "清遠\0\u0001PK\u0003\u0004", version, TranscriptionRefusalKind.NotText),
            (Id, 1, new string('清', PageTranscriptionWriter.MaxBytes / 3 + 1), version, TranscriptionRefusalKind.TooLarge),
        };
        foreach (var c in cases)
        {
            var (saved, refusal) = await writer.SaveAsync(c.Item, c.Page, c.Text, c.Base, "curator-li");
            Assert.Null(saved);
            Assert.Equal(c.Kind, refusal!.Kind);
            Assert.Matches("[\u4e00-\u9fff]", refusal.Zh);
            Assert.Matches("[A-Za-z]{3}", refusal.En);
        }
        Assert.Equal(version, (await archive.Ocfl.GetHeadAsync(Id))!.Version);
        Assert.Null(archive.Catalog.FindItem(Id)!.Item.Pages[0].Transcription);

        // A long unknown id is quoted back cut to 40 UTF-16 units with "…", never through the middle of a character
        // outside the Basic Multilingual Plane (𠀀 is two units: the cut falls before it, not between its halves).
        var (_, cut) = await writer.SaveAsync("QY-" + string.Concat(Enumerable.Repeat("𠀀", 30)), 1, truth, null, "curator-li");
        Assert.Equal(TranscriptionRefusalKind.UnknownItem, cut!.Kind);
        Assert.Contains("'QY-" + string.Concat(Enumerable.Repeat("𠀀", 18)) + "…'", cut.En, StringComparison.Ordinal);
        Assert.Contains("“QY-" + string.Concat(Enumerable.Repeat("𠀀", 18)) + "…”", cut.Zh, StringComparison.Ordinal);
        Assert.Equal(cut.Zh, System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(cut.Zh)));
    }
}
