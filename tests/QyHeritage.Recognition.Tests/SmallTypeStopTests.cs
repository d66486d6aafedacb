using NetVips;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;

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
        var (page, result) = await GeneratedPages.ReadBenchMagazineAsync(shared.Models, folder, "讀書雜談", folder + "-mag-stops");
        var read = result.Lines.Select(l => l.Text).ToList();

        // A mark is in place when it is matched in the longest common subsequence of the drawn column and the column read
        // most like it: the characters about it may be misread (the page reads some two thirds of its characters).
        var (stops, stopsPlaced) = MarksInPlace.Matched(page.Text, read, '。');
        var (commas, commasPlaced) = MarksInPlace.Matched(page.Text, read, '，');
        var message = $"{stopsPlaced} of {stops} stops, {commasPlaced} of {commas} commas in place: {string.Join(" / ", read)}";
        Assert.True(stops >= 12, message);
        // Measured (2026-12-07): 10 of 14 stops and 27 of 40 commas with the marks told apart, 4 and 24 before.
        Assert.True(stopsPlaced >= stops * 0.6, message);
        Assert.True(commasPlaced >= commas * 0.55, message);
    }

    [Theory]
    // Grey levels of marks of the generated magazine page rd01 (seed 1, 10 px type), a pixel of paper around each box: a
    // stop (its box 3×3), evenly grey, its darkest pixel 137 on paper of 205; commas (boxes 2×3), a head of 80 or 109.
    [InlineData("。", 3, 3, new byte[] { 206, 200, 187, 190, 204, 201, 177, 154, 166, 196, 194, 161, 137, 157, 193, 201, 177, 160, 177, 202, 209, 202, 192, 199, 206 })]
    [InlineData("，", 2, 3, new byte[] { 204, 205, 191, 214, 202, 153, 80, 191, 205, 172, 117, 197, 207, 194, 166, 202, 206, 204, 199, 202 })]
    [InlineData("，", 2, 3, new byte[] { 219, 180, 205, 203, 178, 109, 157, 202, 194, 114, 134, 192, 190, 161, 193, 205, 214, 191, 202, 201 })]
    public void A_small_type_mark_is_a_stop_when_its_ink_spreads_evenly_and_a_comma_when_one_dot_is_dark(string mark, int w, int h, byte[] patch)
    {
        // The patch on paper of its own tone, in a page of 10 px type.
        const int size = 16, at = 6;
        var pixels = Enumerable.Repeat((byte)204, size * size).ToArray();
        for (var y = 0; y < h + 2; y++)
            for (var x = 0; x < w + 2; x++) pixels[(at + y) * size + at + x] = patch[y * (w + 2) + x];
        var path = Path.Combine(TestPaths.NewTempFolder("ocr-marks"), "marks.png");
        using (var image = Image.NewFromMemory(pixels, size, size, 1, Enums.BandFormat.Uchar)) image.WriteToFile(path);
        var page = InkImage.Load(path);
        Assert.Equal(mark, TrailingMarks.BySpread(page, new Box(at + 1, at + 1, w, h), charSize: 10));
        // A character's cell is no mark's.
        Assert.Null(TrailingMarks.BySpread(page, new Box(at, at, 8, 9), charSize: 10));
    }
}
