using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>A part of a line that is recognised as one run of text (a column segment, one sub-column of a note, a horizontal line).</summary>
/// <param name="Box">Page pixels.</param>
/// <param name="Vertical">Text runs top to bottom.</param>
/// <param name="SmallNote">One sub-column of a double-line note: narrow characters, enlarged to the main text's size before recognition.</param>
/// <param name="Pitch">The page's character grid (page pixels from one main-text character to the next down a column), when known; 0 otherwise.</param>
/// <param name="SmallType">Punctuated small type (a magazine's or newspaper's 10–12 px characters): enlarged for the readers
/// from the page's grey levels rather than from its ink mask, and its punctuation kept as cells (<see cref="Montage"/>, <see cref="ColumnCells.Grid"/>).</param>
internal sealed record LayoutPiece(Box Box, bool Vertical, bool SmallNote = false, double Pitch = 0, bool SmallType = false);

/// <summary>One output line (a column on a vertical page) made of pieces in reading order.</summary>
internal sealed record LayoutLine(Box Box, bool Vertical, IReadOnlyList<LayoutPiece> Pieces);

/// <summary>
/// Finds the lines of a page in reading order from the ink left after rule removal, with projection profiles:
/// horizontal tiers (blank bands across the page) top to bottom; in each tier the columns (blank vertical gaps)
/// right to left; in each column of a classical book the double-line notes (a blank gap down the middle),
/// right sub-column first.
/// </summary>
internal static class PageLayout
{
    /// <param name="ignoredBottom">Fraction of the page height at the bottom where a band of ink is not text (a provenance line).</param>
    public static IReadOnlyList<LayoutLine> Analyse(InkImage page, OcrProfile profile, IReadOnlyList<Rule> rules, double ignoredBottom = 0)
    {
        var all = new Box(0, 0, page.Width, page.Height);
        // Books and documents set their characters on a grid, so rows of characters are separated by blank bands
        // across the whole page: only a wide band separates tiers there. Newspapers separate tiers by rules.
        var tierGap = profile.IsMultiTierNewspaper ? Math.Max(8, page.Height / 80) : Math.Max(16, page.Height / 25);
        var cuts = TierCuts(rules, page.Width);
        var bands = SplitAt(Runs(RowCounts(page, all), minCount: 2, minGap: tierGap), cuts);
        // Small type (a magazine page of 10–11 px characters) leaves a blank band between tiers narrower than a
        // twenty-fifth of the page (10 px on a generated magazine page, its columns 15 px apart), but still wider than
        // the gaps between rows of characters are (a fifth of a character or so): six tenths of the columns' pitch,
        // measured in each band (the columns of different tiers need not line up).
        if (profile.IsVertical && !profile.IsMultiTierNewspaper)
            bands = bands.SelectMany(b =>
            {
                var box = new Box(0, b.Start, page.Width, b.End - b.Start);
                var pitch = ColumnPitch(page, [box]);
                if (pitch <= 0) return [b];
                var gap = Math.Clamp((int)Math.Ceiling(pitch * 0.6), 8, tierGap);
                return Runs(RowCounts(page, box), minCount: 2, minGap: gap).Select(r => (Start: b.Start + r.Start, End: b.Start + r.End));
            }).ToList();
        var tiers = bands
            .Select(r => Tighten(page, new Box(0, r.Start, page.Width, r.End - r.Start)))
            .Where(b => b.W > 0 && !(b.Y >= page.Height * (1 - ignoredBottom)))
            .ToList();

        var lines = new List<LayoutLine>();
        if (!profile.IsVertical)
        {
            // Horizontal pages go to tesseract's own line finder as one block; the box only leaves out the margins.
            var body = Box.Union(tiers);
            if (body.W > 0) lines.Add(new LayoutLine(body, false, [new LayoutPiece(body, false)]));
            return lines;
        }

        // The tiers of a page are set in one type: the columns' pitch measured over all of them together is the page's.
        // Each tall tier's column profile and its autocorrelation are taken once, for the page's pitch, the tier's own and its columns.
        var profiles = tiers.Select(t => t.H >= page.Height * 0.08 ? ColCounts(page, t) : null).ToList();
        var shapes = profiles.Select(c => c is null ? null : ColumnShape(c)).ToList();
        var pagePitch = ColumnPitch(shapes.Where((_, k) => profiles[k] is not null));
        for (var t = 0; t < tiers.Count; t++)
        {
            var tier = tiers[t];
            // A band shorter than a few characters is a horizontal line: masthead, subtitle, folio number.
            if (tier.H < page.Height * 0.08)
            {
                // Each of its lines on its own: a masthead's large type over a subtitle's small type, read as one block,
                // was scaled by the block's height and the subtitle shrunk to a few pixels. A band of a few pixels is
                // what is left of a rule, no line of text. A line lower than the small-type pitch is small type: drawn
                // from the grey page, and the page inked again (TesseractOcr; generated newspapers, whose subtitles are
                // 11 px high, 68.2 → 70.8 % on seed 1 and 63.9 → 65.9 % on seed 2).
                foreach (var (s, e) in Runs(RowCounts(page, tier), minCount: 1, minGap: 3))
                {
                    var line = Tighten(page, new Box(tier.X, tier.Y + s, tier.W, e - s));
                    if (line.H >= MinLineHeight) lines.Add(new LayoutLine(line, false, [new LayoutPiece(line, false, SmallType: line.H < SmallTypePitch)]));
                }
                continue;
            }
            var tierPitch = TierPitch(ColumnPitch([shapes[t]]), pagePitch);
            var columns = Columns(page, tier, profiles[t]!, profile, tierPitch);
            var first = lines.Count;
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                // The 版心 is the outer column of a half-folio (the fold of the sheet), never one between text columns.
                var outer = c == 0 || c == columns.Count - 1;
                if (outer && profile.HasColumnRules && profile.HasSmallNotes && IsBlockPrintedCentreStrip(page, column)) continue;
                var pieces = profile.HasSmallNotes ? NoteSegments(page, column) : [new LayoutPiece(column, true)];
                if (pieces.Count > 0) lines.Add(new LayoutLine(column, true, pieces));
            }
            if (profile.HasSmallNotes) continue;
            // A column much wider than the tier's others is a title or a headline in larger (often bold) type, whose
            // characters touch: it is cut by its own pitch, not the tier's (square characters: at least seven tenths of
            // its width apart).
            var widths = lines.Skip(first).Select(l => l.Box.W).Order().ToList();
            var typical = widths.Count > 0 ? widths[widths.Count / 2] : 0;
            bool Wide(LayoutPiece p) => widths.Count >= 3 && p.Box.W > typical * WideColumn;
            // Small type: the tier's character grid cuts its columns into cells (bands of ink run together there).
            var small = tierPitch is > 0 and < SmallTypePitch and var columnPitch
                ? GridPitch(page, lines.Skip(first).SelectMany(l => l.Pieces).Where(p => !Wide(p)).ToList(), (int)Math.Round(columnPitch))
                : 0;
            // Its pitch counts only when the type is clearly larger than the tier's: a column of the tier's own type can
            // be as wide (a bracket or a dash beside it, two columns run together) and is cut as the others are.
            var body = small > 0 ? small
                : lines.Skip(first).Any(l => l.Pieces.Any(Wide)) ? GridPitch(page, lines.Skip(first).SelectMany(l => l.Pieces).Where(p => !Wide(p)).ToList(), (int)Math.Round(typical * 1.25))
                : 0;
            // In small type a column's characters are as wide as the grid's pitch, and its median width overstates them
            // (marks stand beside the characters): a title of larger type only a third wider than the tier's columns is
            // known by the grid (a generated magazine's bold title, 15 px across its 11 px columns).
            bool Larger(LayoutPiece p) => Wide(p) || (small > 0 && widths.Count >= 3 && p.Box.W > small * WideColumn);
            LayoutPiece Cut(LayoutPiece p)
            {
                var own = Larger(p) && body > 0 ? GridPitch(page, [p], (int)Math.Round(p.Box.W * 1.25), shortest: (int)(p.Box.W * 0.7)) : 0;
                return own >= body * LargerType && !NearMultiple(own, body) && !RepeatsAt(page, p.Box, body, own) ? p with { Pitch = own, SmallType = small > 0 }
                    : small > 0 ? p with { Pitch = small, SmallType = true } : p;
            }
            for (var k = first; k < lines.Count; k++)
                lines[k] = lines[k] with { Pieces = lines[k].Pieces.Select(Cut).ToList() };
        }
        return lines;
    }

    /// <summary>A column this many times as wide as its tier's typical column holds larger type (a title, a headline).</summary>
    private const double WideColumn = 1.3;

    /// <summary>How much longer than its tier's character pitch a wide column's must be for its type to be larger.</summary>
    private const double LargerType = 1.4;

    /// <summary>Height below which a horizontal band is a rule's remains, not a line of text.</summary>
    private const int MinLineHeight = 5;

    /// <summary>Column pitch below which a page's type is small (a magazine's 10–11 px characters, columns 15 px apart).</summary>
    private const double SmallTypePitch = 20;

    /// <summary>
    /// Where rules across the page cut it into tiers: the horizontal rules found in pieces along one line (a worn or
    /// warped rule is found as several runs a few pixels apart) join, and a line whose pieces span half the page's width
    /// and cover a third of it is a tier's rule. Returns the lines' rows, top to bottom.
    /// </summary>
    internal static List<int> TierCuts(IReadOnlyList<Rule> rules, int pageWidth)
    {
        var cuts = new List<int>();
        var line = new List<Rule>();
        foreach (var rule in rules.Where(r => !r.Vertical).OrderBy(r => r.Position).Append(new Rule(false, int.MaxValue, 0, 0)))
        {
            if (line.Count > 0 && rule.Position - line[^1].Position > 6)
            {
                var span = line.Max(r => r.End) - line.Min(r => r.Start);
                // The pieces' own extents, overlaps counted once.
                var covered = 0;
                var reach = int.MinValue;
                foreach (var r in line.OrderBy(r => r.Start))
                {
                    covered += Math.Max(0, r.End - Math.Max(r.Start, reach));
                    reach = Math.Max(reach, r.End);
                }
                if (span >= pageWidth / 2 && covered >= pageWidth / 3)
                    cuts.Add((int)Math.Round(line.Average(r => r.Position)));
                line.Clear();
            }
            line.Add(rule);
        }
        return cuts;
    }

    /// <summary>
    /// The lines of a page whose frame and column rules were found (<see cref="RuledFrames"/>): page by page in reading
    /// order, each column the space between two rules, right to left, with its double-line notes as sub-columns.
    /// </summary>
    public static IReadOnlyList<LayoutLine> FromRuled(InkImage page, RuledLayout ruled)
    {
        var lines = new List<LayoutLine>();
        // Each column's ink without the slivers of its neighbours' strokes and the remains of its rules.
        var inkPieces = new InkPieces(page);
        var columns = new List<Box>();
        foreach (var space in ruled.Pages.SelectMany(p => RuledReach.Columns(page, p)))
        {
            inkPieces.ClearForeign(space);
            RuledNotes.ClearEdgeResidue(page, space);
            columns.Add(Tighten(page, space));
        }
        foreach (var column in columns)
        {
            if (column.W <= 0 || column.H <= 0) continue;
            var pieces = CentredNotesAsMain(RuledNotes.Segments(page, column), column);
            if (pieces.Count > 0) lines.Add(new LayoutLine(column, true, pieces));
        }
        // Dust beside a character (after the neighbours' slivers are cleared, before the cells are cut).
        SpeckRemoval.RemoveIsolatedDots(page, lines.SelectMany(l => l.Pieces).Where(p => !p.SmallNote).Select(p => p.Box).ToList());
        // The characters of a page are written on one grid: its pitch, from all main-text runs together, cuts every
        // column into cells even where the characters of a column touch.
        var spacing = ruled.Pages.SelectMany(p => p.Columns).Select(c => c.W).Order().ElementAtOrDefault(ruled.Pages.Sum(p => p.Columns.Count) / 2);
        var pitch = GridPitch(page, lines.SelectMany(l => l.Pieces).Where(p => !p.SmallNote).ToList(), spacing);
        if (pitch <= 0) return lines;
        return lines.Select(l => l with { Pieces = FlatNotesAsMain(l.Pieces.Select(p => p.SmallNote ? p : p with { Pitch = pitch }).ToList(), l.Box, pitch) }).ToList();
    }

    /// <summary>
    /// A run of note pieces between main text (or the column's end) whose ink is no taller than a stroke is main text: a
    /// note's characters are about half a column tall, and flat ink split down the middle is a worn horizontal stroke
    /// broken there (一 二 三 下, or a character's flat foot, read in pieces as 〓). It is joined with the main text it
    /// adjoins. Done after the page's pitch is taken, which stays that of the runs as first found.
    /// </summary>
    internal static List<LayoutPiece> FlatNotesAsMain(List<LayoutPiece> pieces, Box column, double pitch)
    {
        if (!pieces.Any(p => p.SmallNote) || !pieces.Any(p => !p.SmallNote)) return pieces;
        var result = new List<LayoutPiece>();
        for (var i = 0; i < pieces.Count;)
        {
            if (!pieces[i].SmallNote) { result.Add(pieces[i++]); continue; }
            var j = i;
            while (j < pieces.Count && pieces[j].SmallNote) j++;
            var run = pieces.GetRange(i, j - i);
            var flat = run.All(p => p.Box.H < column.W * StrokeHeight);
            if (!flat) { result.AddRange(run); i = j; continue; }
            var box = Box.Union([.. run.Select(p => p.Box), new Box(column.X, run.Min(p => p.Box.Y), column.W, 1)]);
            if (result.Count > 0 && !result[^1].SmallNote) { box = Box.Union([result[^1].Box, box]); result.RemoveAt(result.Count - 1); }
            if (j < pieces.Count && !pieces[j].SmallNote) box = Box.Union([box, pieces[j++].Box]);
            result.Add(new LayoutPiece(box, true, Pitch: pitch));
            i = j;
        }
        return result;
    }

    /// <summary>Ink no taller than this part of a column's width is a stroke, not a character.</summary>
    private const double StrokeHeight = 0.25;

    /// <summary>
    /// A double-line note is set in the right and left halves of its column: a run judged a note that has no other
    /// sub-column beside it and sits on the column's axis is main text instead — a narrow character such as 日, or the
    /// foot of one (官's 口 squeezed against the frame) below a blank row — and is joined with the main text it adjoins,
    /// so that the column's cells are cut over all of it.
    /// </summary>
    internal static List<LayoutPiece> CentredNotesAsMain(List<LayoutPiece> pieces, Box column)
    {
        if (!pieces.Any(p => p.SmallNote) || !pieces.Any(p => !p.SmallNote)) return pieces;
        bool Lone(LayoutPiece n) => n.SmallNote && !pieces.Any(o => o.SmallNote && !ReferenceEquals(o, n) && o.Box.Y < n.Box.Bottom && n.Box.Y < o.Box.Bottom);
        // Of a character's size (a quarter of the column across at least), not a sliver of a stroke.
        bool Centred(LayoutPiece n) => n.Box.W >= column.W / 4.0 && Math.Abs(n.Box.X + n.Box.W / 2.0 - (column.X + column.W / 2.0)) <= column.W * 0.1;
        var result = new List<LayoutPiece>();
        var joinNext = false;
        foreach (var p in pieces)
        {
            var turned = p.SmallNote && Lone(p) && Centred(p);
            var main = !p.SmallNote || turned;
            if (main && (turned || joinNext) && result.Count > 0 && !result[^1].SmallNote)
            {
                var joined = Box.Union([result[^1].Box, p.Box, new Box(column.X, p.Box.Y, column.W, p.Box.H)]);
                result[^1] = result[^1] with { Box = joined };
            }
            else result.Add(turned ? new LayoutPiece(new Box(column.X, p.Box.Y, column.W, p.Box.H), true) : p);
            joinNext = turned;
        }
        return result;
    }

    /// <summary>
    /// The character pitch of a page: the first strong peak of the autocorrelation of the main-text runs' row
    /// profiles, between a third of the column spacing and the spacing itself; 0 when there is no clear peak.
    /// </summary>
    /// <param name="shortest">The shortest pitch to consider (0: a third of the spacing).</param>
    internal static double GridPitch(InkImage page, IReadOnlyList<LayoutPiece> runs, int spacing, int shortest = 0)
    {
        if (spacing <= 0 || runs.Count == 0) return 0;
        int minLag = Math.Max(4, shortest > 0 ? shortest : spacing / 3), maxLag = spacing + spacing / 8;
        var sum = new double[maxLag + 1];
        foreach (var run in runs.Where(r => r.Box.H >= maxLag * 2))
            AddAutocorrelation(RowCounts(page, run.Box), minLag, sum);
        return FirstPeak(sum, minLag);
    }

    /// <summary>Whether <paramref name="longer"/> is within 8 % of two or more times <paramref name="pitch"/>: two columns of body type run together repeat at twice its pitch.</summary>
    private static bool NearMultiple(double longer, double pitch)
    {
        var k = Math.Round(longer / pitch);
        return k >= 2 && Math.Abs(longer - k * pitch) <= pitch * k * 0.08;
    }

    /// <summary>
    /// Whether a column's row profile repeats at <paramref name="pitch"/> about as strongly as at <paramref name="longer"/>:
    /// a column of the body type repeats at its pitch and at every multiple of it, a column of larger type not at the
    /// body's pitch.
    /// </summary>
    private static bool RepeatsAt(InkImage page, Box column, double pitch, double longer)
    {
        var sum = new double[(int)Math.Ceiling(longer * 1.15) + 2];
        AddAutocorrelation(RowCounts(page, column), 2, sum);
        double Peak(double lag) => Enumerable.Range((int)(lag * 0.85), (int)Math.Ceiling(lag * 0.3) + 1).Where(l => l >= 2 && l < sum.Length).Select(l => sum[l]).DefaultIfEmpty(0).Max();
        var atLonger = Peak(longer);
        return atLonger <= 0 || Peak(pitch) >= atLonger * 0.5;
    }

    /// <summary>Adds the autocorrelation of a profile (its mean taken off) at lags from <paramref name="minLag"/> to the end of <paramref name="sum"/>.</summary>
    private static void AddAutocorrelation(int[] counts, int minLag, double[] sum)
    {
        var profile = counts.Select(c => (double)c).ToArray();
        var mean = profile.Average();
        for (var i = 0; i < profile.Length; i++) profile[i] -= mean;
        for (var lag = minLag; lag < sum.Length && lag < profile.Length; lag++)
        {
            double acc = 0;
            for (var i = 0; i + lag < profile.Length; i++) acc += profile[i] * profile[i + lag];
            sum[lag] += acc / (profile.Length - lag);
        }
    }

    /// <summary>The first lag from <paramref name="minLag"/> whose autocorrelation is a local peak at least <paramref name="share"/> of the highest; 0 when none.</summary>
    private static double FirstPeak(double[] sum, int minLag, double share = 0.85)
    {
        var maxLag = sum.Length - 1;
        var best = sum.Skip(minLag).DefaultIfEmpty(0).Max();
        if (best <= 0) return 0;
        for (var lag = minLag + 1; lag < maxLag; lag++)
        {
            if (sum[lag] < best * share || sum[lag] < sum[lag - 1] || sum[lag] < sum[lag + 1]) continue;
            // Refine between samples with a parabola through the peak and its neighbours.
            var d = sum[lag - 1] - 2 * sum[lag] + sum[lag + 1];
            return d < 0 ? lag + 0.5 * (sum[lag - 1] - sum[lag + 1]) / d : lag;
        }
        return 0;
    }

    /// <summary>Columns of one tier, right to left.</summary>
    /// <param name="pitch">The columns' pitch in the tier (<see cref="TierPitch"/>); 0 when none.</param>
    /// <param name="counts">The tier's ink per pixel column (<see cref="ColCounts"/>).</param>
    private static List<Box> Columns(InkImage page, Box tier, int[] counts, OcrProfile profile, double pitch)
    {
        var runs = Runs(counts, minCount: 1, minGap: 4);
        if (runs.Count == 0) return [];
        var widths = runs.Select(r => r.End - r.Start).Order().ToList();
        var typical = widths[widths.Count / 2];
        // Note sub-columns of a classical column are about a tenth of a column apart, columns a third or more.
        // Newspapers set columns too close for that, and have no notes.
        var mergeGap = profile.HasSmallNotes ? typical * 0.2 : 0;
        var merged = new List<(int Start, int End)>();
        foreach (var r in runs)
        {
            if (merged.Count > 0)
            {
                var last = merged[^1];
                var gap = r.Start - last.End;
                var narrow = Math.Min(r.End - r.Start, last.End - last.Start) < typical * 0.3;
                if (gap < mergeGap || (narrow && gap < typical * 0.25))
                {
                    merged[^1] = (last.Start, r.End);
                    continue;
                }
            }
            merged.Add(r);
        }
        // Small type (a magazine's 10–11 px characters) leaves only two or three blank pixels between columns, and ink
        // spread or a touching stroke closes them here and there: two columns then read as one run twice as wide, and
        // on a page where most of them touch, the runs' widths no longer tell a column's. The columns' pitch does
        // (TierPitch: the first clear peak of the autocorrelation of the tier's column profile, or of the page's tiers).
        if (pitch > 0) merged = merged.SelectMany(r => SplitJoined(page, tier, r, pitch)).ToList();
        return merged
            .Select(r => Tighten(page, new Box(tier.X + r.Start, tier.Y, r.End - r.Start, tier.H)))
            .Where(b => b.W > 0 && b.H > 0)
            .OrderByDescending(b => b.X)
            .ToList();
    }

    /// <summary>
    /// The pitch of the columns in some boxes (a page's tiers) together: the first clear peak of the summed
    /// autocorrelations of their column profiles, each scaled by its own variance so that every box counts alike;
    /// 0 when none, or when no box has enough runs of ink across it to be columns (one column's own strokes repeat too).
    /// </summary>
    private static double ColumnPitch(InkImage page, IReadOnlyList<Box> boxes) => ColumnPitch(boxes.Select(b => ColumnShape(ColCounts(page, b))));

    /// <summary>The pitch of the columns of boxes whose <see cref="ColumnShape"/>s these are (null: a box without columns).</summary>
    private static double ColumnPitch(IEnumerable<double[]?> shapes)
    {
        var kept = shapes.OfType<double[]>().ToList();
        if (kept.Count == 0) return 0;
        // Each box up to a third of its own width, as it would be measured alone.
        var sum = new double[kept.Max(one => one.Length)];
        foreach (var one in kept)
            for (var lag = 0; lag < one.Length; lag++) sum[lag] += one[lag];
        return FirstPeak(sum, 4, share: 0.5);
    }

    /// <summary>
    /// A box's share of <see cref="ColumnPitch"/>: the autocorrelation of its column profile up to a third of its width,
    /// scaled by the profile's variance (all zero when it has none); null when it has fewer than four runs of ink across it.
    /// </summary>
    private static double[]? ColumnShape(int[] counts)
    {
        if (Runs(counts, minCount: 1, minGap: 2).Count < 4) return null;
        var one = new double[Math.Max(8, counts.Length / 3)];
        AddAutocorrelation(counts, 4, one);
        var mean = counts.Average();
        var variance = counts.Average(c => (c - mean) * (c - mean));
        if (variance <= 0) return new double[one.Length];
        for (var lag = 0; lag < one.Length; lag++) one[lag] /= variance;
        return one;
    }

    /// <summary>
    /// A tier's column pitch: its own, unless it has none or it is a multiple of the page's. A tier that opens with a
    /// title in large bold type and an author's line has few columns of body type, heavy and light ones in turn (the
    /// title's ink, paragraphs' short last lines): its profile repeats more strongly at two columns than at one, or at
    /// no clear lag, and its columns are found at the page's pitch instead.
    /// </summary>
    internal static double TierPitch(double own, double page) =>
        page > 0 && (own <= 0 || NearMultiple(own, page)) ? page : own;

    /// <summary>
    /// A run of columns <paramref name="pitch"/> apart that touch (a run wider than 1.75 pitches: a column's blank gap is
    /// about a quarter of the pitch): cut where the boundaries fall, at the emptiest pixel column near each, when it is
    /// nearly blank (a column of large characters, a title, has ink down its middle and stays whole).
    /// </summary>
    private static IEnumerable<(int Start, int End)> SplitJoined(InkImage page, Box tier, (int Start, int End) run, double pitch)
    {
        var width = run.End - run.Start;
        var n = (int)Math.Round(width / pitch + 0.25);
        if (n < 2)
        {
            yield return run;
            yield break;
        }
        var counts = ColCounts(page, new Box(tier.X + run.Start, tier.Y, width, tier.H));
        var blank = counts.Average() * 0.2;
        var start = run.Start;
        var reach = Math.Max(1, (int)(pitch * 0.3));
        for (var k = 1; k < n; k++)
        {
            var expected = (int)Math.Round(width * k / (double)n);
            var best = -1;
            for (var x = Math.Max(1, expected - reach); x <= Math.Min(width - 2, expected + reach); x++)
                if (best < 0 || counts[x] < counts[best]) best = x;
            if (best < 0 || counts[best] > blank || run.Start + best - start < pitch / 3) continue;
            yield return (start, run.Start + best);
            start = run.Start + best + 1;
        }
        yield return (start, run.End);
    }

    /// <summary>
    /// The 版心 strip of a folio (book title, 魚尾, juan and leaf number) is not part of the text. It is the one column
    /// with a solid black 魚尾: many consecutive rows with ink across most of the column, which no character stroke makes.
    /// </summary>
    private static bool IsBlockPrintedCentreStrip(InkImage page, Box column)
    {
        var rows = RowCounts(page, column);
        var run = 0;
        var needed = Math.Max(10, column.W / 4);
        foreach (var c in rows)
        {
            run = c >= column.W * 0.7 ? run + 1 : 0;
            if (run >= needed) return true;
        }
        return false;
    }

    /// <summary>
    /// Splits a classical column into runs of main text and of double-line notes. A character band (rows between blank
    /// rows) belongs to a note when a blank gap of at least a fourteenth of the column runs down its middle, or when all its
    /// ink lies on one side of the middle (the shorter sub-column of a note). Notes are read right sub-column, then left.
    /// </summary>
    private static List<LayoutPiece> NoteSegments(InkImage page, Box column)
    {
        // Blank rows also run through characters (the dots of 然, the strokes of 三): bands close together that still
        // fit in one square character are one character.
        var bands = new List<(int Start, int End)>();
        foreach (var band in Runs(RowCounts(page, column), minCount: 1, minGap: 3))
        {
            if (bands.Count > 0 && band.Start - bands[^1].End < column.W * 0.12 && band.End - bands[^1].Start <= column.W * 1.05)
                bands[^1] = (bands[^1].Start, band.End);
            else
                bands.Add(band);
        }
        var classified = new List<(int Start, int End, bool Note, int Split)>();
        foreach (var (s, e) in bands)
        {
            var band = new Box(column.X, column.Y + s, column.W, e - s);
            var (note, split) = IsNoteBand(page, band);
            classified.Add((band.Y, band.Bottom, note, split));
        }
        // Where a column has notes, their sub-columns share one dividing line: a band with no ink across that line is a
        // note row too, even when its own gap is too narrow to see (a wide character leaning over the middle).
        // Two note characters may also touch across the line; then the band is as wide as the column (a main-text
        // character is narrower than a column with notes, about 0.63 of it) but lower than a main-text character.
        var noteSplits = classified.Where(c => c.Note).Select(c => c.Split).Order().ToList();
        if (noteSplits.Count >= 2)
        {
            var divide = noteSplits[noteSplits.Count / 2];
            for (var k = 0; k < classified.Count; k++)
            {
                if (classified[k].Note) continue;
                var band = new Box(column.X, classified[k].Start, column.W, classified[k].End - classified[k].Start);
                var strip = new Box(divide - 2, band.Y, 5, band.H);
                var clear = ColCounts(page, strip).All(c => c == 0);
                var pair = band.H < column.W * 0.55 && Tighten(page, band).W >= column.W * 0.85;
                if (clear || pair) classified[k] = classified[k] with { Note = true, Split = divide };
            }
        }
        // Note characters are smaller than the main text (about 70 %): a band whose halves hold a character as tall as
        // the main text is a character with an open middle (北, 化, 門, 六), not a note. The halves are measured apart
        // because the two sub-columns of a note need not keep the same rows.
        var fullHeights = classified.Where(c => !c.Note && c.End - c.Start > column.W * 0.3).Select(c => c.End - c.Start).Order().ToList();
        if (fullHeights.Count >= 3)
        {
            var fullHeight = fullHeights[fullHeights.Count / 2];
            // In a column with several note rows, a pair of note characters spans the whole column; a main-text
            // character does not.
            var manyNotes = classified.Count(c => c.Note) >= 3;
            for (var k = 0; k < classified.Count; k++)
            {
                if (!classified[k].Note || TallestSideRun(page, column, classified[k].Start, classified[k].End, classified[k].Split) < fullHeight * 0.85) continue;
                var width = Tighten(page, new Box(column.X, classified[k].Start, column.W, classified[k].End - classified[k].Start)).W;
                if (!manyNotes || width < column.W * 0.8) classified[k] = classified[k] with { Note = false };
            }
        }
        var pieces = new List<LayoutPiece>();
        var i = 0;
        while (i < classified.Count)
        {
            var j = i;
            while (j + 1 < classified.Count && classified[j + 1].Note == classified[i].Note) j++;
            var y0 = classified[i].Start;
            var y1 = classified[j].End;
            if (classified[i].Note)
            {
                var splits = classified.Skip(i).Take(j - i + 1).Select(c => c.Split).Order().ToList();
                var split = splits[splits.Count / 2];
                var right = Tighten(page, new Box(split, y0, column.Right - split, y1 - y0));
                var left = Tighten(page, new Box(column.X, y0, split - column.X, y1 - y0));
                if (right.W > 0) pieces.Add(new LayoutPiece(right, true, SmallNote: true));
                if (left.W > 0) pieces.Add(new LayoutPiece(left, true, SmallNote: true));
            }
            else
            {
                var box = Tighten(page, new Box(column.X, y0, column.W, y1 - y0));
                if (box.W > 0)
                {
                    // Consecutive main-text runs interrupted only by a misread band are joined again.
                    if (pieces.Count > 0 && !pieces[^1].SmallNote && pieces[^1].Box.Bottom <= box.Y)
                        pieces[^1] = new LayoutPiece(Box.Union([pieces[^1].Box, box]), true);
                    else
                        pieces.Add(new LayoutPiece(box, true));
                }
            }
            i = j + 1;
        }
        return pieces;
    }

    /// <summary>The tallest run of ink rows on either side of the split, within rows [y0, y1) of the column.</summary>
    private static int TallestSideRun(InkImage page, Box column, int y0, int y1, int split)
    {
        var tallest = 0;
        foreach (var side in new[] { new Box(column.X, y0, split - column.X, y1 - y0), new Box(split, y0, column.Right - split, y1 - y0) })
        {
            if (side.W <= 0 || side.H <= 0) continue;
            foreach (var (s, e) in Runs(RowCounts(page, side), minCount: 1, minGap: 3)) tallest = Math.Max(tallest, e - s);
        }
        return tallest;
    }

    private static (bool Note, int Split) IsNoteBand(InkImage page, Box band)
    {
        var cols = ColCounts(page, band);
        int first = Array.FindIndex(cols, c => c > 0), last = Array.FindLastIndex(cols, c => c > 0);
        var mid = band.W / 2;
        if (first < 0) return (false, band.X + mid);
        var minGap = Math.Max(3, band.W / 14);
        // Widest blank run that covers the middle third of the column.
        int bestLen = 0, bestCentre = mid;
        var run = 0;
        for (var x = band.W / 4; x <= band.W * 3 / 4; x++)
        {
            if (x < band.W * 3 / 4 && cols[x] == 0) { run++; continue; }
            if (run > bestLen) { bestLen = run; bestCentre = x - run / 2; }
            run = 0;
        }
        if (bestLen >= minGap && first < bestCentre && last > bestCentre) return (true, band.X + bestCentre);
        // One sub-column only: all ink well to one side of the middle.
        // (Sub-columns need not be centred on the halves: allow a little overlap of the middle.)
        var overlap = band.W / 24;
        if (last < mid + overlap) return (true, band.X + Math.Min(mid, last + 1));
        if (first > mid - overlap) return (true, band.X + Math.Max(mid, first));
        return (false, band.X + mid);
    }

    /// <summary>Cuts runs at the given positions (ruled lines across the page).</summary>
    private static List<(int Start, int End)> SplitAt(List<(int Start, int End)> runs, List<int> cuts)
    {
        var result = new List<(int Start, int End)>();
        foreach (var run in runs)
        {
            var start = run.Start;
            foreach (var cut in cuts.Where(c => c > run.Start && c < run.End).Order())
            {
                if (cut > start) result.Add((start, cut));
                start = cut + 1;
            }
            if (start < run.End) result.Add((start, run.End));
        }
        return result;
    }

    /// <summary>Shrinks a box to the ink inside it; an empty box when there is none.</summary>
    internal static Box Tighten(InkImage page, Box b)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        var w = page.Width;
        for (var y = b.Y; y < b.Bottom; y++)
        {
            var row = y * w;
            for (var x = b.X; x < b.Right; x++)
            {
                if (page.Ink[row + x] == 0) continue;
                if (x < x0) x0 = x;
                if (x > x1) x1 = x;
                if (y < y0) y0 = y;
                y1 = y;
            }
        }
        return x1 < 0 ? default : new Box(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    internal static int[] RowCounts(InkImage page, Box b)
    {
        var counts = new int[b.H];
        for (var y = 0; y < b.H; y++)
        {
            var row = (b.Y + y) * page.Width;
            var n = 0;
            for (var x = b.X; x < b.Right; x++) n += page.Ink[row + x];
            counts[y] = n;
        }
        return counts;
    }

    internal static int[] ColCounts(InkImage page, Box b)
    {
        var counts = new int[b.W];
        for (var y = b.Y; y < b.Bottom; y++)
        {
            var row = y * page.Width;
            for (var x = 0; x < b.W; x++) counts[x] += page.Ink[row + b.X + x];
        }
        return counts;
    }

    /// <summary>Runs of positions with at least <paramref name="minCount"/> ink pixels; gaps shorter than <paramref name="minGap"/> do not split.</summary>
    internal static List<(int Start, int End)> Runs(int[] counts, int minCount, int minGap)
    {
        var runs = new List<(int Start, int End)>();
        int start = -1, lastOn = -1;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] < minCount) continue;
            if (start < 0) start = i;
            else if (i - lastOn - 1 >= minGap) { runs.Add((start, lastOn + 1)); start = i; }
            lastOn = i;
        }
        if (start >= 0) runs.Add((start, lastOn + 1));
        return runs;
    }
}
