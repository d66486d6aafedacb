using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>A ruled line of some thickness: pixels [From, To) across it, [Start, End) along it (page pixels).</summary>
internal readonly record struct RuleBand(bool Vertical, int From, int To, int Start, int End)
{
    public int Width => To - From;
    public int Centre => (From + To) / 2;
}

/// <summary>One page found on the image: its box and its text columns, right to left, each the space between two rules.</summary>
internal sealed record RuledPage(Box Box, IReadOnlyList<Box> Columns);

/// <summary>
/// What <see cref="RuledFrames.Find"/> saw on a page printed in black ink with a frame (邊欄) and column rules (界行):
/// the pages in reading order (a sheet of several half-folios photographed together, or a two-leaf spread split at
/// its 版心), the 版心 strips kept out of the text, and the rules themselves.
/// </summary>
internal sealed record RuledLayout(IReadOnlyList<RuledPage> Pages, IReadOnlyList<Box> CentreStrips, IReadOnlyList<RuleBand> Rules);

/// <summary>
/// Finds black frames and column rules by how much of their length is covered by long straight runs of ink. A rule in
/// a real print or facsimile is rarely one unbroken run (worn blocks, thin ink, a slight skew): it is many runs along
/// the same line, each longer than any stroke of a character, that together cover most of the frame's height. The
/// strokes of the characters in a column, even a column of 丨-heavy characters, never line up like that.
/// </summary>
internal static class RuledFrames
{
    /// <summary>The pages and columns of a ruled page, or null when the page has no frame with column rules.</summary>
    public static RuledLayout? Find(InkImage page)
    {
        int w = page.Width, h = page.Height;
        // Frame lines across: rows covered for at least a quarter of the width by runs longer than a twentieth of it.
        var across = Coverage(page, vertical: false, new Box(0, 0, w, h), Math.Max(30, w / 20));
        var hRules = Bands(across, threshold: w * 0.25, vertical: false, page, new Box(0, 0, w, h), Math.Max(30, w / 20));

        // Horizontal bands between frame lines (and the page edges) are looked at one by one: a sheet of two registers has
        // two frames, one above the other.
        var edges = new List<int> { 0 };
        edges.AddRange(hRules.SelectMany(r => new[] { r.From, r.To }));
        edges.Add(h);
        var pages = new List<RuledPage>();
        var strips = new List<Box>();
        var rules = new List<RuleBand>(hRules);
        for (var i = 0; i + 1 < edges.Count; i += 2)
        {
            var band = new Box(0, edges[i], w, edges[i + 1] - edges[i]);
            if (band.H < h * 0.15) continue;
            var minRun = Math.Max(24, band.H / 12);
            var down = Coverage(page, vertical: true, band, minRun);
            var vRules = Bands(down, threshold: band.H * 0.45, vertical: true, page, band, minRun);
            if (vRules.Count < 3) continue;
            // A rule covers most of the frame's height, not of the band's: where the band reaches far past the frame (a
            // frame line across too worn to be found, the photograph's margin below), worn rules are looked for again
            // against the height of the frame the clear ones span (a Ming print on orange paper: 9 of its 11 columns
            // found against the band, 11 against the frame).
            var frame = Median(vRules.Select(r => r.End).ToList()) - Median(vRules.Select(r => r.Start).ToList());
            if (frame < band.H * 0.9)
                vRules = Bands(down, threshold: Math.Max(frame, band.H / 3) * 0.45, vertical: true, page, band, minRun);
            var ruleWidth = Median(vRules.Select(r => r.Width).ToList());
            rules.AddRange(vRules);
            // Past the long runs that found it, a rule goes on in dashes (a Ming print's upper half) and wanders off the
            // line of its densest coverage: it is cleared on along its course (RuleCourse), as wide as its ink (its band
            // and the slack its ink reaches past it): a narrower course leaves a sliver along the rule's edge which, no
            // longer joined to the rest, is kept as a column's own ink. A rule found over most of the frame is whole: the
            // few pixels past its ends are no dashes, and cleared they may leave a stroke's tip apart from the rest (the
            // Siku facsimile's half-folios: 17a 89.8 -> 89.1 %).
            var inkWidths = vRules.Select(r => r.Width + RuleSlack(page, r)).ToList();
            rules.AddRange(vRules.SelectMany((r, i) => r.End - r.Start >= band.H * 3 / 4 ? [] : RuleCourse.Follow(page, r.Centre, inkWidths[i], r.Start, r.End, band.Y, band.Bottom)
                .Where(b => b.Start >= r.End || b.End <= r.Start)));
            // The rules' own extent is the frame's height (a band may reach past the frame into the margin).
            var top = Median(vRules.Select(r => r.Start).ToList());
            var bottom = Median(vRules.Select(r => r.End).ToList());
            var spaces = new List<Box>();
            for (var k = 0; k + 1 < vRules.Count; k++)
            {
                var x0 = vRules[k].To + 1;
                var x1 = vRules[k + 1].From - 1;
                if (x1 - x0 < 4) continue;
                spaces.Add(new Box(x0, top, x1 - x0, bottom - top));
            }
            if (spaces.Count == 0) continue;
            var widths = spaces.Select(s => s.W).Order().ToList();
            var pitch = widths[widths.Count / 2];
            // Columns whose rules are worn too thin to be found as the others are: a space n pitches wide (rule to rule,
            // with the n - 1 rules' own width) is cut at the line of most coverage near each place a rule belongs, where
            // that still holds long runs along a tenth of the frame (a Ming print's rules, dashes over its upper half).
            for (var k = 0; k < spaces.Count; k++)
            {
                var space = spaces[k];
                var ratio = (space.W + ruleWidth) / (double)(pitch + ruleWidth);
                var n = (int)Math.Round(ratio);
                if (n < 2 || Math.Abs(ratio - n) > 0.3) continue;
                var step = (space.W + ruleWidth) / (double)n;
                var cuts = new List<RuleBand>();
                for (var c = 1; c < n; c++)
                {
                    var expected = space.X + (int)(c * step) - ruleWidth / 2 - band.X;
                    var (lo, hi) = (Math.Max(0, expected - (int)(step * 0.2)), Math.Min(down.Length, expected + (int)(step * 0.2)));
                    if (hi <= lo) continue;
                    var at = Enumerable.Range(lo, hi - lo).MaxBy(x => down[x]);
                    if (down[at] < frame * 0.1) continue;
                    cuts.Add(new RuleBand(true, band.X + at, band.X + at + 1, top, bottom));
                }
                if (cuts.Count == 0) continue;
                // The cut is where the rule's coverage peaks, a pixel wide; the rule is cleared along its course.
                foreach (var cut in cuts) rules.AddRange(RuleCourse.Follow(page, cut.From, ruleWidth, top, bottom, band.Y, band.Bottom));
                var pieces = new List<Box>();
                var x0 = space.X;
                foreach (var cut in cuts)
                {
                    pieces.Add(new Box(x0, space.Y, cut.From - 1 - x0, space.H));
                    x0 = cut.To + 1;
                }
                pieces.Add(new Box(x0, space.Y, space.Right - x0, space.H));
                spaces.RemoveAt(k);
                spaces.InsertRange(k, pieces);
                k += pieces.Count - 1;
            }
            // A double border's worn inner line is taken out of the outermost columns; a page cropped through its frame
            // gains the column beyond its outermost rule.
            spaces = spaces.OrderBy(s => s.X).ToList();
            DoubleBorder.TakeInnerLines(page, spaces, rules, band, pitch, ruleWidth, frame);
            spaces.AddRange(EdgeColumn.Beyond(page, spaces, vRules, pitch, top, bottom).ToList());
            // Double borders leave a narrow space between their two lines; it holds no text.
            spaces = spaces.Where(s => s.W >= pitch * 0.45).OrderByDescending(s => s.X).ToList();
            // The 版心: the space with the 魚尾 (a solid black block no character makes). A sheet or spread is split there.
            // One frame has one 版心: of the spaces with a solid block, the one with the tallest (a character printed
            // white on black, or a circled mark, makes a shorter one).
            var strip = spaces.Select(s => (Space: s, Run: SolidRun(page, s))).Where(x => x.Run >= Math.Max(8, x.Space.W / 6))
                .OrderByDescending(x => x.Run).Select(x => (Box?)x.Space).FirstOrDefault();
            var groups = new List<List<Box>> { new() };
            foreach (var s in spaces)
            {
                if (strip == s)
                {
                    strips.Add(s);
                    if (groups[^1].Count > 0) groups.Add([]);
                    continue;
                }
                groups[^1].Add(s);
            }
            foreach (var g in groups.Where(g => g.Count > 0))
                pages.Add(new RuledPage(Box.Union(g), g));
        }
        return pages.Count == 0 ? null : new RuledLayout(pages, strips, rules);
    }

