using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;
using QyHeritage.Archive.Transcription;

namespace QyHeritage.Recognition.Tests;

/// <summary>Ingest with the real OCR step (tesseract, PP-OCR, the glyph vote) handed in as the host does.</summary>
public class IngestWithOcrTests
{
    [Fact]
    public async Task With_ocr_every_transcribed_character_gets_a_box_on_its_page()
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = TestPaths.NewTempFolder("ingest-ocr"), OcrEnabled = true });
        var folder = TestPaths.SampleSubset("QY-RB-002");
        using var recogniser = new PageRecogniser(NullLoggerFactory.Instance);
        var report = await new IngestRunner(archive, recogniser: recogniser).RunAsync(folder);
        Assert.Empty(report.Problems);
        var page = archive.Catalog.FindItem("QY-RB-002")!.Item.Pages[0];
        Assert.Equal(("ocr/p001.hocr", "text/p001.hocr"), (page.Ocr, page.TextBoxes));

        async Task<string> Read(string path)
        {
            await using var s = await archive.Ocfl.OpenFileAsync("QY-RB-002", path);
            return await new StreamReader(s).ReadToEndAsync();
        }
        var ocr = Hocr.Parse(await Read("ocr/p001.hocr"));
        Assert.True(ocr.Text.Length > 100, "tesseract read the page");
        var boxed = Hocr.Parse(await Read("text/p001.hocr"));
        var transcribed = Transcription.Parse(await Read("text/p001.txt"));
        var glyphs = boxed.Lines.SelectMany(l => l.Glyphs).ToList();
        Assert.Equal(transcribed.Characters.Count(c => !c.IsBlank), glyphs.Count);
        Assert.All(glyphs, g => Assert.True(g.Box.X >= 0 && g.Box.Y >= 0 && g.Box.Right <= page.Width && g.Box.Bottom <= page.Height && g.Box.W > 0 && g.Box.H > 0,
            $"{g.Text} at {g.Box} is not inside the {page.Width}×{page.Height} page"));
    }
}
