namespace QyHeritage.Recognition.Tests;

/// <summary>
/// What is left of worn, drifting column rules once they are cleared (<see cref="RuleCourse"/>), on the Ming print of
/// <see cref="SparsePrintTests"/>: a rule's remnant left beside a column's characters is read as 〓 or as a stroke of junk.
/// No tesseract: the ink as <see cref="TesseractOcr"/> prepares a ruled page before laying it out.
/// </summary>
public class RuleRemnantTests
{
    [Fact]
    public void Rules_worn_too_thin_to_be_found_are_cleared_along_their_whole_course()
    {
        // The half-folio's seven left columns are cut apart where their worn rules belong, a pixel wide; the rules
        // themselves are 15–20 px wide and wander off that line by more than their width. Cleared along the line only,
        // they were left over a sixth to nearly half of the frame's height (650–1,721 of 3,787 rows).
        var (page, ruled) = Prepared("ming-lists-book4-2.jpg");
        var columns = Assert.Single(ruled.Pages).Columns;
        var pitch = columns.Select(c => c.W).Order().ElementAt(columns.Count / 2);
        var cuts = columns.Zip(columns.Skip(1)).Where(p => p.First.X - p.Second.Right <= 4).ToList();
        Assert.True(cuts.Count >= 5, $"{cuts.Count} cut rules");
        foreach (var (right, left) in cuts)
        {
            var line = (right.X + left.Right) / 2;
            var top = Math.Min(right.Y, left.Y);
            var bottom = Math.Max(right.Bottom, left.Bottom);
            var inked = InkedRows(page, line - pitch / 16, line + pitch / 16, top, bottom);
            Assert.True(inked < (bottom - top) / 20, $"rule at x {line}: ink left on {inked} of {bottom - top} rows");
        }
    }

    [Fact]
    public void A_rule_is_cleared_on_past_its_unbroken_runs_where_its_dashes_go_on()
    {
        // The other half-folio's rules are found from their long runs over the lower half; above, they go on in dashes
        // up to the frame's top line, and those dashes must go too (they stood beside 王溫舒, 楊僕, 杜周 …). Between
        // each pair of the page's columns that a found rule parts, little ink is left over the upper half of the frame.
        var (page, ruled) = Prepared("ming-lists-book4-1.jpg");
        var columns = Assert.Single(ruled.Pages).Columns;
        var pairs = columns.Zip(columns.Skip(1)).Where(p => p.First.X - p.Second.Right > 4).ToList();
        Assert.True(pairs.Count >= 6, $"{pairs.Count} found rules");
        var left = 0;
        var rows = 0;
        foreach (var (r, l) in pairs)
        {
            var top = Math.Min(r.Y, l.Y);
            var middle = (top + Math.Max(r.Bottom, l.Bottom)) / 2;
            left += InkedRows(page, l.Right, r.X, top, middle);
            rows += middle - top;
        }
        Assert.True(left < rows / 20, $"ink left on {left} of {rows} rows");
    }

    /// <summary>How many rows of [<paramref name="y0"/>, <paramref name="y1"/>) hold ink in columns [<paramref name="x0"/>, <paramref name="x1"/>).</summary>
    private static int InkedRows(InkImage page, int x0, int x1, int y0, int y1)
    {
        var count = 0;
        for (var y = Math.Max(0, y0); y < Math.Min(page.Height, y1); y++)
        {
            var row = y * page.Width;
            for (var x = Math.Max(0, x0); x < Math.Min(page.Width, x1); x++)
                if (page.Ink[row + x] != 0) { count++; break; }
        }
        return count;
    }

    /// <summary>The fixture's page deskewed, its frame and rules found and its rules cleared, as <see cref="TesseractOcr"/> does.</summary>
    private static (InkImage Page, RuledLayout Ruled) Prepared(string fixture)
    {
        var (page, ruled) = RuledFixture.Find(fixture);
        RuledFrames.Remove(page, ruled.Rules);
        var spacing = RuledFixture.Pitch(ruled.Pages.SelectMany(p => p.Columns).ToList());
        RuleRemoval.Remove(page, spacing);
        SpeckRemoval.Remove(page, minArea: 12, maxHairline: Math.Max(2, page.Height / 1100));
        return (page, ruled);
    }
}
