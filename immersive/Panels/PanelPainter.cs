using System.Globalization;
using ImageMagick;
using ImageMagick.Drawing;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Immersive.Templates;

namespace QyHeritage.Immersive.Panels;

/// <summary>A drawn panel: its picture and its size in the hall, in metres.</summary>
public sealed record Panel(string Key, MagickImage Image, double Width, double Height);

/// <summary>
/// Draws the hall's text: exhibit labels (legible from 2–3 m: Chinese 3.1 cm, English 2.3 cm high), section panels,
/// station names, the timeline band and the floor map, in the template's paper, ink and accent colours.
/// </summary>
public sealed class PanelPainter(TextPainter text, IReadOnlyDictionary<string, MaterialSpec> materials)
{
    /// <summary>
    /// Label and section panels: 768 pixels a metre, so a 3.1 cm label character is 24 texture pixels — more than the
    /// 18 headset pixels it covers from 2.5 m. Sizes below are written for 1024 px/m and scaled by <see cref="S"/>.
    /// </summary>
    public const double PanelPixelsPerMetre = 768;

    private const double S = PanelPixelsPerMetre / 1024;

    /// <summary>The timeline band: seen from farther, drawn coarser.</summary>
    public const double BandPixelsPerMetre = 256;

    /// <summary>The floor map: seen from 1.6 m above, its numbers and names are large.</summary>
    public const double MapPixelsPerMetre = 128;

    private string Paper => materials["paper"].Color;
    private string Ink => materials["ink"].Color;
    private string Accent => materials["accent"].Color;
    private string Water => materials["water"].Color;

    public Panel Label(Exhibit x, int number, double widthMetres, double maxHeightMetres)
    {
        var w = Px(widthMetres);
        var pad = 22.0 * S;
        var inner = w - 2 * pad;
        var blocks = new List<(IReadOnlyList<string> Lines, double Size, string Color, bool Bold)>
        {
            (Limit(text.Wrap(TextPainter.Clean($"{number}  {x.Label.Zh}", 200), 32 * S, inner, true), 5), 32 * S, Ink, true),
        };
        if (!string.IsNullOrWhiteSpace(x.Label.En)) blocks.Add((Limit(text.Wrap(TextPainter.Clean(x.Label.En, 300), 24 * S, inner), 4), 24 * S, Ink, false));
        if (x.Source is { } s)
        {
            blocks.Add((Limit(text.Wrap(TextPainter.Clean($"{s.ItemTitle.Zh} · {s.PageLabel}", 120), 20 * S, inner), 3), 20 * S, Accent, false));
            if (!string.IsNullOrWhiteSpace(s.Attribution)) blocks.Add((Limit(text.Wrap(TextPainter.Clean(s.Attribution, 160), 18 * S, inner), 2), 18 * S, Ink, false));
        }
        return Draw($"label:{x.Id}", w, blocks, pad, Px(maxHeightMetres), PanelPixelsPerMetre);
    }

    public Panel Section(ExhibitionSection s, int number, double widthMetres, double maxHeightMetres)
    {
        var w = Px(widthMetres);
        var pad = 36.0 * S;
        var inner = w - 2 * pad;
        var blocks = new List<(IReadOnlyList<string>, double, string, bool)>
        {
            (Limit(text.Wrap(TextPainter.Clean(number.ToString(CultureInfo.InvariantCulture), 4), 40 * S, inner, true), 1), 40 * S, Accent, true),
            (Limit(text.Wrap(TextPainter.Clean(s.Title.Zh, 200), 56 * S, inner, true), 4), 56 * S, Ink, true),
        };
        if (!string.IsNullOrWhiteSpace(s.Title.En)) blocks.Add((Limit(text.Wrap(TextPainter.Clean(s.Title.En, 200), 34 * S, inner), 4), 34 * S, Ink, false));
        if (s.Text is { } t)
        {
            if (!string.IsNullOrWhiteSpace(t.Zh)) blocks.Add((Limit(text.Wrap(TextPainter.Clean(t.Zh, 400), 28 * S, inner), 12), 28 * S, Ink, false));
            if (!string.IsNullOrWhiteSpace(t.En)) blocks.Add((Limit(text.Wrap(TextPainter.Clean(t.En, 600), 24 * S, inner), 12), 24 * S, Ink, false));
        }
        return Draw($"section:{s.Id}", w, blocks, pad, Px(maxHeightMetres), PanelPixelsPerMetre);
    }

    /// <summary>A station's name (the template's own text), large, above the hanging zone.</summary>
    public Panel Station(PanelSpec p, double widthMetres)
    {
        var w = (int)Math.Round(widthMetres * 512);
        var blocks = new List<(IReadOnlyList<string>, double, string, bool)>
        {
            (Limit(text.Wrap(TextPainter.Clean(p.Text.Zh, 20), 96, w - 40, true), 1), 96, Accent, true),
            (Limit(text.Wrap(TextPainter.Clean(p.Text.En, 40), 44, w - 40), 1), 44, Ink, false),
        };
        return Draw($"station:{p.Id}", w, blocks, 20, 400, 512);
    }

