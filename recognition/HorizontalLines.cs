using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

public sealed partial class TesseractOcr
{
    /// <summary>
    /// The horizontal lines of a vertical page (a masthead, a subtitle of small type, a folio number, a heading) are read
    /// by PP-OCR too, a line reader by nature. A line of small or thin type is drawn from the flattened grey page as small
    /// type is: a subtitle set a little askew has a box taller than small type's, yet its strokes are as thin and as
    /// light (drawn from the cleaned page, generated newspapers' subtitles read with 141 characters wrong of 294, from
    /// the flattened one 101). A masthead's large type is drawn from the cleaned page: the flattening's window is only
    /// 21 px, and a stroke of larger type comes near it. Then each line keeps what <see cref="HorizontalLines.Choose"/>
    /// makes of the two readers.
    /// </summary>
    private PaddleLineReading ReadLinesWithPaddle(PaddleRecogniser paddle, string language, bool standardForms, InkImage page, List<LayoutPiece> lines,
        Lazy<byte[]> flat, CancellationToken ct)
    {
        // A band too low for any type is a rule's remains or a row of dots: enlarged to the model's height it would be
        // the longest line of the page to run, and there is nothing in it to read.
        lines = lines.Where(p => p.Box.H >= MinLineHeight).ToList();
        var script = SimplifiedForms.For(language, standardForms);
        var next = new Dictionary<OcrGlyph, IReadOnlyList<(string Text, float P)>>(ReferenceEqualityComparer.Instance);
        if (lines.Count == 0) return new PaddleLineReading(lines, [], [], next, script);
        var grey = lines.Select(p => p with { SmallType = p.SmallType || p.Box.H < FlatBelow }).ToList();
        var montage = Montage.Build(page, grey, asColumns: false, _options.PaddleCharSize, turnPunctuation: false, _options.PaddleThickenStrokes, flat);
        var read = PaddleLines.ReadHorizontal(paddle, montage, page.Width, page.Height, ct, next);
        return new PaddleLineReading(lines, grey, read, next, script);
    }

    /// <summary>
    /// PP-OCR's reading of a page's horizontal lines (<see cref="ReadLinesWithPaddle"/>): each line, the piece drawn for
    /// it (<paramref name="Drawn"/>, by which <paramref name="Read"/> is keyed), the model's next choices per character.
    /// </summary>
    private sealed record PaddleLineReading(List<LayoutPiece> Lines, List<LayoutPiece> Drawn, Dictionary<LayoutPiece, List<OcrGlyph>> Read,
        Dictionary<OcrGlyph, IReadOnlyList<(string Text, float P)>> Next, SimplifiedForms Script);

    /// <summary>Each horizontal line keeps what <see cref="HorizontalLines.Choose"/> makes of tesseract's reading and PP-OCR's.</summary>
    private void ChooseLines(PaddleLineReading reading, Dictionary<LayoutPiece, List<List<OcrGlyph>>> glyphsByPiece)
    {
        var (lines, grey, read, next, script) = reading;
        for (var i = 0; i < lines.Count; i++)
        {
            var piece = lines[i];
            var theirs = new List<OcrGlyph>();
            var also = new Dictionary<OcrGlyph, IReadOnlySet<string>>(ReferenceEqualityComparer.Instance);
            foreach (var x in read.TryGetValue(grey[i], out var g) ? g : [])
            {
                var glyph = x with { Text = script.ToTraditional(x.Text) };
                theirs.Add(glyph);
                also[glyph] = next[x].Where(n => n.P >= NextAtLeast).Select(n => script.ToTraditional(n.Text)).ToHashSet(StringComparer.Ordinal);
            }
            if (theirs.Count == 0) continue;
            var ours = glyphsByPiece.TryGetValue(piece, out var t) ? t.SelectMany(l => l).ToList() : [];
            var chosen = HorizontalLines.Choose(ours, theirs, also, script, _options.PaddleAddAbove, piece.Box.H);
            glyphsByPiece[piece] = [chosen.Select(x => x with { Text = script.AfterVote(x.Text) }).ToList()];
        }
    }

    /// <summary>The height below which a horizontal band is no line of type PP-OCR reads (the smallest type printed is about 8 px here).</summary>
    private const int MinLineHeight = 8;

    /// <summary>The height below which a horizontal line is drawn from the flattened page (twice the small-type pitch).</summary>
    private const int FlatBelow = 40;

