using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Transcription;
using Xunit.Abstractions;
using PageTranscription = QyHeritage.Archive.Transcription.Transcription;

namespace QyHeritage.Archive.Tests.Transcription;

/// <summary>The aligner on real tesseract output of sample pages (TestData/ocr-samples).</summary>
public sealed class TranscriptionAlignerFixtureTests(ITestOutputHelper output)
{
    /// <summary>Blank paper in the top-left corner of every sample page, outside frame and text.</summary>
    private static readonly Box BlankMargin = new(20, 20, 90, 90);

    private static (AlignmentFixturePage Page, PageTranscription Text, OcrPage Ocr, AlignedPage Aligned) Run(string name)
    {
        var page = AlignmentFixturePages.Get(name);
        var text = PageTranscription.Load(page.TranscriptionPath);
        var ocr = TesseractHocrFixture.Load(page.HocrFile);
        return (page, text, ocr, TranscriptionAligner.Align(text, ocr, page.Layout));
    }

    [Theory]
    [MemberData(nameof(AlignmentFixturePages.Names), MemberType = typeof(AlignmentFixturePages))]
    public void Every_transcription_character_gets_one_box_inside_the_page(string name)
    {
        var (_, text, ocr, aligned) = Run(name);

        var chars = aligned.Chars.ToArray();
        var expected = text.Lines.Sum(l => l.Chars.Count(c => !string.IsNullOrWhiteSpace(c.Text)));
        Assert.Equal(expected, chars.Length);
        Assert.Equal(text.Characters, chars.Select(c => c.Char));
        Assert.All(chars, c =>
        {
            Assert.InRange(c.Box.W, 1, ocr.Width);
            Assert.InRange(c.Box.H, 1, ocr.Height);
            Assert.InRange(c.Box.X, 0, ocr.Width - c.Box.W);
            Assert.InRange(c.Box.Y, 0, ocr.Height - c.Box.H);
        });
        Assert.Equal(text.Lines.Count, aligned.Lines.Count);
    }

    [Theory]
    [MemberData(nameof(AlignmentFixturePages.Names), MemberType = typeof(AlignmentFixturePages))]
    public void Aligned_characters_take_the_OCR_glyph_box(string name)
    {
        var (_, _, ocr, aligned) = Run(name);
        var ocrGlyphs = ocr.Lines.SelectMany(l => l.Glyphs).ToHashSet(ReferenceEqualityComparer.Instance);

        var fromOcr = aligned.Chars.Where(c => c.Status is AlignmentStatus.Confirmed or AlignmentStatus.Substituted).ToArray();
        Assert.NotEmpty(fromOcr);
        Assert.All(fromOcr, c =>
        {
            Assert.NotNull(c.Glyph);
            Assert.Contains(c.Glyph, ocrGlyphs);
            Assert.Equal(c.Glyph.Box, c.Box);
        });
        // A glyph lends its box to one character only.
        Assert.Equal(fromOcr.Length, fromOcr.Select(c => c.Glyph).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.All(aligned.Chars.Where(c => c.Status == AlignmentStatus.Confirmed), c =>
            Assert.Equal(MatchKey.Of(c.Char.Text), MatchKey.Of(c.Glyph!.Text)));
    }

    [Theory]
    [MemberData(nameof(AlignmentFixturePages.Names), MemberType = typeof(AlignmentFixturePages))]
    public void Confirmed_share_reaches_the_measured_bound(string name)
    {
        var (page, _, _, aligned) = Run(name);
        var byStatus = aligned.Chars.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{name}: confirmed {aligned.ConfirmedFraction:P1}; " +
            string.Join(", ", byStatus.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.True(aligned.ConfirmedFraction >= page.MinConfirmed,
            $"{aligned.ConfirmedFraction:P1} confirmed, expected at least {page.MinConfirmed:P0}");
    }

    [Theory]
    [MemberData(nameof(AlignmentFixturePages.Names), MemberType = typeof(AlignmentFixturePages))]
    public void Boxes_of_a_line_follow_reading_order(string name)
    {
        var (_, _, _, aligned) = Run(name);
        foreach (var line in aligned.Lines)
        {
            var chars = line.Chars;
            for (var i = 0; i < chars.Count; i++)
            {
                for (var j = 0; j < chars.Count; j++)
                {
                    // Characters in later cells come later on the page; the two halves of a note share cells.
                    if (chars[j].Char.MidCell <= chars[i].Char.MidCell) continue;
                    // One pixel of slack: boxes of different sizes round their centres differently.
                    Assert.True(Along(chars[i], line.Vertical) <= Along(chars[j], line.Vertical) + 1,
                        $"line {line.Line.Index}: '{chars[i].Char.Text}' {chars[i].Box} after '{chars[j].Char.Text}' {chars[j].Box}");
                }
            }
        }

        static double Along(AlignedChar c, bool vertical) => vertical ? c.Box.Y + c.Box.H / 2.0 : c.Box.X + c.Box.W / 2.0;
    }

    [Theory]
    [MemberData(nameof(AlignmentFixturePages.Names), MemberType = typeof(AlignmentFixturePages))]
    public void Boxes_of_confirmed_characters_cover_ink(string name)
    {
        var (page, _, _, aligned) = Run(name);
        var ink = PageInk.Load(page.ImagePath);

        var blank = ink.InkFraction(BlankMargin);
        var confirmed = aligned.Chars.Where(c => c.Status == AlignmentStatus.Confirmed).Select(c => ink.InkFraction(c.Box)).Average();
        var guessed = aligned.Chars.Where(c => c.Status is AlignmentStatus.Interpolated or AlignmentStatus.Estimated)
            .Select(c => ink.InkFraction(c.Box)).DefaultIfEmpty(double.NaN).Average();
        output.WriteLine($"{name}: ink share in blank margin {blank:P1}, confirmed boxes {confirmed:P1}, interpolated/estimated boxes {guessed:P1}; " +
            $"darkness {ink.Darkness(BlankMargin):F0} / {aligned.Chars.Where(c => c.Status == AlignmentStatus.Confirmed).Average(c => ink.Darkness(c.Box)):F0}");

        // Mean darkness barely separates them (the rendered paper is stained and textured, 40–66 out
        // of 255 in the margins), so the measure is the share of near-black pixels.
        Assert.True(blank < 0.01, $"the margin {BlankMargin} is not blank: {blank:P1} ink");
        Assert.True(confirmed > 0.10, $"confirmed boxes hold only {confirmed:P1} ink");
        // Interpolated and estimated boxes are guesses; on average they must still land on text (3–10 % measured).
        Assert.True(double.IsNaN(guessed) || guessed > 0.02, $"interpolated boxes hold only {guessed:P1} ink");
    }
}
