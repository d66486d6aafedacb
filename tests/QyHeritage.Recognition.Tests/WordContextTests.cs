using QyHeritage.Archive.Ocr;

using static QyHeritage.Recognition.Tests.CellGlyphs;

namespace QyHeritage.Recognition.Tests;

/// <summary>
/// Where PP-OCR reads a page of modern type alone and is unsure of a cell, the choice of its that forms a word with
/// the cell's neighbours in the column wins (WordContext, SmartCn's dictionary of modern Chinese).
/// </summary>
public class WordContextTests(SharedModels shared) : IClassFixture<SharedModels>
{

    /// <summary>A column as PP-OCR read it, each cell sure but those named by <paramref name="unsure"/>.</summary>
    private static List<OcrGlyph> Column(string text, params (int Cell, double Confidence)[] unsure) =>
        text.EnumerateRunes().Select((r, i) => InCell(r.ToString(), unsure.FirstOrDefault(u => u.Cell == i) is { Confidence: > 0 } cell ? cell.Confidence : 0.99, i)).ToList();

    [Fact]
    public void The_choice_that_forms_a_word_with_its_neighbours_wins_an_unsure_cell()
    {
        // 革命時代的丈學: the sixth cell unsure between 丈 and 文; 文學 is a word (the dictionary is simplified: 文学).
        var column = Column("革命時代的丈學", (5, 0.6));
        var next = new Dictionary<Box, IReadOnlyList<(string Text, float P)>> { [InCell("", 0, 5).Box] = [("文", 0.3f), ("尢", 0.05f)] };
        var chosen = WordContext.Modern.Reconsider(column, next, t => t);
        Assert.Equal("革命時代的文學", Text(chosen));
        // As sure as the model was of the choice, never surer than of what it read.
        Assert.Equal(0.3, chosen[5].Confidence, 3);

        // Sure of its reading: the cell stays as read.
        Assert.Equal("革命時代的丈學", Text(WordContext.Modern.Reconsider(Column("革命時代的丈學", (5, 0.95)), next, t => t)));
        // No choice forms a word: the model's own probability decides, and it read 丈.
        var alone = new Dictionary<Box, IReadOnlyList<(string Text, float P)>> { [InCell("", 0, 5).Box] = [("尢", 0.3f)] };
        Assert.Equal("革命時代的丈學", Text(WordContext.Modern.Reconsider(column, alone, t => t)));
        // A choice in the key list's simplified form is written in the page's form before it is weighed (门 → 門).
        var gate = Column("出丿口", (1, 0.5));
        var gateNext = new Dictionary<Box, IReadOnlyList<(string Text, float P)>> { [InCell("", 0, 1).Box] = [("门", 0.3f)] };
        Assert.Equal("出門口", Text(WordContext.Modern.Reconsider(gate, gateNext, t => t == "门" ? "門" : t)));
    }

    [Fact]
    public void Adjacent_unsure_cells_are_chosen_together_but_only_into_words_the_page_bears_out()
    {
        // 中華民國 read 中革氏國, both middle cells unsure: their choices are weighed together, each with the other's choice
        // as its neighbour.
        var column = Column("中革氏國萬歲", (1, 0.5), (2, 0.5));
        var next = new Dictionary<Box, IReadOnlyList<(string Text, float P)>>
        {
            [InCell("", 0, 1).Box] = [("華", 0.3f), ("草", 0.1f)],
            [InCell("", 0, 2).Box] = [("民", 0.3f), ("氐", 0.1f)],
        };
        Assert.Equal("中華民國萬歲", Text(WordContext.Modern.Reconsider(column, next, t => t)));

        // 因爲跌倒 read 因我跌倡: a word made only of the two cells' choices (民族) holds no reading of the page and
        // does not count; the cells stay as read.
        var nation = Column("港因我跌倡的", (2, 0.5), (3, 0.5));
        var nationNext = new Dictionary<Box, IReadOnlyList<(string Text, float P)>>
        {
            [InCell("", 0, 2).Box] = [("民", 0.3f)],
            [InCell("", 0, 3).Box] = [("族", 0.3f)],
        };
        Assert.Equal("港因我跌倡的", Text(WordContext.Modern.Reconsider(nation, nationNext, t => t)));
    }

