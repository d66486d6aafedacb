using System.Globalization;
using System.Text;
using QyHeritage.Archive.Dates;
using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Reads the leaf number (葉次) a 版心 prints and gives each page of a ruled image its folio. The 版心 holds, top to
/// bottom, the book's title, the 魚尾, the juan (卷二百十三) and, lower down and apart, the leaf number (十六); some
/// editions add the carver's name or a character count at the foot. Each run of ink set apart by a gap is read on its
/// own, and the lowest run that reads as a numeral alone is the leaf. The half right of the 版心 is the leaf's front
/// (a), the half left of it its back (b), on a flat sheet and an opened spread alike.
/// </summary>
internal static class FoldColumn
{
    /// <summary>What a leaf number is written with: read as these alone, a 十 seen without context is not taken for +.</summary>
    private static readonly IReadOnlySet<string> Numerals = "〇一二三四五六七八九十百廿卅".Select(c => c.ToString()).ToHashSet(StringComparer.Ordinal);

    /// <summary>The folios of the image's pages in reading order; a page beside no 版心, or one whose number did not read, has none.</summary>
    public static IReadOnlyList<PrintedFolio> Folios(InkImage page, RuledLayout ruled, PaddleRecogniser paddle, CancellationToken ct)
    {
        var leaves = new Dictionary<Box, int?>();
        var folios = new List<PrintedFolio>();
        foreach (var p in ruled.Pages)
        {
            var pitch = p.Columns.Count == 0 ? 0 : p.Columns.Select(c => c.W).Order().ElementAt(p.Columns.Count / 2);
            foreach (var strip in ruled.CentreStrips)
            {
                // The strip shares the page's rows and touches its frame on one side (within two columns).
                if (Math.Min(strip.Bottom, p.Box.Bottom) - Math.Max(strip.Y, p.Box.Y) < p.Box.H / 2) continue;
                FolioHalf? half = strip.Right <= p.Box.X + pitch && p.Box.X - strip.Right < pitch * 2 ? FolioHalf.A
                    : strip.X >= p.Box.Right - pitch && strip.X - p.Box.Right < pitch * 2 ? FolioHalf.B
                    : null;
                if (half is null) continue;
                if (!leaves.TryGetValue(strip, out var leaf)) leaves[strip] = leaf = Leaf(page, strip, paddle, ct);
                if (leaf is int n) folios.Add(new PrintedFolio(n, half.Value));
                break;
            }
        }
        return folios;
    }

    /// <summary>The leaf number printed in the strip, or null.</summary>
    internal static int? Leaf(InkImage page, Box strip, PaddleRecogniser paddle, CancellationToken ct)
    {
        // The strip between its rules (removed already; the leaf number often sits against one of them).
        var inner = new Box(strip.X + 2, strip.Y, Math.Max(1, strip.W - 4), strip.H);
        var rows = PageLayout.RowCounts(page, inner);
        ClearRulesAcross(page, inner, rows);
        var runs = PageLayout.Runs(rows, minCount: 1, minGap: Math.Max(4, strip.W / 2));
        for (var i = runs.Count - 1; i >= 0; i--)
        {
            var (from, to) = runs[i];
            // A numeral's characters are about as tall as the strip is wide; a run shorter than a stroke is a speck.
            if (to - from < strip.W / 4) continue;
            var box = PageLayout.Tighten(page, new Box(inner.X, strip.Y + from, inner.W, to - from));
            // Hairline strokes (十's arms, 六's dots) fall below the ink threshold: a margin keeps them in the picture.
            var margin = box.W / 3;
            var x0 = Math.Max(inner.X, box.X - margin);
            box = box with { X = x0, W = Math.Min(inner.Right, box.Right + margin) - x0 };
            ct.ThrowIfCancellationRequested();
            var text = ReadNumeral(page, box, inner.W, paddle);
            if (ChineseNumerals.TryParse(text, out var leaf) && leaf is > 0 and < 1000) return leaf;
        }
        return null;
    }

