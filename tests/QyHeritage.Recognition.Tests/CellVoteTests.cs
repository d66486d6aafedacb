using QyHeritage.Archive.Ocr;

using static QyHeritage.Recognition.Tests.CellGlyphs;

namespace QyHeritage.Recognition.Tests;

public class CellVoteTests
{

    private static readonly CellVote Vote = new(new HashSet<string> { "清", "遠", "縣", "長", "漁", "江", "時" }, SimplifiedForms.Embedded, Margin: 0, AddAbove: 0.9);

    [Fact]
    public void Agreement_and_confidence_decide_between_known_characters()
    {
        var chosen = Vote.Choose([InCell("清", 0.9, 0), InCell("江", 0.6, 1), InCell("縣", 0.9, 2)], [InCell("清", 0.8, 0), InCell("遠", 0.95, 1), InCell("江", 0.5, 2)]);
        Assert.Equal("清遠縣", Text(chosen));
    }

    [Fact]
    public void A_simplified_only_form_never_wins_and_a_character_tesseract_cannot_write_does()
    {
        Assert.Equal("長", Text(Vote.Choose([InCell("長", 0.5, 0)], [InCell("长", 0.99, 0)])));
        Assert.Equal("湟", Text(Vote.Choose([InCell("漁", 0.99, 0)], [InCell("湟", 0.6, 0)])));
        // 时 is also a traditional character: confidence decides.
        Assert.Equal("時", Text(Vote.Choose([InCell("時", 0.99, 0)], [InCell("时", 0.9, 0)])));
    }

    [Fact]
    public void Modern_type_is_read_in_the_standard_traditional_forms_and_a_qing_print_keeps_its_own()
    {
        // A Republic-era magazine prints 沒 黃 內; PP-OCR's key list has only 没 黄 内 and writes those.
        var modern = SimplifiedForms.ModernType;
        Assert.Equal("沒黃內", string.Concat(new[] { "没", "黄", "内" }.Select(modern.AfterVote)));
        Assert.Equal("沒", modern.AfterVote("沒"));
        // 别 has two standard partners (別 彆): no table chooses between them.
        Assert.Equal("别", modern.AfterVote("别"));
        // The forms left after the vote on every traditional page still apply.
        Assert.Equal("時", modern.AfterVote("时"));
        // A Qing print (四庫全書) uses 黄 and 内 itself.
        Assert.Equal("黄内", SimplifiedForms.Embedded.AfterVote("黄") + SimplifiedForms.Embedded.AfterVote("内"));
        Assert.Equal("没", SimplifiedForms.None.AfterVote("没"));
    }

    [Fact]
    public void Gaps_keep_tesseract_and_add_only_confident_paddle_characters()
    {
        // PP-OCR drops characters it lacks (㑹); tesseract misses some it should have read.
        Assert.Equal("會清", Text(Vote.Choose([InCell("會", 0.9, 0), InCell("清", 0.9, 1)], [InCell("清", 0.9, 1)])));
        Assert.Equal("清遠", Text(Vote.Choose([InCell("清", 0.9, 0)], [InCell("清", 0.9, 0), InCell("遠", 0.95, 1)])));
        Assert.Equal("清", Text(Vote.Choose([InCell("清", 0.9, 0)], [InCell("清", 0.9, 0), InCell("遠", 0.5, 1)])));
    }

    [Fact]
    public void A_chosen_tesseract_character_takes_paddles_cell()
    {
        // tesseract put 遠 in the next cell; PP-OCR's time steps put it where it is.
        var chosen = Vote.Choose([InCell("清", 0.99, 0), InCell("長", 0.99, 2)], [InCell("清", 0.9, 0), InCell("长", 0.9, 1)]);
        Assert.Equal("清長", Text(chosen));
        Assert.Equal(100, chosen[1].Box.Y);
    }

    [Fact]
    public void Characters_both_read_the_same_take_paddles_cells_not_tesseracts_shifted_ones()
    {
        // QY-RB-001 p004: tesseract put 清 and 遠 both in 遠's cell and none in 清's (issue 11's hit boxes).
        var chosen = Vote.Choose([InCell("江", 0.99, 0), InCell("清", 0.99, 2), InCell("遠", 0.99, 2)], [InCell("江", 0.99, 0), InCell("清", 0.99, 1), InCell("遠", 0.9, 2)]);
        Assert.Equal("江清遠", Text(chosen));
        Assert.Equal([0, 100, 200], chosen.Select(g => g.Box.Y));
    }

    [Fact]
    public void Tesseract_character_set_is_read_from_the_installed_model()
    {
        var chiTra = TesseractCharset.Of("chi_tra");
        Assert.True(chiTra.Count > 0, "tesseract-ocr-chi-tra is not installed: run ./qy test");
        Assert.Contains("遠", chiTra);
        Assert.DoesNotContain("远", chiTra);
        Assert.DoesNotContain("湟", chiTra);
        Assert.Empty(TesseractCharset.Of("no_such_model"));
    }
}
