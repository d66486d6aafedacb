using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// Double-line small notes (雙行小注) in one column of a ruled page, found by what the column looks like around each row
/// rather than band by band. The two sub-columns of a note are set independently, so their characters do not keep the
/// same rows (one starts half a character lower) and no blank row separates them: cutting the column into bands of
/// ink rows first joins the two sub-columns' characters into tall bands. Here every row is judged by a window about a
/// character tall around it: main text, set in the middle of the column, puts ink across the column's middle in every
/// such window; a note leaves a blank gap down the middle with ink on both sides, or ink on one side only (the end of
/// the longer sub-column).
/// </summary>
internal static class RuledNotes
{
    private enum Row : byte { Blank, Main, Note, Narrow }

    /// <summary>The column's runs in reading order: main text, and each note as its right sub-column, then its left.</summary>
    public static List<LayoutPiece> Segments(InkImage page, Box column)
    {
        int w = column.W, h = column.H;
        if (w < 12 || h < 12) return [new LayoutPiece(column, true)];
        // Column counts summed down the column, so that any window of rows costs one pass across.
        var cum = new int[(h + 1) * w];
        for (var y = 0; y < h; y++)
        {
            var src = (column.Y + y) * page.Width + column.X;
            for (var x = 0; x < w; x++) cum[(y + 1) * w + x] = cum[y * w + x] + page.Ink[src + x];
        }
        var size = w;                                   // a main-text character is about as wide as its column
        var half = Math.Max(4, size * 2 / 5);           // the window: four fifths of a character
        int c0 = w * 3 / 10, c1 = w * 7 / 10;          // the middle, where a note's dividing gap lies
        var minGap = Math.Max(3, w / 16);
        var narrowGap = Math.Max(2, w / 48);
        var rows = new Row[h];
        var splits = new int[h];
        var counts = new int[w];
        for (var y = 0; y < h; y++)
        {
            int y0 = Math.Max(0, y - half), y1 = Math.Min(h, y + half + 1);
            var total = 0;
            for (var x = 0; x < w; x++) { counts[x] = cum[y1 * w + x] - cum[y0 * w + x]; total += counts[x]; }
            // A speck or two is no text.
            if (total < size / 2) { rows[y] = Row.Blank; continue; }
            int first = Array.FindIndex(counts, c => c > 0), last = Array.FindLastIndex(counts, c => c > 0);
            // The widest blank run whose centre lies in the middle of the column.
            int best = 0, bestCentre = w / 2, run = 0;
            for (var x = 0; x <= w; x++)
            {
                if (x < w && counts[x] == 0) { run++; continue; }
                var centre = x - run / 2;
                if (run > best && centre >= c0 && centre <= c1) { best = run; bestCentre = centre; }
                run = 0;
            }
            if (best >= minGap && first < bestCentre && last > bestCentre) { rows[y] = Row.Note; splits[y] = bestCentre; continue; }
            // A gap of a pixel or two: two note characters leaning at each other, or main text with an open middle.
            if (best >= narrowGap && first < bestCentre && last > bestCentre) { rows[y] = Row.Narrow; splits[y] = bestCentre; continue; }
            // Ink on one side only, and narrower than a character: the end of a note's longer sub-column.
            if (last - first < w * 0.6 && (last < w * 0.55 || first > w * 0.45))
            {
                rows[y] = Row.Note;
                splits[y] = last < w * 0.55 ? Math.Min(w / 2, last + 1) : Math.Max(w / 2, first);
                continue;
            }
            rows[y] = Row.Main;
        }

        // Runs of note rows; blank rows take the kind of what they lie between.
        var kinds = new List<(int Start, int End, Row Kind)>();
        for (var y = 0; y < h;)
        {
            if (rows[y] == Row.Blank) { y++; continue; }
            var kind = rows[y];
            var start = y;
            var end = y;
            while (y < h && (rows[y] == kind || rows[y] == Row.Blank)) { if (rows[y] == kind) end = y + 1; y++; }
            y = end;
            kinds.Add((start, end, kind));
        }
        // A narrow gap is a note's where it joins a note run (a pair leaning together inside a note), not more than a
        // character and a half long; otherwise main text.
        var runs = kinds.Select((r, k) => (r.Start, r.End, Note: r.Kind == Row.Note
            || (r.Kind == Row.Narrow && r.End - r.Start < size * 3 / 2
                && ((k > 0 && kinds[k - 1].Kind == Row.Note) || (k + 1 < kinds.Count && kinds[k + 1].Kind == Row.Note))))).ToList();
        // A note run must hold more than one open-middle main-text character (川 以 北 門 行): a short run whose
        // sides each hold one ink run as tall as a main character is such a character.
        for (var k = 0; k < runs.Count; k++)
        {
            var (s, e, note) = runs[k];
            if (!note) continue;
            var extended = (Math.Max(0, s - half), Math.Min(h, e + half));
            if (e - s < size && TallestSideRun(page, column, extended.Item1, extended.Item2, MedianSplit(splits, rows, s, e, w)) >= size * 0.75)
                runs[k] = (s, e, false);
        }
        // A short main-text run between notes is a note character leaning over the dividing line (two sub-columns'
        // characters touching): a main-text character crosses the middle over most of its height.
        for (var k = 0; k < runs.Count; k++)
        {
            var (s, e, note) = runs[k];
            if (note || e - s >= size * 2) continue;
            var neighbours = new[] { k - 1, k + 1 }.Where(i => i >= 0 && i < runs.Count && runs[i].Note).ToList();
            if (neighbours.Count == 0) continue;
            var split = MedianSplit(splits, rows, runs[neighbours[0]].Start, runs[neighbours[0]].End, w);
            var crossing = Crossings(page, column, s, e, split, e - s);
            if (crossing.Count == 0 || crossing[0].Last - crossing[0].First < size * 0.45) runs[k] = (s, e, true);
        }
        runs = Merge(runs);
        // A longer main-text run between two notes (several rows of a note whose sub-columns are set close, each row's
        // window finding no gap) is notes too where nothing crosses the notes' dividing line as a main-text character
        // does (IsNoteAcross): read as main text, its cells would hold a character of each sub-column side by side, and
        // the note's right sub-column would be read in pieces between pieces of its left.
        for (var k = 1; k + 1 < runs.Count; k++)
        {
            var (s, e, note) = runs[k];
            if (note || !runs[k - 1].Note || !runs[k + 1].Note) continue;
            // A shorter one (a row or two, the short test above found a main-text character's crossing in it) only
            // within a passage of notes: false notes (open-middle main text) are a character or two.
            if (e - s < size * 2 && runs[k - 1].End - runs[k - 1].Start + runs[k + 1].End - runs[k + 1].Start < size * 4) continue;
            var split = MedianSplit(splits, rows, runs[k - 1].Start, runs[k - 1].End, w);
            if (IsNoteAcross(page, column, s, e, split, size, inPassage: e - s < size * 2)) runs[k] = (s, e, true);
        }
        runs = Merge(runs);
        // A note's dividing gap runs straight down between its sub-columns; gaps that wander across the middle are the
        // open middles of swaying main-text characters.
        for (var k = 0; k < runs.Count; k++)
        {
            var (s, e, note) = runs[k];
            if (!note) continue;
            var values = new List<int>();
            for (var y = s; y < e; y++) if (rows[y] is Row.Note or Row.Narrow) values.Add(splits[y]);
            if (values.Count < 8) continue;
            values.Sort();
            if (values[values.Count * 3 / 4] - values[values.Count / 4] > w / 8) runs[k] = (s, e, false);
        }
        var merged = Merge(runs);

        // The window makes a note run start and end about half a window inside the note where main text borders it:
        // the boundary is the emptiest row between the two runs, nearest the middle of the window's reach.
        var rowInk = new int[h];
        for (var y = 0; y < h; y++) rowInk[y] = RowSum(cum, w, y);
        var cuts = new List<int> { 0 };
        for (var k = 0; k + 1 < merged.Count; k++)
        {
            var (a, b) = merged[k].Note ? (merged[k].End, Math.Min(h, merged[k].End + half * 2)) : (Math.Max(0, merged[k + 1].Start - half * 2), merged[k + 1].Start);
            a = Math.Max(a, cuts[^1]);
            b = Math.Max(a, Math.Min(b, merged[k + 1].End));
            var best = a;
            for (var y = a; y < b; y++) if (rowInk[y] < rowInk[best]) best = y;
            cuts.Add(best);
        }
        cuts.Add(h);

        var pieces = new List<LayoutPiece>();
        for (var k = 0; k < merged.Count; k++)
        {
            int y0 = column.Y + cuts[k], y1 = column.Y + cuts[k + 1];
            if (y1 <= y0) continue;
            if (!merged[k].Note)
            {
                var box = PageLayout.Tighten(page, new Box(column.X, y0, w, y1 - y0));
                if (box.W > 0) pieces.Add(new LayoutPiece(box, true));
                continue;
            }
            var split = column.X + MedianSplit(splits, rows, merged[k].Start, merged[k].End, w);
            var right = PageLayout.Tighten(page, new Box(split, y0, column.Right - split, y1 - y0));
            var left = PageLayout.Tighten(page, new Box(column.X, y0, split - column.X, y1 - y0));
            // A sub-column narrower than an eighth of the column holds no note's characters (half a column wide): it is
            // what is left of a worn rule along the column's edge, or a speck (a Ming print: slivers 7–25 px wide beside
            // columns 250 px wide, read as 〓).
            bool Sliver(Box b) => b.W > 0 && b.W <= w / 8;
            if (Sliver(right) != Sliver(left) && (right.W > w / 8 || left.W > w / 8))
            {
                // Text beside a sliver: no note, its column's main text set beside what is left of the rule.
                pieces.Add(new LayoutPiece(Sliver(right) ? left : right, true));
                continue;
            }
            if (right.W > w / 8) pieces.Add(new LayoutPiece(right, true, SmallNote: true));
            if (left.W > w / 8) pieces.Add(new LayoutPiece(left, true, SmallNote: true));
        }
        return pieces;
    }

