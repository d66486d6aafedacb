using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Iiif.ImageApi;
using QyHeritage.Web.Features.Reading;
using Transcription = QyHeritage.Archive.Transcription.Transcription;

namespace QyHeritage.Web.Tests.Pages;

/// <summary>The reading room's rules without a browser: which line has which box, which rights allow which downloads.</summary>
public class ReadingRoomRulesTests
{
    private static OcrLine Line(string text, Box box) =>
        new(box, text.Select((c, i) => new OcrGlyph(c.ToString(), box with { Y = box.Y + i * 10, H = 10 }, 1)).ToList());

    [Fact]
    public void Each_transcription_line_gets_the_box_of_its_aligned_line_and_a_line_the_alignment_left_out_gets_none()
    {
        var transcription = Transcription.Parse("清遠縣在府城北\n\n　英德縣界\n東南至南海縣界");
        // Ingest wrote no line for the blank one, nor for 英德縣界 (not placed), but one for each other line, in order.
        var aligned = new OcrPage(1000, 1000, [Line("清遠縣在府城北", new Box(900, 50, 40, 70)), Line("東南至南海縣界", new Box(700, 50, 40, 70))]);
        var text = PageText.FromTranscription(transcription, simplified: false, aligned);
        Assert.Equal(["900,50,40,70", null, null, "700,50,40,70"], text.Lines.Select(l => l.BoxAttribute));
        // Simplified characters keep the boxes: they are the same printed characters.
        Assert.Equal("900,50,40,70", PageText.FromTranscription(transcription, simplified: true, aligned).Lines[0].BoxAttribute);
        Assert.All(PageText.FromTranscription(transcription, simplified: false).Lines, l => Assert.Null(l.Box));
    }

    [Theory]
    [InlineData("Base text public domain (pre-1800 imprint); page images CC BY-SA 4.0", true)]
    [InlineData("CC BY-SA 3.0 (Wikipedia contributors)", true)]
    [InlineData("CC0", true)]
    [InlineData("公有领域", true)]
    [InlineData("版权所有，仅供阅览 All rights reserved", false)]
    [InlineData("In copyright; CC BY-NC 4.0 for the transcription only, images restricted", false)]
    [InlineData("", false)]
    [InlineData("Rights unknown", false)]
    public void Open_rights_allow_the_full_image_and_anything_else_only_a_reference_copy(string rights, bool open)
    {
        Assert.Equal(open, PageDownloads.IsOpen(rights));
        var item = new Item { Id = "QY-RB-001", Collection = CollectionKind.RareBook, Rights = rights, TitleZh = "t" };
        var page = new Page { Order = 1, Label = "1", Width = 2400, Height = 3400, Derivative = "derivatives/p001.tif" };
        var offers = PageDownloads.For(item, page, new ImageLimits(8192, 8192, 32_000_000));
        Assert.Equal(open ? ["full", "reduced"] : ["reduced"], offers.Select(o => o.Full ? "full" : "reduced"));
        var reduced = offers.Single(o => !o.Full);
        Assert.Equal(open ? 1000 : 600, Math.Max(reduced.Width, reduced.Height));
        Assert.EndsWith(open ? "/full/!1000,1000/0/default.jpg?download" : "/full/!600,600/0/default.jpg?download", reduced.Url);
    }
}