    /// <summary>Timeline captions: their text size, the rows' spacing, and the least space between two on a row (pixels).</summary>
    public const double CaptionSize = 18, CaptionRowSpacing = 26, CaptionGap = 10;

    /// <summary>
    /// One wall's piece of the timeline band: a rule along the wall with a tick above each exhibit, its number,
    /// its book and the book's time (the attribution, which names the dynasty), captions laid out by <see cref="TimelineCaptions"/>.
    /// </summary>
    public Panel TimelineBand(string key, double lengthMetres, double heightMetres, IReadOnlyList<(double At, int Number, string Title, string When)> marks)
    {
        // A long wall's band is drawn a little coarser, to fit on an atlas page with its gutter.
        var ppm = Math.Min(BandPixelsPerMetre, (TextureAtlas.PageSize - 2 * TextureAtlas.Gutter) / lengthMetres);
        int w = (int)Math.Floor(lengthMetres * ppm), h = Math.Max(32, (int)Math.Round(heightMetres * ppm));
        var image = new MagickImage(new MagickColor(Paper), (uint)w, (uint)h);
        var rule = h * 0.72;
        var d = new Drawables();
        d.TextEncoding(System.Text.Encoding.UTF8).EnableTextAntialias().StrokeColor(new MagickColor(Accent)).StrokeWidth(3).Line(0, rule, w, rule);
        foreach (var c in TimelineCaptions(w, h, marks, ppm))
        {
            d.StrokeColor(new MagickColor(Accent)).StrokeWidth(3).Line(c.Tick, rule - 10 - c.Row * CaptionRowSpacing, c.Tick, rule + 10).StrokeWidth(0).StrokeColor(MagickColors.Transparent);
            if (c.Text.Length > 0) text.DrawLine(d, c.Text, c.X, Baseline(rule, c.Row), CaptionSize, c.Row % 2 == 0 ? Ink : Accent);
        }
        d.Draw(image);
        return new Panel(key, image, w / ppm, h / ppm);
    }

    /// <summary>A timeline caption: its exhibit's tick (x, pixels), its row (0 nearest the rule), where it starts, how wide it is, and its text ("" when there was no room).</summary>
    public sealed record TimelineCaption(int Number, double Tick, int Row, double X, double Width, string Text);

    /// <summary>
    /// Lays out the captions of a band <paramref name="width"/> × <paramref name="height"/> pixels so that none overlaps
    /// another: as many rows above the rule as the band holds, taken in turn from the left; a caption is cut (with an
    /// ellipsis, down to its number) to end before the next caption of its row starts; one with no room even for its
    /// number after the one before it on its row starts right after that one, and is left out (its tick stays) where
    /// that would run past the band's end.
    /// </summary>
    public IReadOnlyList<TimelineCaption> TimelineCaptions(int width, int height, IReadOnlyList<(double At, int Number, string Title, string When)> marks,
        double pixelsPerMetre = BandPixelsPerMetre)
    {
        var rule = Math.Max(32, height) * 0.72;
        var rows = 1;
        while (Baseline(rule, rows) - CaptionSize >= 2) rows++;
        var ordered = marks.Select(m => (Tick: m.At * pixelsPerMetre, m.Number, m.Title, m.When)).OrderBy(m => m.Tick).ThenBy(m => m.Number).ToList();
        var ends = Enumerable.Repeat(double.NegativeInfinity, rows).ToArray();
        var captions = new List<TimelineCaption>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (tick, number, title, when) = ordered[i];
            var row = i % rows;
            var x = Math.Max(tick + 4, ends[row] + CaptionGap);
            // The next caption on this row starts at its own tick at the earliest.
            var next = i + rows < ordered.Count ? ordered[i + rows].Tick + 4 : width;
            var room = Math.Min(next, width) - CaptionGap / 2 - x;
            var full = TextPainter.Clean($"{number} {when} · {title}", 40);
            var caption = Fit(full, room) ?? Fit(number.ToString(CultureInfo.InvariantCulture), width - x);
            var w = caption is null ? 0 : text.Measure(caption, CaptionSize);
            if (caption is null || x + w > width) { captions.Add(new TimelineCaption(number, tick, row, x, 0, "")); continue; }
            captions.Add(new TimelineCaption(number, tick, row, x, w, caption));
            ends[row] = x + w;
        }
        return captions;