    /// <summary>
    /// What is left of a rule along a column's edge (a dashed inner frame line, the broken rule beside a short column):
    /// ink in a narrow strip at the edge that runs down much of the column, with blank paper between it and the text.
    /// Cleared from the ink, except where a stroke goes on inward from it.
    /// </summary>
    public static void ClearEdgeResidue(InkImage page, Box column)
    {
        int w = column.W, h = column.H;
        if (w < 20 || h < 40) return;
        var cols = PageLayout.ColCounts(page, column);
        var strip = Math.Max(3, w / 10);
        var thin = Math.Max(3, w / 25);
        foreach (var fromLeft in new[] { true, false })
        {
            // The strip's inked positions, outermost first. A worn rule is left in dashes over a tenth of the column
            // or more (a Ming print's rules broken over half the page), which a note's sub-column hugging the edge
            // would be taken for.
            int X(int i) => fromLeft ? i : w - 1 - i;
            var peak = -1;
            for (var i = 0; i < strip; i++) if (cols[X(i)] >= h / 10 && (peak < 0 || cols[X(i)] > cols[X(peak)])) peak = i;
            if (peak < 0) continue;
            int a = peak, b = peak;
            while (a > 0 && cols[X(a - 1)] >= cols[X(peak)] / 4) a--;
            while (b + 1 < w && cols[X(b + 1)] >= cols[X(peak)] / 4) b++;
            if (b - a + 1 > thin) continue;
            // Blank paper inward of it (little ink over a few pixels): the line stands apart from the characters.
            var gapEnd = Math.Min(w, b + 1 + Math.Max(3, w / 30));
            var inward = 0;
            for (var i = b + 1; i < gapEnd; i++) inward = Math.Max(inward, cols[X(i)]);
            if (inward > cols[X(peak)] / 3) continue;
            // Clear each row's ink within the line where it does not go on inward (a stroke touching it keeps its pixels).
            int lo = Math.Min(X(a), X(b)), hi = Math.Max(X(a), X(b));
            for (var y = column.Y; y < column.Bottom; y++)
            {
                var row = y * page.Width + column.X;
                var inner = fromLeft ? hi + 1 : lo - 1;
                if (inner >= 0 && inner < w && page.Ink[row + inner] != 0) continue;
                for (var x = lo; x <= hi; x++)
                {
                    if (page.Ink[row + x] == 0) continue;
                    page.Ink[row + x] = 0;
                    page.Removed[row + x] = true;
                }
            }
        }
    }

