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
    public static IReadOnlyList<Suggestion> Suggest(SearchIndex index, string typed, int max = 10, string? itemId = null)
    {
        var folded = index.Folding.Fold((typed ?? "").Trim());
        var runes = folded.EnumerateRunes().ToList();
        if (runes.Count == 0 || !Analysis.ContainsQueryBuilder.IsHan(folded) || max <= 0) return [];
        var searcher = index.Acquire();
        try
        {
            var candidates = new List<Suggestion>();
            // Words: the longer terms of the words field that start with the typed text, by document frequency.
            var words = Terms(searcher, SearchFields.Words, folded)
                .Where(t => t.Term.Length > folded.Length)
                .OrderByDescending(t => t.Freq).ThenBy(t => t.Term, StringComparer.Ordinal)
                .Take(max);
            foreach (var (word, _) in words) Add(index, searcher, candidates, word, itemId, exactFreq: null);
            // Bigrams that start with the last typed character, extending the typed text by one: they cover what
            // SmartCn's modern dictionary does not know as a word (英德, place names of the gazetteers).
            var last = runes[^1].ToString();
            var bigrams = Terms(searcher, SearchFields.Text, last)
                .Where(t => t.Term.EnumerateRunes().Count() == 2)
                .Select(t => (Text: folded + t.Term[last.Length..], t.Freq))
                .Where(t => candidates.All(r => r.Text != t.Text))
                .OrderByDescending(t => t.Freq)
                .Take(max * 2);
            // One typed character: the bigram's document frequency is the page count.
            foreach (var (text, freq) in bigrams) Add(index, searcher, candidates, text, itemId, runes.Count == 1 ? freq : null);
            // One list, most pages first: a rare modern word (英国, one page) must not push out what the collection
            // is full of (英德, seven pages).
            var results = ByPages(candidates).Take(max).ToList();
            return results;
        }
        finally
        {
            index.Release(searcher);
        }
    }

    private static IEnumerable<Suggestion> ByPages(IEnumerable<Suggestion> s) => s.OrderByDescending(r => r.Pages).ThenBy(r => r.Text, StringComparer.Ordinal);

    /// <summary>Adds <paramref name="text"/> with its page count (counted with the query a search runs, unless known) when some page has it.</summary>
    private static void Add(SearchIndex index, IndexSearcher searcher, List<Suggestion> results, string text, string? itemId, int? exactFreq)
    {
        int pages;
        if (exactFreq is int f && itemId is null)
        {
            pages = f;
        }
        else
        {
            var query = index.Contains.Build(SearchFields.Text, text);
            if (query is null) return;
            if (itemId is not null) query = new FilteredQuery(query, new QueryWrapperFilter(new TermQuery(new Term(SearchFields.Item, itemId))));
            var counter = new TotalHitCountCollector();
            searcher.Search(query, counter);
            pages = counter.TotalHits;
        }
        if (pages > 0) results.Add(new Suggestion(text, pages));
    }

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