    /// <summary>How probable one of PP-OCR's next readings must be for tesseract's reading of the character to confirm it.</summary>
    private const float NextAtLeast = 0.01f;

}

/// <summary>
/// Chooses between tesseract's and PP-OCR's readings of one horizontal line of a vertical page. The two are aligned by
/// where their characters lie along the line. How often they read an aligned ideograph alike says whether tesseract
/// reads this type at all, as it does for a page's columns (<see cref="TesseractOcr.PaddleAloneBelow"/>): a masthead's
/// large type both read alike, and each character goes to the surer reader as the columns' vote has it; a subtitle of
/// small type tesseract reads as a string of wrong characters it is sure of, and there PP-OCR's reading stands, but for
/// a Latin letter or digit both read as such where tesseract is surer.
/// </summary>
internal static class HorizontalLines
{
    public static List<OcrGlyph> Choose(IReadOnlyList<OcrGlyph> tesseract, IReadOnlyList<OcrGlyph> paddle, IReadOnlyDictionary<OcrGlyph, IReadOnlySet<string>> paddleNext, SimplifiedForms script, double addAbove, int lineHeight)
    {
        var pairs = Align(tesseract, paddle, lineHeight);
        var both = pairs.Where(p => p.T is not null && p.P is not null && (IsIdeograph(p.T.Text) || IsIdeograph(p.P.Text))).ToList();
        var agreement = both.Count == 0 ? 1 : both.Count(p => p.T!.Text == p.P!.Text) / (double)both.Count;
        var alone = agreement < TesseractOcr.PaddleAloneBelow;
        var result = new List<OcrGlyph>();
        foreach (var (t, p) in pairs)
        {
            if (t is null) { if (alone || p!.Confidence >= addAbove) result.Add(p!); continue; }
            if (p is null) { if (!alone) result.Add(t); continue; }
            if (t.Text == p.Text) { result.Add(p with { Confidence = Math.Max(t.Confidence, p.Confidence) }); continue; }
            var paddleWins = alone
                ? !(IsLatinOrDigit(t.Text) && IsLatinOrDigit(p.Text) && t.Confidence > p.Confidence)
                : !script.Only.Contains(p.Text) && p.Confidence > t.Confidence;
            // Where PP-OCR was of two minds and tesseract read its second thought, two readers bear that one out.
            if (alone && paddleWins && IsIdeograph(t.Text) && paddleNext.TryGetValue(p, out var others) && others.Contains(t.Text)) { result.Add(p with { Text = t.Text }); continue; }
            result.Add(paddleWins ? p : t);
        }
        return result;
    }

    /// <summary>
    /// Pairs of the two readings in order along the line, along a cheapest edit path (a match costs 0, a substitution
    /// and a gap 1) on which two characters are paired only when they lie near each other: two different ones within
    /// <see cref="OtherApart"/> line heights, the same one within <see cref="SameApart"/> (tesseract's box of a large
    /// character can take in its neighbours: the masthead's 紙 spanning 紙版式樣張).
    /// </summary>
    internal static List<(OcrGlyph? T, OcrGlyph? P)> Align(IReadOnlyList<OcrGlyph> a, IReadOnlyList<OcrGlyph> b, int lineHeight)
    {
        const int Far = 1 << 20;
        int Cost(int i, int j)
        {
            var apart = Math.Abs(Centre(a[i]) - Centre(b[j])) / Math.Max(4.0, lineHeight);
            return a[i].Text == b[j].Text ? apart <= SameApart ? 0 : Far : apart <= OtherApart ? 1 : Far;
        }
        return EditPath.Align(a, b, Cost);
    }

    /// <summary>How far apart (in line heights) two different characters of the two readings may be and still be one.</summary>
    private const double OtherApart = 0.75;

    /// <summary>How far apart (in line heights) the same character read by both may be and still be one.</summary>
    private const double SameApart = 3;

    private static bool IsLatinOrDigit(string text) => text.Length == 1 && char.IsAsciiLetterOrDigit(text[0]);

    private static double Centre(OcrGlyph g) => g.Box.X + g.Box.W / 2.0;

    private static bool IsIdeograph(string text) =>
        text.Length > 0 && System.Text.Rune.GetRuneAt(text, 0).Value is >= 0x3400 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF;
}
