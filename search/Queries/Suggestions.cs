using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Queries;

/// <summary>A completion of what the researcher has typed, with how many pages contain it.</summary>
public sealed record Suggestion(string Text, int Pages);

/// <summary>
/// Autocomplete from the index's own bigrams (what IIIF Content Search's autocomplete service answers):
/// the typed text, folded, extended by one character, most frequent first. Completions are in the
/// folded (simplified) form, which finds every spelling.
/// </summary>
public static class Suggestions
{
    /// <summary>Up to <paramref name="max"/> completions of <paramref name="typed"/> (one or more Han characters).</summary>
    public static IReadOnlyList<Suggestion> Suggest(SearchIndex index, string typed, int max = 10, string? itemId = null)
    {
        var folded = index.Folding.Fold((typed ?? "").Trim());
        var runes = folded.EnumerateRunes().ToList();
        if (runes.Count == 0 || !Analysis.ContainsQueryBuilder.IsHan(folded) || max <= 0) return [];
        var last = runes[^1].ToString();
        var searcher = index.Acquire();
        try
        {
            // Bigrams that start with the last typed character, by document frequency (an upper bound of the pages).
            var candidates = new List<(string Next, int Freq)>();
            var terms = MultiFields.GetTerms(searcher.IndexReader, SearchFields.Text);
            if (terms is null) return [];
            var e = terms.GetEnumerator();
            var prefix = new BytesRef(Encoding.UTF8.GetBytes(last));
            if (e.SeekCeil(prefix) == TermsEnum.SeekStatus.END) return [];
            do
            {
                var term = e.Term;
                if (!StringHelper.StartsWith(term, prefix)) break;
                var s = term.Utf8ToString();
                if (s.EnumerateRunes().Count() == 2) candidates.Add((s[last.Length..], e.DocFreq));
            }
            while (e.MoveNext());

            var results = new List<Suggestion>();
            foreach (var (next, freq) in candidates.OrderByDescending(c => c.Freq).Take(max * 3))
            {
                var text = folded + next;
                int pages;
                if (runes.Count == 1 && itemId is null)
                {
                    pages = freq;
                }
                else
                {
                    // Longer text: count the pages that really contain it.
                    var query = index.Contains.Build(SearchFields.Text, text);
                    if (query is null) continue;
                    if (itemId is not null) query = new FilteredQuery(query, new QueryWrapperFilter(new TermQuery(new Term(SearchFields.Item, itemId))));
                    var counter = new TotalHitCountCollector();
                    searcher.Search(query, counter);
                    pages = counter.TotalHits;
                }
                if (pages > 0) results.Add(new Suggestion(text, pages));
            }
            return results.OrderByDescending(r => r.Pages).ThenBy(r => r.Text, StringComparer.Ordinal).Take(max).ToList();
        }
        finally
        {
            index.Release(searcher);
        }
    }
}