    /// <summary>
    /// Clears the rules from the ink without eating strokes: along a rule, a row (column) of the rule is cleared only
    /// where the ink does not go on both sides of it — a stroke that crosses or touches the rule keeps its pixels there.
    /// </summary>
    public static void Remove(InkImage page, IEnumerable<RuleBand> rules)
    {
        int w = page.Width, h = page.Height;
        var ink = page.Ink;
        foreach (var r in rules)
        {
            // One pixel of margin either side takes the rule's grey fringe too.
            var from = Math.Max(0, r.From - 1);
            var to = Math.Min(r.Vertical ? w : h, r.To + 1);
            var first = Math.Max(0, r.Start - 2);
            var last = Math.Min(r.Vertical ? h : w, r.End + 2);
            bool Ink(int t, int across) => across >= 0 && across < (r.Vertical ? w : h)
                && ink[r.Vertical ? t * w + across : across * w + t] != 0;
            var slack = Slack(r, from, to, first, last, Ink);
            for (var t = first; t < last; t++)
            {
                // The rule drifts along its length (a warped page, a hand-cut woodblock rule): at each step, the run of
                // ink that meets the band is the rule's when it ends within the slack of the band on both sides.
                var lo = from;
                var hi = to;
                while (lo > from - slack && Ink(t, lo - 1)) lo--;
                while (hi < to + slack && Ink(t, hi)) hi++;
                var before = Ink(t, lo - 1);
                var after = Ink(t, hi);
                if (before && after) continue;
                for (var a = before ? from : lo; a < (after ? to : hi); a++)
                {
                    var i = r.Vertical ? t * w + a : a * w + t;
                    if (ink[i] == 0) continue;
                    ink[i] = 0;
                    page.Removed[i] = true;
                }
            }
        }
    }