    /// <summary>
    /// The rows between <paramref name="s"/> and <paramref name="e"/> where ink crosses the dividing line at
    /// <paramref name="split"/> (two pixels either side), as stretches: gaps of up to <paramref name="bridge"/> rows
    /// between crossing rows are bridged. Each stretch's first and last row.
    /// </summary>
    private static List<(int First, int Last)> Crossings(InkImage page, Box column, int s, int e, int split, int bridge)
    {
        var w = column.W;
        var stretches = new List<(int First, int Last)>();
        for (var y = s; y < e; y++)
        {
            var row = (column.Y + y) * page.Width + column.X;
            var crosses = false;
            for (var x = Math.Max(0, split - 2); x <= Math.Min(w - 1, split + 2) && !crosses; x++) crosses = page.Ink[row + x] != 0;
            if (!crosses) continue;
            if (stretches.Count > 0 && y - stretches[^1].Last <= bridge + 1) stretches[^1] = (stretches[^1].First, y);
            else stretches.Add((y, y));
        }
        return stretches;
    }

    /// <summary>
    /// A long run judged main text between two note runs is notes all the same where no character of it crosses the
    /// notes' dividing line over much of its height: a note's characters set close or leaning over the line close the
    /// gap for a few rows at a time, while a main-text character crosses the middle over most of its height (its
    /// strokes across the middle less than a quarter of a character apart), and the crossing stretches cover under a
    /// quarter of the run. Within a passage of notes (<paramref name="inPassage"/>: a row or two between long notes) the
    /// crossing rows are counted one by one instead: two characters of a note each reaching a stroke over the line a
    /// little apart (堯 beside 語, 民 beside 楚) bridge into one stretch, but cross on few rows.
    /// </summary>
    private static bool IsNoteAcross(InkImage page, Box column, int s, int e, int split, int size, bool inPassage)
    {
        var stretches = Crossings(page, column, s, e, split, size / 4);
        var crossing = inPassage ? Crossings(page, column, s, e, split, 0) : stretches;
        return stretches.All(c => c.Last - c.First < size * 0.45) && crossing.Sum(c => c.Last - c.First + 1) < (e - s) / 4;
    }

