using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Tests;
using QyHeritage.Recognition;

namespace QyHeritage.Web.Tests.Hosting;

/// <summary>
/// The first-start ingest with OCR on (the default) loads recognition for the run alone: once it is done the host holds
/// no ONNX Runtime session and no glyph templates (their memory is measured in bench/iiif-memory.sh), and the next
/// ingest loads them again and reads the page as the first did.
/// </summary>
public class FirstRunRecognitionTests
{
    [Fact]
    public async Task The_first_start_ingest_releases_its_recogniser_and_the_next_ingest_reads_the_same_text()
    {
        var subset = TestPaths.SampleSubset("QY-RB-002");
        // The host's own recognisers, noted as they are made.
        var made = new ConcurrentQueue<PageRecogniser>();
        await using var host = await RunningHost.StartAsync(TestPaths.NewTempFolder("first-start-ocr"),
            b => b.Services.AddSingleton<Func<PageRecogniser>>(sp => () =>
            {
                var recogniser = new PageRecogniser(sp.GetRequiredService<ILoggerFactory>());
                made.Enqueue(recogniser);
                return recogniser;
            }),
            $"--Qy:SampleCollection={subset}", "--Qy:OcrEnabled=true");
        Assert.Equal("done", await FirstStartTests.WaitForIngestAsync(host.Client, TimeSpan.FromMinutes(10)));

        var used = Assert.Single(made);
        Assert.Equal(1, used.Models.SessionsLoaded);
        Assert.Equal((0, false), (used.Models.OpenSessions, used.Models.HoldsGlyphTemplates));

        var later = new ArchiveServices(new ArchiveOptions { DataFolder = TestPaths.NewTempFolder("next-ingest-ocr"), OcrEnabled = true });
        using (var recogniser = host.Services.GetRequiredService<Func<PageRecogniser>>()())
            Assert.Empty((await new IngestRunner(later, recogniser: recogniser).RunAsync(subset)).Problems);
        var first = await ReadAsync(host.Services.GetRequiredService<ArchiveServices>(), "ocr/p001.hocr");
        Assert.Contains("ocrx_cinfo", first);
        Assert.Equal(first, await ReadAsync(later, "ocr/p001.hocr"));
    }

    private static async Task<string> ReadAsync(ArchiveServices archive, string path)
    {
        await using var s = await archive.Ocfl.OpenFileAsync("QY-RB-002", path);
        return await new StreamReader(s).ReadToEndAsync();
    }
}
