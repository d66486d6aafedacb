using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Queries;

/// <summary>A completion of what the researcher has typed, with how many pages contain it.</summary>
public sealed record Suggestion(string Text, int Pages);

/// <summary>
/// Autocomplete from the index's own terms (what IIIF Content Search's autocomplete service answers): words and names,
/// not bigram debris (北至, 北一). Candidates are the SmartCn words (<see cref="SearchFields.Words"/>) that start with the
/// typed text, folded, ranked by how many pages have them as a whole word; and the typed text extended by one character
/// (the text field's bigrams: SmartCn's modern dictionary cuts the gazetteers' place names, 英德 → 英/德) only where the
/// catalogue names it (a title, place or creator holds it), ranked by its pages. One list, best first; each shown with
/// the number of pages a search for it finds. Completions are in the folded (simplified) form, which finds every spelling.
/// </summary>
public static class Suggestions
{
    /// <summary>Up to <paramref name="max"/> completions of <paramref name="typed"/> (one or more Han characters).</summary>
    public static IReadOnlyList<Suggestion> Suggest(SearchIndex index, string typed, int max = 10, string? itemId = null) =>
        Suggest(index, typed, max, itemId, prune: true);

    /// <summary>
    /// <paramref name="prune"/>: count only the completions listed; off, every candidate is counted first (the same list,
    /// slower: tests compare the two).
    /// </summary>
    internal static IReadOnlyList<Suggestion> Suggest(SearchIndex index, string typed, int max, string? itemId, bool prune)
    {
        var folded = index.Folding.Fold((typed ?? "").Trim());
        var runes = folded.EnumerateRunes().ToList();
        if (runes.Count == 0 || !Analysis.ContainsQueryBuilder.IsHan(folded) || max <= 0) return [];
        var searcher = index.Acquire();
        try
        {
            // Words, by how many pages have them as a whole word.
            var ranked = Terms(searcher, SearchFields.Words, folded)
                .Where(t => t.Term.Length > folded.Length && Analysis.ContainsQueryBuilder.IsHan(t.Term))
                .Select(t => (Text: t.Term, Whole: t.Freq))
                .ToList();
            // Names the words miss: the typed text extended by one character, where a title, place or creator holds it.
            var last = runes[^1].ToString();
            var names = Terms(searcher, SearchFields.Text, last)
                .Where(t => t.Term.EnumerateRunes().Count() == 2)
                .OrderByDescending(t => t.Freq)
                .Take(max * 4)
                .Select(t => folded + t.Term[last.Length..])
                .Where(text => !ranked.Any(r => r.Text == text) && IsCatalogueName(index, searcher, text))
                .Select(text => (Text: text, Whole: Count(searcher, ContainsQuery(index, text, null))));
            ranked.AddRange(names);
            var counted = new List<Suggestion>();
            foreach (var (text, _) in ranked.OrderByDescending(r => r.Whole).ThenBy(r => r.Text, StringComparer.Ordinal))
            {
                if (prune && counted.Count >= max) break;
                var pages = Count(searcher, ContainsQuery(index, text, itemId));
                if (pages > 0) counted.Add(new Suggestion(text, pages));
            }
            return counted.Take(max).ToList();
        }
        finally
        {
            index.Release(searcher);
        }
    }

    /// <summary>True when a title, place or creator of the catalogue holds <paramref name="text"/>: a name, not debris.</summary>
    private static bool IsCatalogueName(SearchIndex index, IndexSearcher searcher, string text)
    {
        var any = new BooleanQuery();
        foreach (var field in new[] { SearchFields.Title, SearchFields.Place, SearchFields.Creator })
            if (index.Contains.Build(field, text) is { } q) any.Add(q, Occur.SHOULD);
        return any.Clauses.Count > 0 && searcher.Search(any, 1).TotalHits > 0;
    }

    /// <summary>The query a search for <paramref name="text"/> runs (within one item if given).</summary>
    private static Query ContainsQuery(SearchIndex index, string text, string? itemId)
    {
        var query = QyQueryParser.TextContains(index.Contains, index.Analyzer, text) ?? new BooleanQuery();
        if (itemId is null) return query;
        return new FilteredQuery(query, new QueryWrapperFilter(new TermQuery(new Term(SearchFields.Item, itemId))));
    }

    private static int Count(IndexSearcher searcher, Query query)
    {
        var counter = new TotalHitCountCollector();
        searcher.Search(query, counter);
        return counter.TotalHits;
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