    /// <summary>
    /// The run's characters side by side on one line, as PP-OCR reads, drawn from the page's grey (a leaf number is
    /// small print whose hairline strokes, 十's bar, fall below the ink threshold), and read as numerals alone.
    /// </summary>
    private static string ReadNumeral(InkImage page, Box run, int stripWidth, PaddleRecogniser paddle)
    {
        // Its characters, top to bottom, from the rows with (faint) ink.
        var faint = (byte)Math.Min(250, page.Threshold + 40);
        var rows = new int[run.H];
        for (var y = 0; y < run.H; y++)
            for (var x = run.X; x < run.Right; x++) if (Faint(page, x, run.Y + y, faint)) rows[y]++;
        // Pieces of ink apart from each other, narrowed to their ink; a flat piece as wide as the strip is a rule's remains.
        var pieces = PageLayout.Runs(rows, minCount: 1, minGap: 1)
            .Select(r => Narrowed(page, new Box(run.X, run.Y + r.Start, run.W, r.End - r.Start), faint))
            .Where(c => !(c.H * 4 < c.W && c.W >= stripWidth * 0.6))
            .ToList();
        if (pieces.Count == 0) return "";
        // A numeral's characters are about as tall as the widest is wide; the strokes of 二 三 and 六's dot are pieces of
        // one character, joined while they stay within that height (十 and the 一 below it do not).
        var charSize = pieces.Max(c => c.W);
        var cells = new List<Box>();
        var current = pieces[0];
        foreach (var next in pieces.Skip(1))
        {
            if (next.Bottom - current.Y <= charSize * 1.15) { current = Box.Union([current, next]); continue; }
            cells.Add(current);
            current = next;
        }
        cells.Add(current);
        // A speck left alone (smaller than a third of a character both ways) is no character; 一 is wide.
        cells.RemoveAll(c => c.W < charSize * 0.35 && c.H < charSize * 0.35);
        // A leaf number has at most four characters (一百廿三); more is the title or the juan.
        if (cells.Count is 0 or > 4) return "";
        const int Slot = 40, Margin = 12;
        int width = Margin * 2 + cells.Count * Slot, height = Margin * 2 + Slot;
        var line = new byte[width * height];
        Array.Fill(line, (byte)255);
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            // Each character fills its slot, as the model saw characters in training lines.
            var scale = (Slot - 8) / (double)Math.Max(c.W, c.H);
            int w = Math.Max(1, (int)(c.W * scale)), h = Math.Max(1, (int)(c.H * scale));
            int left = Margin + i * Slot + (Slot - w) / 2, top = Margin + (Slot - h) / 2;
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                {
                    var sx = c.X + (int)(x / scale);
                    var sy = c.Y + (int)(y / scale);
                    var k = sy * page.Width + sx;
                    // Paper white, whatever its tone (a grey box around each character reads as another shape); the
                    // rules cleared across the strip are Removed, so not faint ink either.
                    line[(top + y) * width + left + x] = Faint(page, sx, sy, faint) ? page.Grey[k] : (byte)255;
                }
        }
        var read = paddle.Read(line, width, height, Numerals);
        // Read as numerals alone, anything becomes one (部 as 五): a character the model is sure is another word, or a
        // numeral it would hardly have written (under 5 %; the real leaf numbers read 8–99 %), is no leaf number.
        if (read.Count == 0 || read.Min(c => c.Confidence) < 0.05) return "";
        if (paddle.Read(line, width, height).Any(c => c.Confidence >= 0.5 && !Numerals.Contains(c.Text) && c.Text.EnumerateRunes().Any(r => Rune.GetUnicodeCategory(r) == UnicodeCategory.OtherLetter)))
            return "";
        return read.Count == cells.Count ? string.Concat(read.Select(c => c.Text)) : "";
    }

    /// <summary>Ink, faint ink included, that is not part of a removed rule.</summary>
    private static bool Faint(InkImage page, int x, int y, byte faint)
    {
        var k = y * page.Width + x;
        return page.Grey[k] < faint && !page.Removed[k];
    }

    /// <summary>The cell narrowed to the columns with (faint) ink.</summary>
    private static Box Narrowed(InkImage page, Box c, byte faint)
    {
        int x0 = int.MaxValue, x1 = -1;
        for (var y = c.Y; y < c.Bottom; y++)
            for (var x = c.X; x < c.Right; x++)
                if (Faint(page, x, y, faint)) { x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); }
        return x1 < 0 ? c : new Box(x0, c.Y, x1 - x0 + 1, c.H);
    }

    /// <summary>
    /// The short rules across the strip (under the juan, above the leaf number, between the 魚尾 and the title) are no
    /// character: rows inked across nearly all its middle are cleared (a numeral's 十 or 一 is narrower), so a
    /// numeral's run is the numeral alone.
    /// </summary>
    /// <param name="rows">The strip's ink per row (<see cref="PageLayout.RowCounts"/>); a cleared row's becomes 0.</param>
    private static void ClearRulesAcross(InkImage page, Box inner, int[] rows)
    {
        for (var y = 0; y < rows.Length; y++)
        {
            if (rows[y] < inner.W * 0.9) continue;
            rows[y] = 0;
            var row = (inner.Y + y) * page.Width;
            for (var x = inner.X; x < inner.Right; x++)
            {
                page.Ink[row + x] = 0;
                page.Removed[row + x] = true;
            }
        }
    }
}
