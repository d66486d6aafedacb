using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Archive.Tests;
using QyHeritage.PageGen;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// A character PP-OCR's key list lacks (說 戰 麼 in a Republic-era magazine: the list is simplified-leaning) is one
/// PP-OCR can only misread: tesseract's sure reading of it wins the cell where PP-OCR is unsure, whether the two are
/// voted or PP-OCR reads the page alone; PP-OCR's sure reading, or a character it can write, goes as before.
/// </summary>
public class OutOfVocabularyVoteTests(SharedModels shared) : IClassFixture<SharedModels>
{
    private static OcrGlyph G(string text, double confidence, int cell) => new(text, new Box(0, cell * 100, 90, 90), confidence);

    private static readonly CellVote Vote = new(new HashSet<string> { "清", "遠", "說", "記", "戰", "華" }, SimplifiedForms.ModernType, Margin: 0, AddAbove: 0.9,
        PaddleKnows: new HashSet<string> { "清", "遠", "记", "記", "华", "说" });

    private static string Text(IEnumerable<OcrGlyph> glyphs) => string.Concat(glyphs.Select(g => g.Text));

    [Fact]
    public void Tesseracts_sure_reading_of_a_character_paddle_lacks_wins_over_paddles_unsure_one()
    {
        Assert.Equal("清說遠", Text(Vote.Choose([G("清", 0.9, 0), G("說", 0.95, 1), G("遠", 0.9, 2)], [G("清", 0.9, 0), G("記", 0.7, 1), G("遠", 0.9, 2)])));
        // PP-OCR sure of its reading: its confidence says the truth was one it could write.
        Assert.Equal("記", Text(Vote.Choose([G("說", 0.95, 0)], [G("記", 0.97, 0)])));
        // tesseract unsure: confidence decides as between any two readings.
        Assert.Equal("記", Text(Vote.Choose([G("說", 0.6, 0)], [G("記", 0.7, 0)])));
    }

    [Fact]
    public void Paddle_reading_alone_takes_tesseracts_sure_reading_only_of_characters_it_cannot_write()
    {
        var paddle = new List<OcrGlyph> { G("清", 0.9, 0), G("記", 0.6, 1), G("記", 0.5, 2), G("遠", 0.9, 3) };
        // 戰 is not in PP-OCR's keys; 華 is the form the vote writes for its 华, which it could have read here.
        var tesseract = new List<OcrGlyph> { G("清", 0.5, 0), G("戰", 0.95, 1), G("華", 0.99, 2), G("遠", 0.99, 3) };
        var chosen = Vote.WithWhatPaddleCannotWrite(tesseract, paddle);
        Assert.Equal("清戰記遠", Text(chosen));
        // The character keeps PP-OCR's cell, as sure as tesseract was surer.
        Assert.Equal(100, chosen[1].Box.Y);
        Assert.Equal(0.35, chosen[1].Confidence, 3);
        Assert.True(Vote.PaddleCannotWrite("戰"));
        Assert.True(Vote.PaddleCannotWrite("說"));
        Assert.False(Vote.PaddleCannotWrite("華"));
        Assert.False(Vote.PaddleCannotWrite("，"));
        // Without PP-OCR's keys nothing is known to be beyond it.
        Assert.Equal("清記記遠", Text((Vote with { PaddleKnows = null }).WithWhatPaddleCannotWrite(tesseract, paddle)));
    }

    [Fact]
    public async Task Magazine_page_reads_characters_paddle_lacks_where_tesseract_is_sure_of_them()
    {
        // The bench's magazine page of FOLDER (bench/ocr/pagegen.sh --seed 1): 10–11 px type, PP-OCR's confidence low
        // across it, so PP-OCR reads it alone and tesseract only where PP-OCR could not have read the character.
        // Measured (2026-12-07): BEFORE of the page's characters outside PP-OCR's key list read right before, AFTER after.
        const string folder = "FOLDER";
        using var fonts = new Fonts();
        var text = GeneratedPages.Pages(folder).SelectMany(p => p.Where(l => !(l.Trim().Length > 0 && l.Trim().All(char.IsAsciiDigit)))).ToList();
        var page = new PageGenerator(fonts).Render(PageKind.Magazine, [text], 0, "TITLE", PageGenerator.PageSeed(1, folder + "_mag", "p001"));
        var result = await GeneratedPages.ReadAsync(shared.Models, GeneratedPages.Save(page, folder + "-mag-oov"), CollectionKind.RepublicanDoc);

        var keys = PaddleModelFiles.Find() is { } files ? PaddleRecogniser.LoadKeys(files.Keys).ToHashSet(StringComparer.Ordinal) : [];
        Assert.NotEmpty(keys);
        var vote = new CellVote(new HashSet<string>(), SimplifiedForms.ModernType, 0, 0.9, PaddleKnows: keys);
        static List<OcrGlyph> Ideographs(string s) => CharacterAccuracy.Normalise(s).EnumerateRunes().Select(r => r.ToString())
            .Where(GlyphJudge.IsIdeograph).Select(t => new OcrGlyph(t, default, 0)).ToList();
        var pairs = CellVote.Align(Ideographs(page.Text), Ideographs(result.Text));
        var outside = pairs.Count(p => p.T is { } t && vote.PaddleCannotWrite(t.Text));
        var right = pairs.Count(p => p.T is { } t && vote.PaddleCannotWrite(t.Text) && p.P?.Text == t.Text);
        Assert.True(right >= BOUND, $"{right} of {outside} characters outside PP-OCR's key list read right: {result.Text}");
    }
}
