using QyHeritage.Archive.Ocr;

namespace QyHeritage.Recognition;

/// <summary>
/// The inner line of a double border (文武邊): a thin line just inside the thick frame. Thinner than the column rules and
/// often broken (a Ming print's worn block), it is too short in its runs to be found as a rule and is left inside the
/// outermost column, where it reads as a column of 〓; whole but thin (the Siku facsimile), it widens that column past
/// the page's pitch and its cells take it in (17b 82.2 -> 83.9 % taken out).
/// </summary>
internal static class DoubleBorder
{
    /// <summary>
    /// Takes a worn inner line out of the outermost column on each side: the column is trimmed to start past it and the
    /// line is added to <paramref name="rules"/> to be cleared along its course. <paramref name="spaces"/> are in order
    /// of x.
    /// </summary>
    public static void TakeInnerLines(InkImage page, List<Box> spaces, List<RuleBand> rules, Box band, int pitch, int ruleWidth, int frame)
    {
        // The line lies against the outer line, within a fifth of a column of it, and is still covered over most of the
        // frame by runs longer than half a column, which no stroke of a character lines up to make; looked for from a
        // rule's width in (the outer rule's own grey fringe is no second line). Taken out and cleared along its course,
        // the 〓 column goes (book4/4: 50 〓 read there before).
        var wide = spaces.Select((s, i) => (s, i)).Where(x => x.s.W >= pitch * 0.45).Select(x => x.i).ToList();
        for (var side = 0; side < 2 && wide.Count > 0; side++)
        {
            var at = side == 0 ? wide[0] : wide[^1];
            var s = spaces[at];
            var reach = (int)(pitch * 0.2);
            if (s.W < pitch * 0.8) continue;
            var near = side == 0 ? new Box(s.X + ruleWidth, band.Y, reach, band.H) : new Box(s.Right - ruleWidth - reach, band.Y, reach, band.H);
            var cover = RuledFrames.Coverage(page, vertical: true, near, Math.Max(24, pitch / 2));
            var inner = RuledFrames.Bands(cover, threshold: frame * 0.45, vertical: true, page, near, Math.Max(24, pitch / 2));
            if (inner.Count == 0) continue;
            var line = side == 0 ? inner[^1] : inner[0];
            var trimmed = side == 0 ? new Box(line.To + 1, s.Y, s.Right - line.To - 1, s.H) : new Box(s.X, s.Y, line.From - 1 - s.X, s.H);
            // The line and the gap before it widen the column past the page's pitch: without them it fits the pitch
            // better (book4/4: 280 px, 244 without, pitch 251). A column of the pitch has no second line in it.
            if (Math.Abs(trimmed.W - pitch) >= Math.Abs(s.W - pitch)) continue;
            rules.Add(line);
            // A line found over most of the frame is whole (the Siku facsimile's thin inner border): past its ends there
            // are no dashes to follow.
            if (line.End - line.Start < frame * 3 / 4)
                rules.AddRange(RuleCourse.Follow(page, line.Centre, line.Width + RuledFrames.RuleSlack(page, line), line.Start, line.End, band.Y, band.Bottom)
                    .Where(b => b.Start >= line.End || b.End <= line.Start));
            spaces[at] = trimmed;
        }
    }
}