    /// <summary>The slack of a rule along all its band (<see cref="Slack"/>).</summary>
    internal static int RuleSlack(InkImage page, RuleBand r)
    {
        int w = page.Width, h = page.Height;
        var ink = page.Ink;
        bool Ink(int t, int across) => across >= 0 && across < (r.Vertical ? w : h)
            && ink[r.Vertical ? t * w + across : across * w + t] != 0;
        return Slack(r, Math.Max(0, r.From - 1), Math.Min(r.Vertical ? w : h, r.To + 1), Math.Max(0, r.Start - 2), Math.Min(r.Vertical ? h : w, r.End + 2), Ink);
    }

    /// <summary>
    /// How far past the found band a rule's ink may reach on either side: 4 pixels, or as far as the rule is wider than its
    /// band. The band is where the rule's coverage is densest; a thick rule cut in wood wanders by more than its band
    /// along a tall page (a Ming print scanned 3,000 px wide: bands 4–9 px wide in rules 10–20 px wide), and a slack of 4
    /// left both its edges on the page as dashed lines. The rule's width is the median of the runs of ink across the
    /// band, where a run ends within 32 pixels on both sides (where a stroke touches the rule, it runs on).
    /// </summary>
    private static int Slack(RuleBand r, int from, int to, int first, int last, Func<int, int, bool> ink)
    {
        var widths = new List<int>();
        for (var t = first; t < last; t += 4)
        {
            var inked = false;
            for (var a = from; a < to && !inked; a++) inked = ink(t, a);
            if (!inked) continue;
            int lo = from, hi = to;
            while (lo > from - 32 && ink(t, lo - 1)) lo--;
            while (hi < to + 32 && ink(t, hi)) hi++;
            if (!ink(t, lo - 1) && !ink(t, hi)) widths.Add(hi - lo);
        }
        if (widths.Count == 0) return 4;
        widths.Sort();
        return Math.Max(4, widths[widths.Count / 2] - (to - from));
    }

