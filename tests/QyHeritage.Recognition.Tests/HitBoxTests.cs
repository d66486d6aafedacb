using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Archive;
using QyHeritage.Archive.Ingest;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// Issue 11: the character boxes ingest stores for a transcription (text/pNNN.hocr, the boxes search hits are drawn
/// with) sit on the characters of the page image. QY-RB-001 ingested with the real OCR; every 清遠 (and 清逺) of its
/// transcription is checked against where the two characters' ink lies on the page.
/// </summary>
public class HitBoxTests
{
    /// <summary>Ink of 清 and of 遠 along their column (y from–to, px), measured on the page images by a row projection
    /// of the dark pixels (vips), with the column's x range.</summary>
    private static readonly (string Page, int ColumnX, (int From, int To) Qing, (int From, int To) Yuan)[] Ink =
    [
        ("p001", 1700, (494, 603), (624, 730)),
        ("p003", 1465, (882, 991), (1017, 1121)),
        ("p003", 1225, (2703, 2812), (2833, 2940)),
        ("p004", 1655, (1403, 1512), (1533, 1640)),
    ];

    [Fact]
    public async Task The_boxes_of_qingyuan_on_QY_RB_001_sit_on_its_characters()
    {
        var archive = new ArchiveServices(new ArchiveOptions { DataFolder = TestPaths.NewTempFolder("hit-boxes"), OcrEnabled = true });
        using var recogniser = new PageRecogniser(NullLoggerFactory.Instance);
        var report = await new IngestRunner(archive, recogniser: recogniser).RunAsync(TestPaths.SampleSubset("QY-RB-001"));
        Assert.Empty(report.Problems);

        var found = new List<string>();
        foreach (var pageName in Ink.Select(i => i.Page).Distinct())
        {
            await using var s = await archive.Ocfl.OpenFileAsync("QY-RB-001", $"text/{pageName}.hocr");
            var aligned = Hocr.Parse(await new StreamReader(s).ReadToEndAsync());
            foreach (var line in aligned.Lines)
            {
                for (var i = 0; i + 1 < line.Glyphs.Count; i++)
                {
                    if (line.Glyphs[i].Text != "清" || line.Glyphs[i + 1].Text is not ("遠" or "逺")) continue;
                    var (qing, yuan) = (line.Glyphs[i].Box, line.Glyphs[i + 1].Box);
                    var ink = Ink.Single(k => k.Page == pageName && qing.X <= k.ColumnX && k.ColumnX <= qing.Right);
                    found.Add(pageName);
                    Assert.True(Sits(qing, ink.Qing), $"{pageName}: 清 at y {qing.Y}–{qing.Bottom}, its ink at {ink.Qing}");
                    Assert.True(Sits(yuan, ink.Yuan), $"{pageName}: {line.Glyphs[i + 1].Text} at y {yuan.Y}–{yuan.Bottom}, its ink at {ink.Yuan}");
                }
            }
        }
        Assert.Equal(["p001", "p003", "p003", "p004"], found.Order());
    }

    /// <summary>The box's middle lies on the character's ink, not on a neighbour's (characters are ~130 px apart).</summary>
    private static bool Sits(Box box, (int From, int To) ink)
    {
        var middle = box.Y + box.H / 2;
        return middle >= ink.From && middle <= ink.To;
    }
}
