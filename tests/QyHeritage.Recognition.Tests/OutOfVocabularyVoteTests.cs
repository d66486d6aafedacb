using QyHeritage.Archive.Ocr;

using static QyHeritage.Recognition.Tests.CellGlyphs;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// A character PP-OCR's key list lacks (說 戰 麼 in a Republic-era magazine: the list is simplified-leaning) is one
/// PP-OCR can only misread: tesseract's sure reading of it wins the cell where PP-OCR is unsure, whether the two are
/// voted or PP-OCR reads the page alone; PP-OCR's sure reading, or a character it can write, goes as before.
/// </summary>
public class OutOfVocabularyVoteTests(SharedModels shared) : IClassFixture<SharedModels>
{

    private static readonly CellVote Vote = new(new HashSet<string> { "清", "遠", "說", "記", "戰", "華" }, SimplifiedForms.ModernType, Margin: 0, AddAbove: 0.9,
        PaddleKnows: new HashSet<string> { "清", "遠", "记", "記", "华", "说" });

    [Fact]
    public void Tesseracts_sure_reading_of_a_character_paddle_lacks_wins_over_paddles_unsure_one()
    {
        Assert.Equal("清說遠", Text(Vote.Choose([InCell("清", 0.9, 0), InCell("說", 0.95, 1), InCell("遠", 0.9, 2)], [InCell("清", 0.9, 0), InCell("記", 0.7, 1), InCell("遠", 0.9, 2)])));
        // PP-OCR sure of its reading: its confidence says the truth was one it could write.
        Assert.Equal("記", Text(Vote.Choose([InCell("說", 0.95, 0)], [InCell("記", 0.97, 0)])));
        // tesseract unsure: confidence decides as between any two readings.
        Assert.Equal("記", Text(Vote.Choose([InCell("說", 0.6, 0)], [InCell("記", 0.7, 0)])));
    }

    [Fact]
    public void Paddle_reading_alone_takes_tesseracts_sure_reading_where_paddle_could_not_have_read_it_or_held_it_next()
    {
        var paddle = new List<OcrGlyph> { InCell("清", 0.9, 0), InCell("記", 0.6, 1), InCell("記", 0.5, 2), InCell("清", 0.5, 3), InCell("清", 0.5, 4), InCell("遠", 0.9, 5) };
        // 戰 is not in PP-OCR's keys; 華 is the form the vote writes for its 华, which it could have read here; 遠 it
        // can write, and held next in cell 3 but not in cell 4.
        var tesseract = new List<OcrGlyph> { InCell("清", 0.5, 0), InCell("戰", 0.95, 1), InCell("華", 0.99, 2), InCell("遠", 0.95, 3), InCell("遠", 0.95, 4), InCell("遠", 0.99, 5) };
        var next = new Dictionary<Box, IReadOnlyList<(string Text, float P)>>
        {
            [InCell("", 0, 3).Box] = [("江", 0.2f), ("遠", 0.1f)],
            [InCell("", 0, 4).Box] = [("江", 0.2f)],
        };
        var chosen = Vote.OverrulePaddleAlone(tesseract, paddle, next, borneOut: 0.9);
        Assert.Equal("清戰記遠清遠", Text(chosen));
        // The character keeps PP-OCR's cell, as sure as tesseract was surer.
        Assert.Equal(100, chosen[1].Box.Y);
        Assert.Equal(0.35, chosen[1].Confidence, 3);
        Assert.True(Vote.PaddleCannotWrite("戰"));
        // 說 folds to PP-OCR's key 说, but the vote does not write it for that key: PP-OCR misreads it on modern type.
        Assert.True(Vote.PaddleCannotWrite("說"));
        Assert.False(Vote.PaddleCannotWrite("華"));
        Assert.False(Vote.PaddleCannotWrite("，"));
        // A page where tesseract's sure readings are not borne out (a copyist's hand): PP-OCR's next choice seconds
        // nothing there (遠 in cell 3 stays PP-OCR's 清), but a character PP-OCR could not have read still stands.
        Assert.Equal("清戰記清清遠", Text(Vote.OverrulePaddleAlone(tesseract, paddle, next, borneOut: 0.7)));
        // Without PP-OCR's keys nothing is known to be beyond it.
        Assert.Equal("清記記遠清遠", Text((Vote with { PaddleKnows = null }).OverrulePaddleAlone(tesseract, paddle, next, 0.9)));
    }

    [Fact]
    public async Task Magazine_page_keeps_tesseracts_sure_readings_where_paddle_reading_alone_is_unsure()
    {
        // The bench's magazine page of rd08 (bench/ocr/pagegen.sh --seed 1): 10–11 px type that PP-OCR reads alone (the
        // readers agree on under 60 % of cells), tesseract's sure readings borne out on 93 % of the cells PP-OCR is as
        // sure of. Measured (2026-12-07): 73.1 % with PP-OCR's readings alone, 75.7 % with tesseract's sure ones of
        // characters PP-OCR lacks or held next.
        const string folder = "rd08_luxun_weijin_fengdu";
        var (page, result) = await GeneratedPages.ReadBenchMagazineAsync(shared.Models, folder, "魏晉風度及文章與藥及酒之關係", folder + "-mag-oov");

        var accuracy = CharacterAccuracy.Measure(page.Text, result.Text);
        Assert.True(accuracy >= 0.75, $"accuracy {accuracy:P1}: {result.Text}");
    }
}