    /// <summary>
    /// For every column (row) of the box: how many of its pixels lie in runs of ink at least <paramref name="minRun"/>
    /// long, looking through a window three pixels wide (a slightly skewed rule) and bridging breaks of up to 3 pixels.
    /// </summary>
    internal static int[] Coverage(InkImage page, bool vertical, Box box, int minRun)
    {
        var ink = page.Ink;
        int w = page.Width, h = page.Height;
        var n = vertical ? box.W : box.H;
        var along = vertical ? box.H : box.W;
        var result = new int[n];
        if (!vertical)
        {
            // Each row's window: the rows two above to two below it OR'd into one line, then its runs.
            Parallel.For(0, n, () => new byte[along], (k, _, on) =>
            {
                Array.Clear(on);
                for (var y = Math.Max(0, box.Y + k - 2); y <= Math.Min(h - 1, box.Y + k + 2); y++)
                    Or(ink.AsSpan(y * w + box.X, along), on);
                result[k] = Covered(on, minRun);
                return on;
            }, _ => { });
            return result;
        }
        // Down the columns, the page is walked row by row (a column's pixels lie a row apart in memory, and a sheet 4,000
        // pixels wide read column by column misses the cache at every pixel), in strips of columns each keeping the
        // runs it is in.
        const int strip = 256;
        Parallel.For(0, (n + strip - 1) / strip, s =>
        {
            int k0 = s * strip, k1 = Math.Min(n, k0 + strip), m = k1 - k0;
            var runStart = new int[m];
            var lastOn = new int[m];
            var covered = new int[m];
            Array.Fill(runStart, -1);
            Array.Fill(lastOn, -1);
            // The window's pixels for the strip: columns two left of its first to two right of its last, within the page.
            int xs = Math.Max(0, box.X + k0 - 2), xe = Math.Min(w, box.X + k1 + 2);
            for (var t = 0; t < along; t++)
            {
                var row = (box.Y + t) * w;
                for (var j = 0; j < m; j++)
                {
                    int x = box.X + k0 + j, a = Math.Max(xs, x - 2), b = Math.Min(xe - 1, x + 2);
                    var on = false;
                    for (var i = row + a; i <= row + b && !on; i++) on = ink[i] != 0;
                    if (!on) continue;
                    if (runStart[j] < 0 || t - lastOn[j] > 4)
                    {
                        if (runStart[j] >= 0 && lastOn[j] - runStart[j] + 1 >= minRun) covered[j] += lastOn[j] - runStart[j] + 1;
                        runStart[j] = t;
                    }
                    lastOn[j] = t;
                }
            }
            for (var j = 0; j < m; j++)
            {
                if (runStart[j] >= 0 && lastOn[j] - runStart[j] + 1 >= minRun) covered[j] += lastOn[j] - runStart[j] + 1;
                result[k0 + j] = covered[j];
            }
        });
        return result;
    }

    /// <summary>OR's a line of ink into <paramref name="into"/>.</summary>
    private static void Or(ReadOnlySpan<byte> line, Span<byte> into)
    {
        var i = 0;
        var size = System.Numerics.Vector<byte>.Count;
        for (; i + size <= line.Length; i += size)
            (new System.Numerics.Vector<byte>(line[i..]) | new System.Numerics.Vector<byte>(into[i..])).CopyTo(into[i..]);
        for (; i < line.Length; i++) into[i] |= line[i];
    }

