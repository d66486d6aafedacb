using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// Full stops of a newspaper's 13 px body type (TrailingMarks): a 。 there is a blob of 4–6 px whose hole closes at the
/// ink threshold, no ring in the ink mask; it is told from a comma by its faint ink, its cell squared, and read as 。,
/// not as ，.
/// </summary>
public class NewspaperStopTests(SharedModels shared) : IClassFixture<SharedModels>
{
    [Fact]
    public async Task Newspaper_body_full_stops_are_read_as_stops()
    {
        // The bench's np05 page (seed 1): 8 full stops in the body; 5 were read before the faint blob was taken for a
        // ring, the rest as commas (bench/RESULTS.md, h/stops).
        const string folder = "np05_synthetic_newspaper";
        var (page, result) = await GeneratedPages.ReadBenchNewspaperAsync(shared.Models, folder, "報紙版式樣張 第五號（合成版面）", folder + "-stops");
        var read = result.Lines.Select(l => l.Text).ToList();

        // Each body line with full stops, against the column read most like it: a stop is in place when the character
        // before it is read with a 。 after it.
        var (stops, placed) = MarksInPlace.Count(page.Text, read, '。', (line, i, best) =>
            i > 0 && best.Contains($"{line[i - 1]}。", StringComparison.Ordinal));
        Assert.True(stops >= 6, $"{stops} full stops in the body");
        Assert.True(placed >= stops - 2, $"{placed} of {stops} full stops read in place: {string.Join(" / ", read)}");
    }
}
