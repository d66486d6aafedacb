using QyHeritage.Archive.Ocr;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Tests.Queries;

/// <summary>Hit boxes lie on the right characters of the page image (pages with a real tesseract sample, aligned as ingest aligns them).</summary>
[Collection(SampleIndexCollection.Name)]
public sealed class HitBoxTests(SampleIndex sample)
{
    private IEnumerable<SamplePage> Aligned => sample.Pages.Where(p => p.Aligned is not null);

    [Fact]
    public void Every_aligned_page_has_one_box_per_inked_character_in_order()
    {
        Assert.Equal(5, Aligned.Count());
        foreach (var p in Aligned)
        {
            var glyphs = p.Aligned!.Lines.SelectMany(l => l.Glyphs).ToList();
            Assert.Equal(p.Text.InkCount, glyphs.Count);
            var offsets = p.Text.InkOffsets();
            for (var k = 0; k < glyphs.Count; k++) Assert.StartsWith(glyphs[k].Text, p.Text.Text[offsets[k]..], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_boxes_of_each_hit_cover_its_characters_and_no_others()
    {
        var random = new Random(7);
        var checkedHits = 0;
        foreach (var p in Aligned)
        {
            var glyphs = p.Aligned!.Lines.SelectMany(l => l.Glyphs).ToList();
            var offsets = p.Text.InkOffsets();
            var runs = RecallOracleTests.HanRuns(p.Text.Text).Where(r => r.Count >= 3).ToList();
            for (var i = 0; i < 8; i++)
            {
                var run = runs[random.Next(runs.Count)];
                var len = Math.Min(run.Count, random.Next(2, 5));
                var query = string.Concat(run.Skip(random.Next(run.Count - len + 1)).Take(len));
                var hits = sample.Service.SearchWithinItem(p.Item.Id, query).Where(h => h.Page == p.Page.Order).SelectMany(h => h.Hits).ToList();
                Assert.NotEmpty(hits);
                foreach (var hit in hits)
                {
                    var inside = Enumerable.Range(0, glyphs.Count).Where(k => offsets[k] >= hit.Start && offsets[k] < hit.Start + hit.Length).ToList();
                    Assert.Equal(sample.Index.Folding.Fold(hit.Text), sample.Index.Folding.Fold(string.Concat(inside.Select(k => glyphs[k].Text))));
                    foreach (var k in inside) Assert.Contains(hit.Boxes, b => Contains(b, glyphs[k].Box));
                    // Each rectangle is exactly the union of some of the hit's own character boxes (never a neighbour's).
                    foreach (var r in hit.Boxes)
                    {
                        var members = inside.Where(k => Contains(r, glyphs[k].Box)).Select(k => glyphs[k].Box).ToList();
                        Assert.NotEmpty(members);
                        var union = new Box(members.Min(b => b.X), members.Min(b => b.Y), members.Max(b => b.X + b.W) - members.Min(b => b.X), members.Max(b => b.Y + b.H) - members.Min(b => b.Y));
                        Assert.Equal(union, r);
                    }
                    checkedHits++;
                }
            }
        }
        Assert.True(checkedHits >= 40, $"{checkedHits} hits checked");
    }

    [Fact]
    public void A_word_across_a_column_break_is_one_hit_with_a_box_in_each_column()
    {
        var p = sample.Pages.First(x => x.Item.Id == "QY-RB-003" && x.Page.Order == 1);
        Assert.NotNull(p.Aligned);
        var lines = p.Aligned!.Lines.Where(l => l.Glyphs.Count >= 2).ToList();
        var found = 0;
        for (var i = 0; i + 1 < lines.Count && found < 3; i++)
        {
            var tail = lines[i].Glyphs.TakeLast(2).Select(g => g.Text).ToList();
            var head = lines[i + 1].Glyphs.Take(2).Select(g => g.Text).ToList();
            var word = string.Concat(tail.Concat(head));
            if (!word.EnumerateRunes().All(r => System.Text.Rune.GetUnicodeCategory(r) == System.Globalization.UnicodeCategory.OtherLetter)) continue;
            if (!p.Text.Text.Contains(word, StringComparison.Ordinal)) continue; // a note between the columns
            var hit = sample.Service.SearchWithinItem(p.Item.Id, word).Single(h => h.Page == p.Page.Order).Hits.First(h => h.Text == word);
            Assert.True(hit.Boxes.Count >= 2, $"'{word}' should have a box in each column");
            found++;
        }
        Assert.True(found > 0, "no column break between two Han characters found on the page");
    }

    [Fact]
    public void Double_line_notes_are_searchable_like_the_main_text()
    {
        var withNote = sample.Pages.Where(p => p.Text.Text.Contains('〔')).ToList();
        Assert.NotEmpty(withNote);
        foreach (var p in withNote.Take(5))
        {
            var text = p.Text.Text;
            var open = text.IndexOf('〔');
            var close = text.IndexOf('〕', open);
            var note = text[(open + 1)..close];
            var run = RecallOracleTests.HanRuns(note).FirstOrDefault(r => r.Count >= 2);
            if (run is null) continue;
            var query = string.Concat(run.Take(4));
            var hits = sample.Service.SearchWithinItem(p.Item.Id, sample.Index.Folding.Fold(query));
            Assert.Contains(hits, h => h.Page == p.Page.Order && h.Hits.Any(x => x.Start > open && x.Start < close));
        }
    }

    private static bool Contains(Box outer, Box inner) =>
        inner.X >= outer.X && inner.Y >= outer.Y && inner.X + inner.W <= outer.X + outer.W && inner.Y + inner.H <= outer.Y + outer.H;
}
