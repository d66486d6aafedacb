using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Queries;

/// <summary>A completion of what the researcher has typed, with how many pages contain it.</summary>
public sealed record Suggestion(string Text, int Pages);

/// <summary>
/// Autocomplete from the index's own terms (what IIIF Content Search's autocomplete service answers): the SmartCn
/// words (<see cref="SearchFields.Words"/>) that start with the typed text, folded, and the typed text extended by
/// one character (the text field's bigrams), in one list, most pages first; each with the number of pages a search
/// for it finds. Completions are in the folded (simplified) form, which finds every spelling.
/// </summary>
public static class Suggestions
{
    /// <summary>Up to <paramref name="max"/> completions of <paramref name="typed"/> (one or more Han characters).</summary>
    public static IReadOnlyList<Suggestion> Suggest(SearchIndex index, string typed, int max = 10, string? itemId = null) =>
        Suggest(index, typed, max, itemId, prune: true);

    /// <summary>
    /// <paramref name="prune"/>: count the candidates most pages first by an upper bound and stop where no candidate
    /// left can reach the list; off, every candidate is counted (the same list, slower: tests compare the two).
    /// </summary>
    internal static IReadOnlyList<Suggestion> Suggest(SearchIndex index, string typed, int max, string? itemId, bool prune)
    {
        var folded = index.Folding.Fold((typed ?? "").Trim());
        var runes = folded.EnumerateRunes().ToList();
        if (runes.Count == 0 || !Analysis.ContainsQueryBuilder.IsHan(folded) || max <= 0) return [];
        var searcher = index.Acquire();
        try
        {
            // Words: the longer terms of the words field that start with the typed text, by document frequency.
            var candidates = Terms(searcher, SearchFields.Words, folded)
                .Where(t => t.Term.Length > folded.Length)
                .OrderByDescending(t => t.Freq).ThenBy(t => t.Term, StringComparer.Ordinal)
                .Take(max)
                .Select(t => t.Term)
                .ToList();
            // Bigrams that start with the last typed character, extending the typed text by one: they cover what
            // SmartCn's modern dictionary does not know as a word (英德, place names of the gazetteers).
            var last = runes[^1].ToString();
            var words = candidates.Count;
            var bigrams = Terms(searcher, SearchFields.Text, last)
                .Where(t => t.Term.EnumerateRunes().Count() == 2)
                .Select(t => (Text: folded + t.Term[last.Length..], t.Freq))
                .Where(t => !candidates.Contains(t.Text, StringComparer.Ordinal))
                .OrderByDescending(t => t.Freq)
                .Take(max * 2)
                .ToList();
            candidates.AddRange(bigrams.Select(b => b.Text));
            // One typed character: the bigram's document frequency is the page count.
            int? Known(int i) => i >= words && runes.Count == 1 && itemId is null ? bigrams[i - words].Freq : null;

            // Each candidate's page count is at most its bound; counted in order of bound, the list is final as soon as
            // the next bound is below the last listed count. One list, most pages first: a rare modern word (英国, one
            // page) must not push out what the collection is full of (英德, seven pages).
            var counted = new List<Suggestion>();
            var queue = candidates.Select((text, i) =>
            {
                var query = Known(i) is null ? ContainsQuery(index, text, itemId) : null;
                return (Text: text, Query: query, Bound: Known(i) ?? (query is null ? 0 : (prune ? Bound(searcher.IndexReader, query) : int.MaxValue)));
            }).Where(c => c.Bound > 0).OrderByDescending(c => c.Bound).ToList();
            foreach (var c in queue)
            {
                if (counted.Count >= max && c.Bound < ByPages(counted).ElementAt(max - 1).Pages) break;
                var pages = c.Query is null ? c.Bound : Count(searcher, c.Query);
                if (pages > 0) counted.Add(new Suggestion(c.Text, pages));
            }
            return ByPages(counted).Take(max).ToList();
        }
        finally
        {
            index.Release(searcher);
        }
    }

    private static IEnumerable<Suggestion> ByPages(IEnumerable<Suggestion> s) => s.OrderByDescending(r => r.Pages).ThenBy(r => r.Text, StringComparer.Ordinal);

    /// <summary>The query a search for <paramref name="text"/> runs (within one item if given).</summary>
    private static Query? ContainsQuery(SearchIndex index, string text, string? itemId)
    {
        var query = index.Contains.Build(SearchFields.Text, text);
        if (query is null || itemId is null) return query;
        return new FilteredQuery(query, new QueryWrapperFilter(new TermQuery(new Term(SearchFields.Item, itemId))));
    }

    private static int Count(IndexSearcher searcher, Query query)
    {
        var counter = new TotalHitCountCollector();
        searcher.Search(query, counter);
        return counter.TotalHits;
    }

    /// <summary>
    /// At least as many pages as <paramref name="query"/> matches: a phrase needs every one of its terms, so its
    /// rarest term's document frequency; at one position of a multi-phrase, any spelling (their sum). Anything else is unbounded.
    /// </summary>
    internal static int Bound(IndexReader reader, Query query) => query switch
    {
        FilteredQuery f => Bound(reader, f.Query),
        TermQuery t => reader.DocFreq(t.Term),
        PhraseQuery p => p.GetTerms().Min(reader.DocFreq),
        MultiPhraseQuery m => m.GetTermArrays().Min(terms => terms.Sum(t => (long)reader.DocFreq(t))) is var b && b < int.MaxValue ? (int)b : int.MaxValue,
        _ => int.MaxValue,
    };

    /// <summary>The terms of <paramref name="field"/> that start with <paramref name="prefix"/>, with their document frequencies.</summary>
    private static List<(string Term, int Freq)> Terms(IndexSearcher searcher, string field, string prefix)
    {
        var found = new List<(string, int)>();
        var terms = MultiFields.GetTerms(searcher.IndexReader, field);
        if (terms is null) return found;
        var e = terms.GetEnumerator();
        var start = new BytesRef(Encoding.UTF8.GetBytes(prefix));
        if (e.SeekCeil(start) == TermsEnum.SeekStatus.END) return found;
        do
        {
            if (!StringHelper.StartsWith(e.Term, start)) break;
            found.Add((e.Term.Utf8ToString(), e.DocFreq));
        }
        while (e.MoveNext());
        return found;
    }
}
