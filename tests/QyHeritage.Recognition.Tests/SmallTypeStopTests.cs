using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;
using QyHeritage.PageGen;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// Full stops and commas of a magazine's 10 px small type (TrailingMarks.BySpread): both are blobs of 2–3 px in the ink
/// mask, and the readers take either for the other. A stop's ring is blurred evenly over its pixels, a comma's head is
/// one dark dot: the area the mark's ink spreads over says which, and the readers' mark in its cell follows it.
/// </summary>
public class SmallTypeStopTests(SharedModels shared) : IClassFixture<SharedModels>
{
    [Fact]
    public async Task Magazine_small_type_full_stops_and_commas_are_told_apart_by_their_ink()
    {
        // The bench's magazine page of rd03 (seed 1): 14 full stops and 40 commas. Before the marks were told apart by
        // the spread of their ink, the page read 4 of its stops and 24 of its commas (bench/RESULTS.md, h/stops2).
        const string folder = "rd03_luxun_dushu_zatan";
        using var fonts = new Fonts();
        var page = GeneratedPages.BenchMagazine(fonts, folder, "讀書雜談");
        var result = await GeneratedPages.ReadAsync(shared.Models, GeneratedPages.Save(page, folder + "-mag-stops"), CollectionKind.RepublicanDoc);
        var read = result.Lines.Select(l => l.Text).ToList();

        // A mark is in place when the character before it is read with that mark after it, in the column read most like
        // the drawn one.
        bool InPlace(char mark, string line, int i, string best) => i > 0 && best.Contains($"{line[i - 1]}{mark}", StringComparison.Ordinal);
        var (stops, stopsPlaced) = MarksInPlace.Count(page.Text, read, '。', (line, i, best) => InPlace('。', line, i, best));
        var (commas, commasPlaced) = MarksInPlace.Count(page.Text, read, '，', (line, i, best) => InPlace('，', line, i, best));
        var message = $"{stopsPlaced} of {stops} stops, {commasPlaced} of {commas} commas in place: {string.Join(" / ", read)}";
        Assert.True(stops >= 8, message);
        Assert.True(stopsPlaced >= stops / 2, message);
        Assert.True(commasPlaced >= commas / 2, message);
    }
}
