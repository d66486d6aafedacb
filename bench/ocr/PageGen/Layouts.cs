using System.Text;
using SkiaSharp;

namespace QyHeritage.PageGen;

/// <summary>
/// What a layout drew: the ink (coverage, 255 = full ink) before any degradation, the text of exactly what was drawn
/// in reading order (one line a printed column or line, as the sample collection's pNNN.txt), and what the layout tests
/// check against: the ruled columns and the 版心 of a classical page.
/// </summary>
/// <param name="Folio">On a half-folio, the leaf number its 版心 prints and the half it is ("21a": right of the fold).</param>
public sealed record Drawn(byte[] Ink, int Width, int Height, IReadOnlyList<string> Truth, int RuledColumns = 0, SKRectI? CentreStrip = null, string? Folio = null);

/// <summary>A column of a tiered vertical page: a headline (larger, bold) or body text; the first of an article gets a rule before it.</summary>
public sealed record VColumn(List<Token> Tokens, bool Head = false, bool ArticleStart = false);

/// <summary>The page layouts, one method a look. Sizes are in pixels of the drawing; the degradations may scale it down after.</summary>
public static class Layouts
{
    /// <summary>
    /// A rare-book half-folio (vertical, right to left): a black single or double frame (邊欄), column rules (界行), and
    /// the 版心 fold column at the fold side with the book title, a solid 魚尾, the 卷 and the leaf number. The 版心 is
    /// not in the text (as on the sample pages and in Kanripo's transcriptions of real scans). Each transcription line
    /// is one printed column, its 〔…〕 notes drawn as two small sub-columns, right then left.
    /// </summary>
    public static Drawn Classical(Fonts fonts, IReadOnlyList<string> lines, Random rng, string title, string juan, int leaf,
        bool foldOnLeft, bool doubleFrame, float cell = 52)
    {
        var columns = lines.Select(Token.Parse).ToList();
        var rows = Math.Max(20, columns.Select(c => c.Sum(t => t.Cells)).DefaultIfEmpty(0).Max());
        var colW = (int)MathF.Round(cell * 1.45f);
        var ncols = Math.Max(8, columns.Count);
        var bw = (int)MathF.Round(cell * 1.35f);
        int mx = (int)(cell * 1.6f), top = (int)(cell * 2.2f), bottom = (int)(cell * 1.8f);
        var textW = ncols * colW;
        var frameH = (int)(rows * cell + cell * 0.6f);
        int w = textW + bw + 2 * mx, h = top + frameH + bottom;
        using var surface = new InkSurface(w, h);
        var pen = new GlyphPen(fonts, surface.Canvas);
        int x0 = mx, x1 = mx + textW + bw, y0 = top, y1 = top + frameH;
        var (tx0, tx1) = foldOnLeft ? (x0 + bw, x1) : (x0, x0 + textW);
        var (bx0, bx1) = foldOnLeft ? (x0, x0 + bw) : (x0 + textW, x1);

        var rule = Math.Max(2f, cell * 0.05f);
        using var stroke = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke };
        // The frame: a double border is a thick outer line and a thin inner one; a single border one thick line.
        stroke.StrokeWidth = doubleFrame ? rule : Math.Max(3f, cell * 0.09f);
        surface.Canvas.DrawRect(x0, y0, x1 - x0, y1 - y0, stroke);
        if (doubleFrame)
        {
            var gap = cell * 0.22f;
            stroke.StrokeWidth = Math.Max(3f, cell * 0.1f);
            surface.Canvas.DrawRect(x0 - gap, y0 - gap, x1 - x0 + 2 * gap, y1 - y0 + 2 * gap, stroke);
        }
        // Column rules between text columns and on both sides of the 版心.
        stroke.StrokeWidth = rule;
        for (var i = 1; i < ncols; i++) surface.Canvas.DrawLine(tx1 - i * colW, y0, tx1 - i * colW, y1, stroke);
        surface.Canvas.DrawLine(foldOnLeft ? bx1 : bx0, y0, foldOnLeft ? bx1 : bx0, y1, stroke);

        var truth = new List<string>();
        for (var c = 0; c < columns.Count; c++)
        {
            var cx = tx1 - (c + 0.5f) * colW;
            truth.Add(DrawColumn(pen, columns[c], cx, y0 + cell * 0.3f, cell, colW, cell * 0.86f, FontStyle.Kai, rng));
        }

