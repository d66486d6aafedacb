
namespace QyHeritage.Recognition.Tests;

public class CtcDecoderTests
{
    private static readonly string[] Keys = ["", "清", "遠", "書", " "];

    /// <summary>Scores for a best path: at each step the named class gets <paramref name="p"/>, the rest share what is left.</summary>
    private static float[] Path(int[] best, float p = 0.9f)
    {
        var scores = new float[best.Length * Keys.Length];
        for (var t = 0; t < best.Length; t++)
            for (var c = 0; c < Keys.Length; c++)
                scores[t * Keys.Length + c] = c == best[t] ? p : (1 - p) / (Keys.Length - 1);
        return scores;
    }

    private static string Text(IEnumerable<CtcChar> chars) => string.Concat(chars.Select(c => c.Text));

    [Fact]
    public void Repeated_steps_collapse_to_one_character() =>
        Assert.Equal("清遠", Text(CtcDecoder.Decode(Path([1, 1, 1, 2, 2]), 5, Keys.Length, Keys)));

    [Fact]
    public void A_blank_between_repeats_keeps_two_characters() =>
        Assert.Equal("書書", Text(CtcDecoder.Decode(Path([3, 3, 0, 3]), 4, Keys.Length, Keys)));

    [Fact]
    public void Blanks_are_dropped_and_all_blank_is_empty()
    {
        Assert.Equal("清", Text(CtcDecoder.Decode(Path([0, 0, 1, 0]), 4, Keys.Length, Keys)));
        Assert.Empty(CtcDecoder.Decode(Path([0, 0, 0]), 3, Keys.Length, Keys));
    }

    [Fact]
    public void A_character_keeps_its_steps_and_its_most_confident_probability()
    {
        var scores = Path([0, 2, 2, 2, 0, 1]);
        scores[2 * Keys.Length + 2] = 0.99f;
        var chars = CtcDecoder.Decode(scores, 6, Keys.Length, Keys);
        Assert.Equal(new CtcChar("遠", 1, 3, 0.99f), chars[0]);
        Assert.Equal(2.0, chars[0].CentreStep);
        Assert.Equal(new CtcChar("清", 5, 5, 0.9f), chars[1]);
    }

    [Fact]
    public void The_space_class_is_decoded_and_too_few_scores_are_an_error()
    {
        Assert.Equal("清 遠", Text(CtcDecoder.Decode(Path([1, 4, 2]), 3, Keys.Length, Keys)));
        Assert.Throws<ArgumentException>(() => CtcDecoder.Decode(new float[4], 3, Keys.Length, Keys));
    }

    [Fact]
    public void Restricted_to_some_characters_a_step_writes_the_likeliest_of_them_and_blanks_stay_blank()
    {
        // 遠 is the best class at steps 1–2, 書 the second; only 清 and 書 may be written.
        var scores = Path([0, 2, 2, 0, 1]);
        foreach (var t in new[] { 1, 2 }) { scores[t * Keys.Length + 3] = 0.08f; scores[t * Keys.Length + 1] = 0.01f; }
        var only = Keys.Select(k => k is "清" or "書").ToArray();
        var chars = CtcDecoder.Decode(scores, 5, Keys.Length, Keys, only);
        Assert.Equal("書清", Text(chars));
        Assert.Equal(0.08, chars[0].Confidence, 3);
        Assert.Equal("遠清", Text(CtcDecoder.Decode(scores, 5, Keys.Length, Keys)));
    }

    [Fact]
    public void Asked_for_them_a_character_keeps_the_next_likeliest_characters_of_its_surest_step()
    {
        // 遠 at steps 1–2, surest at step 2, where 書 comes next and then 清 (the blank never counts).
        var scores = Path([0, 2, 2, 0]);
        scores[2 * Keys.Length + 2] = 0.95f;
        scores[2 * Keys.Length + 3] = 0.03f;
        scores[2 * Keys.Length + 1] = 0.01f;
        scores[2 * Keys.Length + 0] = 0.005f;
        scores[2 * Keys.Length + 4] = 0.005f;
        var chars = CtcDecoder.Decode(scores, 4, Keys.Length, Keys, next: 2);
        Assert.Equal("遠", Assert.Single(chars).Text);
        Assert.Equal(["書", "清"], chars[0].Next.Select(n => n.Text));
        Assert.Equal(0.03f, chars[0].Next[0].P);
        Assert.Empty(CtcDecoder.Decode(scores, 4, Keys.Length, Keys)[0].Next);
    }
}
