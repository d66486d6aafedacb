using System.Globalization;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Transcription;

namespace QyHeritage.Recognition.Tests;

/// <summary>One set of loaded models for every real-scan test that reads a page (loading them takes seconds).</summary>
public sealed class SharedModels : IDisposable
{
    public RecognitionModels Models { get; } = new();

    public void Dispose() => Models.Dispose();
}

/// <summary>
/// The transcription placed on a real page that the OCR reads badly (TestData/real-scans: a photographed 文淵閣四庫全書
/// facsimile, about a third of its characters read right): the columns and cells come from the page's rules and grid,
/// the characters read right only anchor the transcription, so its boxes still fall on the characters.
/// </summary>
public class RealScanAlignmentTests(SharedModels shared) : IClassFixture<SharedModels>
{
    private static readonly OcrProfile RareBook = OcrProfile.For(CollectionKind.RareBook, Script.Traditional, TextLayout.VerticalRightToLeft);

    [Fact]
    public async Task Transcription_boxes_of_a_phrase_lie_on_the_characters_marked_by_hand()
    {
        // The two models vote; the glyph templates (drawn from fonts) would not pass their fit check on a real page.
        using var ocr = new TesseractOcr(options: new TesseractOcrOptions { Reader = CellReader.Both }, models: shared.Models);
        var page = await ocr.RecogniseAsync(RealScanLayoutTests.Fixture("wltk-j213-16a-half.jpg"), RareBook);
        var transcription = Transcription.Parse(await File.ReadAllTextAsync(RealScanLayoutTests.Fixture("wltk-j213-16a.txt")));
        var aligned = TranscriptionAligner.Align(transcription, page, TextLayout.VerticalRightToLeft);

        var marked = File.ReadAllLines(RealScanLayoutTests.Fixture("wltk-j213-16a-half.boxes.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => (Text: f[0], Box: new Box(Int(f[1]), Int(f[2]), Int(f[3]), Int(f[4]))))
            .ToList();
        var phrase = string.Concat(marked.Select(m => m.Text));
        var chars = aligned.Chars.ToList();
        var text = string.Concat(chars.Select(c => c.Char.Text));
        var start = text.IndexOf(phrase, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{phrase} not in the aligned text");
        for (var i = 0; i < marked.Count; i++)
        {
            var (expected, hand) = marked[i];
            var got = chars[start + i];
            Assert.Equal(expected, got.Char.Text);
            // Its box's centre on the character marked by hand, and most of the box on it.
            var cx = got.Box.X + got.Box.W / 2.0;
            var cy = got.Box.Y + got.Box.H / 2.0;
            Assert.True(cx >= hand.X && cx <= hand.Right && cy >= hand.Y && cy <= hand.Bottom, $"{expected}: {got.Box} ({got.Status}) is not on {hand}");
            Assert.True(Overlap(got.Box, hand) >= 0.5 * Math.Min(Area(got.Box), Area(hand)), $"{expected}: {got.Box} barely overlaps {hand}");
        }
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static double Area(Box b) => (double)b.W * b.H;

    private static double Overlap(Box a, Box b) =>
        Math.Max(0, Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X)) * (double)Math.Max(0, Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y));
}
