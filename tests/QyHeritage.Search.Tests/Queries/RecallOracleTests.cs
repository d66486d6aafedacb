using System.Globalization;
using System.Text;
using QyHeritage.Search.Folding;
using Xunit.Abstractions;

namespace QyHeritage.Search.Tests.Queries;

/// <summary>
/// The recall oracle: substrings sampled from the sample transcriptions, typed in simplified form, find
/// exactly the pages whose folded text contains them.
/// </summary>
[Collection(SampleIndexCollection.Name)]
public sealed class RecallOracleTests(SampleIndex sample, ITestOutputHelper output)
{
    private const int Samples = 400;

    [Fact]
    public void Every_sampled_substring_finds_every_page_that_contains_it_and_nothing_else()
    {
        var folding = sample.Index.Folding;
        var folded = sample.Pages.Select(p => (Key: (p.Item.Id, p.Page.Order), Text: folding.Fold(p.Text.Text))).ToList();
        var random = new Random(20261125);
        var queries = new HashSet<string>();
        while (queries.Count < Samples)
        {
            var page = sample.Pages[random.Next(sample.Pages.Count)];
            var runs = HanRuns(page.Text.Text).Where(r => r.Count >= 2).ToList();
            if (runs.Count == 0) continue;
            var run = runs[random.Next(runs.Count)];
            var length = Math.Min(run.Count, random.Next(2, 7));
            var start = random.Next(run.Count - length + 1);
            // Typed in simplified characters: the table's traditional→simplified and variant folding.
            queries.Add(folding.Fold(string.Concat(run.Skip(start).Take(length))));
        }

        int expectedTotal = 0, foundTotal = 0, missed = 0, extra = 0;
        foreach (var q in queries)
        {
            var pattern = Pattern(folding, q);
            var expected = folded.Where(p => pattern.IsMatch(p.Text)).Select(p => p.Key).Union(AcrossABreak(pattern)).ToHashSet();
            var found = sample.PagesFound(q);
            expectedTotal += expected.Count;
            foundTotal += found.Count(expected.Contains);
            missed += expected.Except(found).Count();
            extra += found.Except(expected).Count();
            Assert.True(expected.SetEquals(found), $"'{q}': expected {string.Join(",", expected)}; found {string.Join(",", found)}");
        }
        output.WriteLine($"{queries.Count} queries, {expectedTotal} relevant pages, {foundTotal} found, {missed} missed, {extra} extra: recall {(double)foundTotal / expectedTotal:0.000}");
        Assert.Equal(0, missed + extra);
    }

    /// <summary>The pages where the string starts and runs on onto the item's next page (the text flows from leaf to leaf).</summary>
    private IEnumerable<(string, int)> AcrossABreak(System.Text.RegularExpressions.Regex pattern)
    {
        var folding = sample.Index.Folding;
        foreach (var item in sample.Pages.GroupBy(p => p.Item.Id))
        {
            var pages = item.OrderBy(p => p.Page.Order).ToList();
            for (var i = 0; i + 1 < pages.Count; i++)
            {
                if (QyHeritage.Search.Analysis.PageJoin.Of(pages[i].Text.Text, pages[i + 1].Text.Text, pages[i + 1].Page.Order) is not { } join) continue;
                var window = folding.Fold(join.Window);
                var split = folding.Fold(join.Window[..join.Split]).Length;
                for (var m = pattern.Match(window); m.Success; m = pattern.Match(window, m.Index + 1))
                {
                    if (m.Index < split && m.Index + m.Length > split) { yield return (item.Key, pages[i].Page.Order); break; }
                }
            }
        }
    }

    /// <summary>Runs of Han characters (the text a researcher would type), as text elements.</summary>
    internal static IEnumerable<List<string>> HanRuns(string text)
    {
        var run = new List<string>();
        foreach (var r in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(r) == UnicodeCategory.OtherLetter) run.Add(r.ToString());
            else if (run.Count > 0) { yield return run; run = []; }
        }
        if (run.Count > 0) yield return run;
    }

    /// <summary>
    /// The folded query with each kept character's alternatives (干 also 乾), as the search means it: printed unbroken
    /// or, for two characters or more, across one layout gap (blanks and note brackets, at most three) anywhere inside.
    /// </summary>
    internal static System.Text.RegularExpressions.Regex Pattern(FoldingTable folding, string foldedQuery)
    {
        var chars = foldedQuery.EnumerateRunes().Select(r =>
            "(?:" + string.Join("|", new[] { r.ToString() }.Concat(folding.AlternativesOf(r)).Select(System.Text.RegularExpressions.Regex.Escape)) + ")").ToList();
        var forms = new List<string> { string.Concat(chars) };
        for (var split = 1; split < chars.Count; split++)
            forms.Add(string.Concat(chars.Take(split)) + "[ \u3000〔〕]{1,3}" + string.Concat(chars.Skip(split)));
        return new System.Text.RegularExpressions.Regex(string.Join("|", forms), System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }
}