        // 版心: title, 魚尾 (a solid block with a notch, which no character makes), 卷, leaf number near the foot.
        var bcx = (bx0 + bx1) / 2f;
        var y = y0 + cell * 0.9f;
        foreach (var ch in Token.Runes(title)) { pen.Draw(ch, bcx, y, cell * 0.72f, FontStyle.Sung, true); y += cell * 0.8f; }
        var fy = y + cell * 0.2f;
        using (var fill = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Fill })
        using (var notch = new SKPaint { Color = SKColors.Black, IsAntialias = true, BlendMode = SKBlendMode.Clear })
        {
            float l = bx0 + cell * 0.18f, r = bx1 - cell * 0.18f, fh = cell * 0.7f;
            surface.Canvas.DrawRect(l, fy, r - l, fh, fill);
            surface.Canvas.DrawCircle(bcx, fy + fh, fh * 0.42f, notch);
            y = fy + fh + cell * 0.8f;
        }
        foreach (var ch in Token.Runes(juan)) { pen.Draw(ch, bcx, y, cell * 0.62f, FontStyle.Sung, true); y += cell * 0.7f; }
        y = y1 - cell * 2.6f;
        foreach (var ch in Token.Runes(GlyphPen.Numeral(leaf))) { pen.Draw(ch, bcx, y, cell * 0.62f, FontStyle.Sung, true); y += cell * 0.7f; }
        return new Drawn(surface.Coverage(), w, h, truth, ncols, new SKRectI(bx0, y0, bx1, y1), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{leaf}{(foldOnLeft ? 'a' : 'b')}"));
    }

    /// <summary>
    /// Vertical columns in horizontal tiers, right to left, tiers top to bottom (a Republic-era book page is one tier; a
    /// magazine or newspaper page several, with rules between the tiers and between articles). Headlines are larger
    /// and bold; a masthead and its subtitle go across the top, a folio number at the foot. Columns longer than a tier
    /// holds are continued in the next column, so the text is unchanged and only the line breaks move.
    /// </summary>
    public static Drawn Tiers(Fonts fonts, IReadOnlyList<VColumn> input, Random rng, float cell, int rows, int tiers, FontStyle style,
        bool rules, string? masthead = null, string? subline = null, string? folio = null)
    {
        float bodyW = cell * 1.35f, headW = cell * 1.9f, headPitch = cell * 1.5f, articleGap = cell * 0.6f;
        var headRows = (int)(rows * cell / headPitch);
        var cols = new List<VColumn>();
        foreach (var c in input)
        {
            var cap = c.Head ? headRows : rows;
            var piece = new List<Token>();
            var first = true;
            foreach (var t in c.Tokens)
            {
                if (piece.Sum(p => p.Cells) + t.Cells > cap && piece.Count > 0) { cols.Add(c with { Tokens = piece, ArticleStart = c.ArticleStart && first }); piece = []; first = false; }
                piece.Add(t);
            }
            cols.Add(c with { Tokens = piece, ArticleStart = c.ArticleStart && first });
        }
        float Width(VColumn c) => (c.Head ? headW : bodyW) + (c.ArticleStart ? articleGap : 0);
        // Fill tiers to an even width: the page is as wide as its widest tier.
        var target = cols.Sum(Width) / tiers;
        var tierCols = new List<List<VColumn>> { new() };
        foreach (var c in cols)
        {
            if (tierCols[^1].Count > 0 && tierCols[^1].Sum(Width) + Width(c) > target * 1.04f && tierCols.Count < tiers) tierCols.Add([]);
            tierCols[^1].Add(c);
        }
        var textW = (int)tierCols.Max(t => t.Sum(Width));
        var tierH = rows * cell + cell * 0.8f;
        int mx = (int)(cell * 2f), top = (int)(cell * 2f);
        var head = masthead is null ? 0 : (int)(cell * 5f);
        int w = textW + 2 * mx, h = (int)(top + head + tierCols.Count * tierH + cell * (folio is null ? 2f : 3.5f));
        using var surface = new InkSurface(w, h);
        var pen = new GlyphPen(fonts, surface.Canvas);
        using var stroke = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(1.5f, cell * 0.06f) };
        var truth = new List<string>();
        if (masthead is not null)
        {
            truth.Add(HorizontalLine(pen, masthead, w / 2f, top + cell * 1.3f, cell * 2.4f, FontStyle.Kai, bold: true, centred: true));
            if (subline is not null) truth.Add(HorizontalLine(pen, subline, w / 2f, top + cell * 3.2f, cell * 0.62f, style, bold: false, centred: true));
            surface.Canvas.DrawLine(mx, top + head - cell * 0.6f, w - mx, top + head - cell * 0.6f, stroke);
        }
        for (var t = 0; t < tierCols.Count; t++)
        {
            var ty = top + head + t * tierH;
            if (rules && t > 0) surface.Canvas.DrawLine(mx, ty - cell * 0.4f, w - mx, ty - cell * 0.4f, stroke);
            var x = (float)(mx + textW);
            foreach (var c in tierCols[t])
            {
                if (c.ArticleStart)
                {
                    if (rules && x < mx + textW - 1) surface.Canvas.DrawLine(x - articleGap / 2, ty, x - articleGap / 2, ty + rows * cell, stroke);
                    x -= articleGap;
                }
                var cw = c.Head ? headW : bodyW;
                truth.Add(c.Head
                    ? DrawColumn(pen, c.Tokens, x - cw / 2, ty, headPitch, cw, headPitch * 0.95f, style, rng, bold: true)
                    : DrawColumn(pen, c.Tokens, x - cw / 2, ty, cell, cw, cell * 0.9f, style, rng));
                x -= cw;
            }
        }
        if (folio is not null) truth.Add(HorizontalLine(pen, folio, w / 2f, h - cell * 2f, cell * 0.7f, style, bold: false, centred: true));
        return new Drawn(surface.Coverage(), w, h, truth);
    }

    /// <summary>Horizontal modern typesetting (the item's layout is horizontal): a bold heading, a source line, then the text lines.</summary>
    public static Drawn Horizontal(Fonts fonts, IReadOnlyList<string> lines, float cell = 34)
    {
        var lead = cell * 1.65f;
        int mx = (int)(cell * 2.5f), top = (int)(cell * 3f);
        using var measure = new InkSurface(1, 1);
        var probe = new GlyphPen(fonts, measure.Canvas);
        var textW = lines.Skip(1).Select(l => Token.Runes(l).Sum(ch => probe.Advance(ch, cell, FontStyle.Ming))).DefaultIfEmpty(cell).Max();
        int w = (int)(textW + 2 * mx), h = (int)(top + lines.Count * lead + cell * 4);
        using var surface = new InkSurface(w, h);
        var pen = new GlyphPen(fonts, surface.Canvas);
        var truth = new List<string>();
        var y = top + cell;
        for (var i = 0; i < lines.Count; i++)
        {
            var heading = i == 0;
            truth.Add(HorizontalLine(pen, lines[i], heading ? w / 2f : mx, y, heading ? cell * 1.6f : cell, FontStyle.Ming, bold: heading, centred: heading));
            y += heading ? lead * 1.5f : lead;
        }
        return new Drawn(surface.Coverage(), w, h, truth);
    }

    /// <summary>Draws one column from (cx, top) down; notes as two sub-columns. Returns the text drawn.</summary>
    private static string DrawColumn(GlyphPen pen, List<Token> tokens, float cx, float top, float pitch, float colW, float size,
        FontStyle style, Random rng, bool bold = false)
    {
        var text = new StringBuilder();
        var y = top;
        foreach (var t in tokens)
        {
            if (!t.Note)
            {
                // A movable-type or carved character is never exactly on the column's axis.
                var jitter = (float)(rng.NextDouble() - 0.5) * pitch * 0.06f;
                if (pen.Draw(t.Text, cx + jitter, y + pitch / 2, size, style, vertical: true, bold)) text.Append(t.Text);
                y += pitch;
                continue;
            }
            var chars = Token.Runes(t.Text);
            var half = (chars.Count + 1) / 2;
            var sub = Math.Min(pitch * 0.8f, colW * 0.4f);
            text.Append('〔');
            for (var side = 0; side < 2; side++)
            {
                var sx = cx + (side == 0 ? colW * 0.22f : -colW * 0.22f);
                var part = side == 0 ? chars.Take(half) : chars.Skip(half);
                var sy = y;
                foreach (var ch in part)
                {
                    if (pen.Draw(ch, sx, sy + pitch / 2, sub, style, vertical: true)) text.Append(ch);
                    sy += pitch;
                }
            }
            text.Append('〕');
            y += t.Cells * pitch;
        }
        return text.ToString().Replace("〔〕", "").TrimEnd('　');
    }

    private static string HorizontalLine(GlyphPen pen, string line, float x, float cy, float size, FontStyle style, bool bold, bool centred)
    {
        var chars = Token.Runes(line.TrimEnd());
        if (centred) x -= chars.Sum(ch => pen.Advance(ch, size, style)) / 2;
        var text = new StringBuilder();
        foreach (var ch in chars)
        {
            var adv = pen.Advance(ch, size, style);
            if (adv > 0 && pen.Draw(ch, x + adv / 2, cy, size, style, vertical: false, bold)) text.Append(ch);
            x += adv;
        }
        return text.ToString().TrimEnd('　');
    }
}

/// <summary>An 8-bit coverage surface to draw ink on (no colour: paper and ink colours come with the degradations).</summary>
internal sealed class InkSurface : IDisposable
{
    private readonly SKBitmap bitmap;
    public SKCanvas Canvas { get; }

    public InkSurface(int w, int h)
    {
        bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Alpha8, SKAlphaType.Premul));
        bitmap.Erase(SKColors.Transparent);
        Canvas = new SKCanvas(bitmap);
    }

    public byte[] Coverage()
    {
        Canvas.Flush();
        var (w, h, stride) = (bitmap.Width, bitmap.Height, bitmap.RowBytes);
        var src = bitmap.GetPixelSpan();
        var ink = new byte[w * h];
        for (var y = 0; y < h; y++) src.Slice(y * stride, w).CopyTo(ink.AsSpan(y * w, w));
        return ink;
    }

    public void Dispose() { Canvas.Dispose(); bitmap.Dispose(); }
}