    /// <summary>Neighbours of one kind are one run.</summary>
    private static List<(int Start, int End, bool Note)> Merge(List<(int Start, int End, bool Note)> runs)
    {
        var merged = new List<(int Start, int End, bool Note)>();
        foreach (var r in runs)
        {
            if (merged.Count > 0 && merged[^1].Note == r.Note) merged[^1] = (merged[^1].Start, r.End, r.Note);
            else merged.Add(r);
        }
        return merged;
    }

    private static int RowSum(int[] cum, int w, int y)
    {
        var s = 0;
        for (var x = 0; x < w; x++) s += cum[(y + 1) * w + x] - cum[y * w + x];
        return s;
    }

    private static int MedianSplit(int[] splits, Row[] rows, int s, int e, int w)
    {
        var values = new List<int>();
        for (var y = s; y < e; y++) if (rows[y] is Row.Note or Row.Narrow) values.Add(splits[y]);
        if (values.Count == 0) return w / 2;
        values.Sort();
        return values[values.Count / 2];
    }

    private static int TallestSideRun(InkImage page, Box column, int y0, int y1, int split)
    {
        var tallest = 0;
        foreach (var side in new[] { new Box(column.X, column.Y + y0, split, y1 - y0), new Box(column.X + split, column.Y + y0, column.W - split, y1 - y0) })
        {
            if (side.W <= 0 || side.H <= 0) continue;
            foreach (var (s, e) in PageLayout.Runs(PageLayout.RowCounts(page, side), minCount: 1, minGap: 3)) tallest = Math.Max(tallest, e - s);
        }
        return tallest;
    }
}
