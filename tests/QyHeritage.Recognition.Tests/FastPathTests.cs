using Microsoft.Extensions.Logging;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;
using QyHeritage.PageGen;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// The fast paths that keep a page near 3 s on two cores (issue 17) read as the plain ones do: the separable thickening
/// as the 3×3 minimum, the paper's tone taken once as taken anew, PP-OCR's columns on two threads as on one. And where
/// a page's seconds go is logged at Debug (TesseractOcr's page line, its stages from StageClock).
/// </summary>
public class FastPathTests(SharedModels shared) : IClassFixture<SharedModels>
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 17)]
    [InlineData(23, 1)]
    [InlineData(2, 2)]
    [InlineData(97, 61)]
    public void Thickened_montage_is_the_darkest_of_each_three_by_three_square(int width, int height)
    {
        var random = new Random(width * 1000 + height);
        var grey = new byte[width * height];
        random.NextBytes(grey);

        var thick = Montage.DarkenNeighbourhood(grey, width, height);

        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                byte darkest = 255;
                for (var yy = Math.Max(0, y - 1); yy <= Math.Min(height - 1, y + 1); yy++)
                    for (var xx = Math.Max(0, x - 1); xx <= Math.Min(width - 1, x + 1); xx++)
                        darkest = Math.Min(darkest, grey[yy * width + xx]);
                Assert.Equal(darkest, thick[y * width + x]);
            }
    }

    [Fact]
    public void Magazine_page_flattened_after_its_reink_from_the_paper_taken_before_it_is_flattened_anew()
    {
        // The bench's magazine page of rd02 (stained, small type): TesseractOcr divides its grey levels by the paper's
        // tone once, for the re-ink and for the montages' flattened page after it.
        using var fonts = new Fonts();
        var page = InkImage.Load(GeneratedPages.Save(GeneratedPages.BenchMagazine(fonts, "rd02_luxun_lvetan_xianggang", "略談香港"), "rd02-mag-paper"));
        var paper = Montage.PaperRatio(page);
        var before = Montage.FlattenedGrey(page);
        Assert.Equal(before, Montage.FlattenedGrey(page, paper));

        page.Reink(before, 160);
        SpeckRemoval.Remove(page, minArea: 4, maxHairline: 2);

        var after = Montage.FlattenedGrey(page);
        Assert.NotEqual(before, after);
        Assert.Equal(after, Montage.FlattenedGrey(page, paper));
    }

    [Fact]
    public void Columns_read_by_PP_OCR_on_two_threads_read_as_on_one()
    {
        // Once tesseract's process is done, a second thread takes PP-OCR's lines not yet read (PaddleLines.Read): each
        // column's characters, their cells, confidences and next choices, in the same order, as one thread reads them.
        using var fonts = new Fonts();
        var page = InkImage.Load(GeneratedPages.Save(GeneratedPages.BenchMagazine(fonts, "rd03_luxun_dushu_zatan", "讀書雜談"), "rd03-mag-threads"));
        var profile = OcrProfile.For(CollectionKind.RepublicanDoc, Script.Traditional, TextLayout.VerticalRightToLeft);
        // Prepared as TesseractOcr prepares a page of tiers: the rules across it taken out, then specks.
        var rules = RuleRemoval.Remove(page, Math.Max(40, page.Width / 8), horizontalOnly: true);
        SpeckRemoval.Remove(page, minArea: 12, maxHairline: Math.Max(2, page.Height / 1100));
        var pieces = PageLayout.Analyse(page, profile, rules, 0.035).Where(l => l.Vertical).SelectMany(l => l.Pieces).ToList();
        var montage = Montage.Build(page, pieces, asColumns: false, 40, turnPunctuation: true, thickenStrokes: false);
        var paddle = shared.Models.Paddle(PaddleModelFiles.Find() ?? throw new InvalidOperationException("PP-OCR models not installed"));
        Assert.True(pieces.Count > 10, $"{pieces.Count} columns");

        var oneNext = new Dictionary<OcrGlyph, IReadOnlyList<(string Text, float P)>>(ReferenceEqualityComparer.Instance);
        var one = PaddleLines.Read(paddle, montage, CancellationToken.None, oneNext);
        var twoNext = new Dictionary<OcrGlyph, IReadOnlyList<(string Text, float P)>>(ReferenceEqualityComparer.Instance);
        var two = PaddleLines.Read(paddle, montage, CancellationToken.None, twoNext, helpWhen: Task.CompletedTask);

        Assert.Equal(one.Keys, two.Keys);
        foreach (var piece in one.Keys)
        {
            Assert.Equal(one[piece], two[piece]);
            Assert.Equal(one[piece].Select(g => oneNext[g]), two[piece].Select(g => twoNext[g]));
        }
    }

    [Fact]
    public void Stages_of_a_page_add_up_by_name()
    {
        var clock = new StageClock();
        clock.Add("tesseract", 1200);
        clock.Add("paddle", 300);
        clock.Add("paddle", 200.4);

        Assert.Equal("tesseract 1200, paddle 500", clock.ToString());
    }

    [Fact]
    public async Task Newspaper_page_logs_where_its_time_went()
    {
        // The bench's newspaper page of np01: tesseract's process and PP-OCR read it side by side, each stage timed.
        using var fonts = new Fonts();
        var image = GeneratedPages.Save(GeneratedPages.BenchNewspaper(fonts, "np01_synthetic_newspaper", "報紙版式樣張 第一號（合成版面）"), "np01-stages");
        var log = new LinesLogger();
        using var ocr = new TesseractOcr(log, models: shared.Models);

        var result = await ocr.RecogniseAsync(image, OcrProfile.For(CollectionKind.Newspaper, Script.Traditional, TextLayout.VerticalRightToLeft));

        Assert.NotEmpty(result.Lines);
        var line = Assert.Single(log.Lines, l => l.StartsWith("OCR ", StringComparison.Ordinal));
        foreach (var stage in new[] { "layout ", "montage-t ", "tesseract ", "paddle-lines ", "montage-p ", "paddle ", "vote " })
            Assert.Contains(stage, line, StringComparison.Ordinal);
    }

    /// <summary>Keeps the messages logged at Debug and above.</summary>
    private sealed class LinesLogger : ILogger<TesseractOcr>
    {
        private readonly Lock _gate = new();
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get { lock (_gate) return _lines.ToList(); }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            lock (_gate) _lines.Add(formatter(state, exception));
        }
    }
}
