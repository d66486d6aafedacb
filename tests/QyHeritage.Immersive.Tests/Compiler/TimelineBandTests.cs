using QyHeritage.Immersive.Panels;
using QyHeritage.Immersive.Templates;

namespace QyHeritage.Immersive.Tests.Compiler;

/// <summary>The timeline band's captions (PanelPainter.TimelineCaptions) with the real font: legible, never over each other.</summary>
public class TimelineBandTests
{
    private static readonly PanelPainter Painter = new(new TextPainter(),
        HallTemplateJson.LoadFolder(HallFixture.TemplatesFolder)["beijiang-gallery"].Materials);

    // The beijiang-gallery band: an 8 m bay's wall, 0.5 m high.
    private const double Length = 8, Height = 0.5;
    private static int W => (int)Math.Round(Length * PanelPainter.BandPixelsPerMetre);
    private static int H => (int)Math.Round(Height * PanelPainter.BandPixelsPerMetre);

    [Fact]
    public void Many_exhibits_on_one_wall_get_captions_that_never_overlap_and_each_starts_with_its_number()
    {
        // Both walls' exhibits of a crowded bay, some at the same place along the wall, long titles.
        var marks = Enumerable.Range(1, 40)
            .Select(n => (At: 0.2 + (n / 2) * 0.37, Number: n, Title: n % 3 == 0 ? "钦定四库全书总目提要卷一百二十三子部三十三杂家类存目十" : "英德县志", When: n % 2 == 0 ? "清" : "民国"))
            .ToList();
        var captions = Painter.TimelineCaptions(W, H, marks);

        Assert.Equal(40, captions.Count);
        foreach (var row in captions.Where(c => c.Text.Length > 0).GroupBy(c => c.Row))
        {
            var boxes = row.OrderBy(c => c.X).ToList();
            for (var i = 1; i < boxes.Count; i++)
                Assert.True(boxes[i].X >= boxes[i - 1].X + boxes[i - 1].Width, $"row {row.Key}: caption {boxes[i].Number} at {boxes[i].X:F0} overlaps {boxes[i - 1].Number} ending at {boxes[i - 1].X + boxes[i - 1].Width:F0}");
        }
        foreach (var c in captions.Where(c => c.Text.Length > 0))
        {
            Assert.StartsWith($"{c.Number}", c.Text);
            Assert.True(c.X >= c.Tick, $"caption {c.Number} starts left of its tick");
            Assert.True(c.X + c.Width <= W, $"caption {c.Number} runs past the band's end");
        }
        Assert.True(captions.Count(c => c.Text.Length > 0) >= 30, "most exhibits keep at least their number");
        Assert.True(captions.Select(c => c.Row).Distinct().Count() >= 2, "captions use more than one row");
    }

    [Fact]
    public void Exhibits_with_room_get_their_whole_caption_and_the_band_is_drawn_with_them()
    {
        var marks = new[] { (At: 0.5, Number: 1, Title: "英德县志", When: "清"), (At: 4.0, Number: 2, Title: "清远县志", When: "民国") };
        var captions = Painter.TimelineCaptions(W, H, marks);
        Assert.Equal(["1 清 · 英德县志", "2 民国 · 清远县志"], captions.Select(c => c.Text));

        // Drawn: ink where the first caption is, paper far from any caption.
        using var band = Painter.TimelineBand("timeline:test", Length, Height, marks).Image;
        var pixels = band.GetPixels();
        var c = captions[0];
        var inked = 0;
        for (var x = (int)c.X; x < (int)(c.X + c.Width); x++)
            for (var y = 0; y < (int)band.Height; y++)
                if (pixels.GetPixel(x, y).ToColor()!.R < 128) inked++;
        Assert.True(inked > 50, $"{inked} dark pixels under the first caption");
        Assert.True(pixels.GetPixel(W - 20, 10).ToColor()!.R > 200, "paper where nothing is written");
    }
}