        string? Fit(string caption, double room)
        {
            if (room <= 0) return null;
            if (text.Measure(caption, CaptionSize) <= room) return caption;
            // The longest start of it that fits with an ellipsis, never less than its number.
            var elements = new List<string>();
            var e = StringInfo.GetTextElementEnumerator(caption);
            while (e.MoveNext()) elements.Add(e.GetTextElement());
            var number = caption.Split(' ')[0];
            for (var n = elements.Count - 1; n > number.Length; n--)
            {
                var cut = string.Concat(elements.Take(n)).TrimEnd() + "…";
                if (text.Measure(cut, CaptionSize) <= room) return cut;
            }
            return text.Measure(number, CaptionSize) <= room ? number : null;
        }
    }

    private static double Baseline(double rule, int row) => rule - 14 - row * CaptionRowSpacing;

    /// <summary>
    /// One piece of the floor map: the river running along the hall (downstream in the direction of growth)
    /// with a marker and number at each exhibit's place and the sections' names on its banks.
    /// </summary>
    public Panel FloorMap(string key, double fromX, double lengthMetres, double widthMetres,
        IReadOnlyList<(double X, int Number, bool NorthBank)> exhibits, IReadOnlyList<(double X, string Name)> sections)
    {
        int w = (int)Math.Round(lengthMetres * MapPixelsPerMetre), h = Math.Max(32, (int)Math.Round(widthMetres * MapPixelsPerMetre));
        var image = new MagickImage(new MagickColor(Paper), (uint)w, (uint)h);
        double RiverY(double xMetres) => h / 2.0 + h * 0.18 * Math.Sin(xMetres * 0.55);
        var points = new List<PointD>();
        for (var px = 0; px <= w; px += 8) points.Add(new PointD(px, RiverY(fromX + px / MapPixelsPerMetre)));
        new Drawables().FillOpacity(new Percentage(0)).StrokeColor(new MagickColor(Water)).StrokeWidth(h * 0.16).Polyline(points).Draw(image);
        var d = new Drawables();
        d.TextEncoding(System.Text.Encoding.UTF8).EnableTextAntialias();
        foreach (var (x, number, north) in exhibits)
        {
            var px = (x - fromX) * MapPixelsPerMetre;
            var py = RiverY(x) + (north ? -1 : 1) * h * 0.26;
            d.FillColor(new MagickColor(Accent)).Circle(px, py, px + 6, py);
            text.DrawLine(d, number.ToString(CultureInfo.InvariantCulture), px + 8, py + 6, 16, Ink, true);
        }
        foreach (var (x, name) in sections)
        {
            var px = (x - fromX) * MapPixelsPerMetre;
            var lines = Limit(text.Wrap(TextPainter.Clean(name, 20), 16, 2.4 * MapPixelsPerMetre), 1);
            text.DrawLine(d, lines[0], px + 4, h - 6, 16, Ink, true);
        }
        d.Draw(image);
        return new Panel(key, image, w / MapPixelsPerMetre, h / MapPixelsPerMetre);
    }

    private Panel Draw(string key, int w, List<(IReadOnlyList<string> Lines, double Size, string Color, bool Bold)> blocks, double pad, int maxHeight, double pixelsPerMetre)
    {
        // Fit the blocks into the height: drop lines from the longest blocks' ends until they fit.
        double Height() => pad * 2 + blocks.Sum(b => b.Lines.Count * b.Size * 1.35) + (blocks.Count - 1) * 10 * S;
        while (Height() > maxHeight)
        {
            var i = blocks.FindLastIndex(b => b.Lines.Count > 1);
            if (i < 0) { blocks.RemoveAt(blocks.Count - 1); if (blocks.Count == 1) break; continue; }
            blocks[i] = (Limit(blocks[i].Lines, blocks[i].Lines.Count - 1), blocks[i].Size, blocks[i].Color, blocks[i].Bold);
        }
        var h = (int)Math.Ceiling(Math.Min(maxHeight, Height()));
        var image = new MagickImage(new MagickColor(Paper), (uint)w, (uint)h);
        var d = new Drawables();
        d.TextEncoding(System.Text.Encoding.UTF8).EnableTextAntialias().FillColor(new MagickColor(Accent)).Rectangle(0, 0, 6 * S, h);
        var y = pad;
        foreach (var (lines, size, color, bold) in blocks)
        {
            foreach (var line in lines)
            {
                y += size * 1.35;
                if (y > h) break;
                text.DrawLine(d, line, pad, y - size * 0.3, size, color, bold);
            }
            y += 10 * S;
        }
        d.Draw(image);
        return new Panel(key, image, w / pixelsPerMetre, h / pixelsPerMetre);
    }

    private static IReadOnlyList<string> Limit(IReadOnlyList<string> lines, int max) => TextPainter.Limit(lines, max);

    private static int Px(double metres) => (int)Math.Round(metres * PanelPixelsPerMetre);
}