    /// <summary>How many positions of a line lie in runs at least <paramref name="minRun"/> long, bridging breaks of up to 3.</summary>
    private static int Covered(ReadOnlySpan<byte> on, int minRun)
    {
        int covered = 0, runStart = -1, lastOn = -1;
        for (var t = 0; t < on.Length; t++)
        {
            if (on[t] == 0) continue;
            if (runStart < 0 || t - lastOn > 4)
            {
                if (runStart >= 0 && lastOn - runStart + 1 >= minRun) covered += lastOn - runStart + 1;
                runStart = t;
            }
            lastOn = t;
        }
        if (runStart >= 0 && lastOn - runStart + 1 >= minRun) covered += lastOn - runStart + 1;
        return covered;
    }

    /// <summary>Adjacent positions whose coverage passes the threshold, as rules with their extent along the line.</summary>
    internal static List<RuleBand> Bands(int[] coverage, double threshold, bool vertical, InkImage page, Box box, int minRun)
    {
        var bands = new List<RuleBand>();
        var k = 0;
        while (k < coverage.Length)
        {
            if (coverage[k] < threshold) { k++; continue; }
            var start = k;
            while (k < coverage.Length && coverage[k] >= threshold * 0.6) k++;
            // The coverage window is three pixels wide: the rule itself is one pixel narrower on each side.
            var from = (vertical ? box.X : box.Y) + start + 1;
            var to = (vertical ? box.X : box.Y) + k - 1;
            if (to <= from) { from--; to++; }
            var (s, e) = Extent(page, vertical, from, to, box, minRun);
            // A thick black area (a 魚尾, a spine shadow) is not a rule.
            if (to - from <= Math.Max(24, (vertical ? page.Width : page.Height) / 60)) bands.Add(new RuleBand(vertical, from, to, s, e));
        }
        return bands;
    }

    /// <summary>From the first to the last long run along the rule, within the box.</summary>
    private static (int Start, int End) Extent(InkImage page, bool vertical, int from, int to, Box box, int minRun)
    {
        var ink = page.Ink;
        int w = page.Width;
        var along = vertical ? box.H : box.W;
        var offset = vertical ? box.Y : box.X;
        var onAt = new bool[along];
        for (var t = 0; t < along; t++)
            for (var a = from; a <= to && !onAt[t]; a++)
                onAt[t] = vertical ? ink[(offset + t) * w + a] != 0 : ink[a * w + offset + t] != 0;
        int first = -1, last = -1, runStart = -1, lastOn = -1;
        for (var t = 0; t <= along; t++)
        {
            if (t < along && onAt[t]) { if (runStart < 0 || t - lastOn > 4) runStart = t; lastOn = t; if (lastOn - runStart + 1 >= minRun) { if (first < 0 || runStart < first) first = runStart; last = lastOn; } }
        }
        return first < 0 ? (offset, offset + along) : (offset + first, offset + last + 1);
    }

    /// <summary>
    /// The 版心 (book title, 魚尾, juan and leaf number): the one space between rules with a solid black 魚尾, many
    /// consecutive rows inked across most of its width, which no character stroke makes.
    /// </summary>
    internal static bool IsCentreStrip(InkImage page, Box space) => SolidRun(page, space) >= Math.Max(8, space.W / 6);

    /// <summary>The most consecutive rows inked across three quarters of the space's middle.</summary>
    private static int SolidRun(InkImage page, Box space)
    {
        var inner = new Box(space.X + space.W / 10, space.Y, Math.Max(1, space.W * 8 / 10), space.H);
        var rows = PageLayout.RowCounts(page, inner);
        int run = 0, best = 0;
        foreach (var c in rows)
        {
            run = c >= inner.W * 0.75 ? run + 1 : 0;
            best = Math.Max(best, run);
        }
        return best;
    }

    private static int Median(List<int> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