    [Fact]
    public void A_word_counts_once_however_many_unsure_cells_it_covers()
    {
        // 我明白它的意思 read 我明自它的意思, 自 and 它 unsure, PP-OCR's next choices 白 and 己, a little surer of 白.
        // 自己 covers both unsure cells; as a path through the column's words, 明白|它 and 明|自己 are about as likely
        // (a word counts once), so the model's preference decides. A score per cell counted 自己 once for each cell it
        // covers and wrote 明自己.
        var column = Column("我明自它的意思", (2, 0.6), (3, 0.6));
        var next = new Dictionary<Box, IReadOnlyList<(string Text, float P)>>
        {
            [InCell("", 0, 2).Box] = [("白", 0.35f)],
            [InCell("", 0, 3).Box] = [("己", 0.3f)],
        };
        Assert.Equal("我明白它的意思", Text(WordContext.Modern.Reconsider(column, next, t => t)));

        // A choice that only a single character's frequency favours, in no word of the path, is not taken: 自 stays where
        // the next choice, 是, forms no word with its neighbours though 是 alone is far more frequent.
        var single = new Dictionary<Box, IReadOnlyList<(string Text, float P)>> { [InCell("", 0, 2).Box] = [("是", 0.35f)] };
        Assert.Equal("我明自它的意思", Text(WordContext.Modern.Reconsider(column, single, t => t)));
    }

    [Fact]
    public void A_kept_character_finds_its_words_spelt_with_its_alternative()
    {
        // 於 is kept by the folding (於 also as 于), while the dictionary writes 于是: 於是 read unsure with 于 next must not
        // become 于是 because only that spelling is a word (seed 1 wrote 于是, 對于, 源于 for the truth's 於).
        var column = Column("於是他走了", (0, 0.6));
        var next = new Dictionary<Box, IReadOnlyList<(string Text, float P)>> { [InCell("", 0, 0).Box] = [("于", 0.35f)] };
        Assert.Equal("於是他走了", Text(WordContext.Modern.Reconsider(column, next, t => t)));
        // The alternative spelling is only looked up, not written: where the reading forms no word, the choice still wins.
        var misread = Column("旅是他走了", (0, 0.6));
        Assert.Equal("于是他走了", Text(WordContext.Modern.Reconsider(misread, next, t => t)));
    }

    [Fact]
    public void Traditional_words_are_found_in_the_simplified_dictionary()
    {
        Assert.Equal("时代的文学", WordContext.ToSimplified("時代的文學"));
        // 文覺 is no word and 文學 is one once folded (文学): an unsure 覺 takes PP-OCR's next choice 學.
        var next = new Dictionary<Box, IReadOnlyList<(string Text, float P)>> { [InCell("", 0, 4).Box] = [("學", 0.3f)] };
        Assert.Equal("時代的文學", Text(WordContext.Modern.Reconsider(Column("時代的文覺", (4, 0.6)), next, t => t)));
        // 丈丿 is no word: 丿丿 stays as read, though 丈 alone is the commoner character.
        var stroke = new Dictionary<Box, IReadOnlyList<(string Text, float P)>> { [InCell("", 0, 0).Box] = [("丈", 0.3f)] };
        Assert.Equal("丿丿", Text(WordContext.Modern.Reconsider(Column("丿丿", (0, 0.6)), stroke, t => t)));
    }

    [Fact]
    public async Task Magazine_page_reads_better_where_the_words_decide_paddles_unsure_cells()
    {
        // The bench's magazine page of rd07 (bench/ocr/pagegen.sh --seed 1): 10–11 px type that PP-OCR reads alone.
        // Measured (2026-12-07): 68.3 % without the word context, 72.3 % with it.
        const string folder = "rd07_luxun_da_youheng";
        var (page, result) = await GeneratedPages.ReadBenchMagazineAsync(shared.Models, folder, "答有恆先生", folder + "-mag-context");

        var accuracy = CharacterAccuracy.Measure(page.Text, result.Text);
        Assert.True(accuracy >= 0.71, $"accuracy {accuracy:P1}: {result.Text}");
    }
}
