using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Ocr;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Queries;

/// <summary>
/// Runs searches over the <see cref="SearchIndex"/>: page and item hits, facet counts, sorting, paging,
/// snippets marked in the page's own script, and hit boxes on the page images. Thread-safe.
/// </summary>
public sealed class SearchService(SearchIndex index)
{
    /// <summary>Longest query accepted, in characters.</summary>
    public const int MaxQueryLength = 500;

    /// <summary>Largest result page the API serves.</summary>
    public const int MaxPageSize = 100;

    private const int SnippetBefore = 30;
    private const int SnippetLength = 100;

    public SearchIndex Index { get; } = index;

    /// <summary>How many parts of the index one search runs on at once (one per core: a lone query uses them all).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Smaller indexes are searched on one thread: starting tasks would cost more than it saves.</summary>
    public int ParallelFrom { get; init; } = 50_000;

    /// <summary>
    /// How many of the best matches (or items) get the SmartCn words' score (<see cref="WordRescorer"/>); 0: the words
    /// rank nothing and relevance is the bigram score alone (the words field then serves autocomplete only).
    /// </summary>
    public int WordWindow { get; init; } = DefaultWordWindow;

    /// <summary>The <see cref="WordWindow"/> unless configured otherwise.</summary>
    public const int DefaultWordWindow = WordRescorer.Window;

    /// <summary>Runs a search; a bad query or filter throws <see cref="SearchQueryException"/>.</summary>
    public SearchResponse Search(SearchRequest request) => Run(request, MaxPageSize);

    /// <summary>
    /// Every page of one item that matches <paramref name="query"/>, in page order, each with its hits and
    /// their boxes: what IIIF Content Search within a manifest answers.
    /// </summary>
    public IReadOnlyList<PageHit> SearchWithinItem(string itemId, string query)
    {
        var response = Run(new SearchRequest { Query = query, ItemId = itemId, PageSize = int.MaxValue }, int.MaxValue);
        return response.PageHits.OrderBy(h => h.Page).ToList();
    }

    /// <summary>The Lucene query a request runs (the query text with its filters), for tests and diagnostics.</summary>
    public Query BuildQuery(SearchRequest request) => BuildQuery(request, []);

    /// <param name="notes">Receives how the query was read where that differs from what was typed (<see cref="QyQueryParser.Notes"/>).</param>
    private Query BuildQuery(SearchRequest request, List<string> notes)
    {
        var text = (request.Query ?? "").Trim();
        if (text.Length > MaxQueryLength) throw new SearchQueryException($"查询过长 The query is longer than {MaxQueryLength} characters.");
        Query main = new MatchAllDocsQuery();
        if (text.Length > 0)
        {
            var parser = new QyQueryParser(Index.Contains, Index.Analyzer, request.Sort == SearchSort.Relevance && WordWindow > 0 ? Index.WordAnalyzer : null) { ExactForms = request.ExactForms };
            main = parser.ParseQuery(text);
            notes.AddRange(parser.Notes);
        }

        var years = new List<YearOverlapFilter>();
        main = WithoutYearClauses(main, years);
        var filter = new BooleanQuery();
        foreach (var (field, values) in request.Filters)
        {
            if (!SearchFields.Facets.Contains(field)) throw new SearchQueryException($"未知筛选项 Unknown filter '{field}'. 可用 Known: {string.Join(", ", SearchFields.Facets)}.");
            if (values.Count == 0) continue;
            var any = new BooleanQuery();
            foreach (var v in values) any.Add(new TermQuery(new Term(field, v)), Occur.SHOULD);
            filter.Add(any, Occur.MUST);
        }
        if (request.YearFrom is not null || request.YearTo is not null) years.Add(new YearOverlapFilter(request.YearFrom ?? int.MinValue, request.YearTo ?? int.MaxValue));
        if (request.ItemId is { } item) filter.Add(new TermQuery(new Term(SearchFields.Item, item)), Occur.MUST);
        // Filters narrow the result without changing scores.
        var query = filter.Clauses.Count == 0 ? main : new FilteredQuery(main, new QueryWrapperFilter(filter));
        // A year range is looked up only for the documents the rest matches (random access), not stepped through document by document.
        foreach (var y in years) query = new FilteredQuery(query, y, FilteredQuery.QUERY_FIRST_FILTER_STRATEGY);
        return query;
    }

    /// <summary>
    /// Takes the year ranges ANDed at the top of a query (清远 year:1700-1800) out of it, into <paramref name="years"/>,
    /// where that keeps its meaning: something else is still required.
    /// </summary>
    private static Query WithoutYearClauses(Query main, List<YearOverlapFilter> years)
    {
        if (main is not BooleanQuery b) return main;
        static bool IsYear(BooleanClause c) => c.Occur == Occur.MUST && c.Query is ConstantScoreQuery { Filter: YearOverlapFilter };
        var rest = b.Clauses.Where(c => !IsYear(c)).ToList();
        if (rest.Count == b.Clauses.Count || !rest.Any(c => c.Occur == Occur.MUST)) return main;
        years.AddRange(b.Clauses.Where(IsYear).Select(c => (YearOverlapFilter)((ConstantScoreQuery)c.Query).Filter));
        if (rest.Count == 1) return rest[0].Query;
        var without = new BooleanQuery(b.CoordDisabled) { MinimumNumberShouldMatch = b.MinimumNumberShouldMatch };
        foreach (var c in rest) without.Add(c);
        return without;
    }

    private SearchResponse Run(SearchRequest request, int maxPageSize)
    {
        var clock = Stopwatch.StartNew();
        var notes = new List<string>();
        var query = BuildQuery(request, notes);
        var pageSize = Math.Clamp(request.PageSize, 1, maxPageSize);
        var page = Math.Max(1, request.Page);
        var unfiltered = query;
        while (unfiltered is FilteredQuery { Filter: not ExactFormFilter } f) unfiltered = f.Query;
        var locator = new Locators(HitLocator.For(unfiltered, SearchFields.Text, SearchFields.Trigrams, SearchFields.TextGaps), HitLocator.For(unfiltered, SearchFields.NextWindow));
        // The words clauses are scored for the best matches only, after the search (WordRescorer).
        var words = new List<Query>();
        query = WordRescorer.WithoutWords(query, words);

        var searcher = Index.Acquire();
        try
        {
            var skip = (int)Math.Min((long)(page - 1) * pageSize, int.MaxValue);
            // Only the matches (or items) up to the shown page are kept.
            var keep = (int)Math.Min((long)skip + pageSize, int.MaxValue);
            // The rescoring window is cut from the best matches by bigram score, whatever page is shown.
            if (words.Count > 0) keep = Math.Max(keep, WordWindow);
            var byItem = request.View == SearchView.Items;
            var collector = MatchCollector.Search(searcher, query, request.Sort, keep, byItem, searcher.IndexReader.MaxDoc >= ParallelFrom ? Parallelism : 1);
            var response = new SearchResponse
            {
                Query = request.Query ?? "",
                Notes = notes,
                TotalPages = collector.TotalPages,
                TotalItems = collector.TotalItems,
                Page = page,
                PageSize = pageSize,
                View = request.View,
                Sort = request.Sort,
                Facets = Facets(collector),
            };
            var matches = collector.Kept;
            if (request.View == SearchView.Pages)
            {
                if (keep > MatchCollector.MaxHeap) matches.Sort(collector.Compare);
                WordRescorer.Rescore(searcher, query, words, matches, collector.Compare, WordWindow);
                var shown = matches.Skip(skip).Take(pageSize).Select(m => PageHitOf(searcher, m, locator)).ToList();
                response = response with { PageHits = shown };
            }
            else
            {
                // Items in the order of their best match, so item order follows the page sort.
                var items = collector.KeptItems;
                WordRescorer.Rescore(searcher, query, words, items, collector.Compare, WordWindow);
                var shown = items.Skip(skip).Take(pageSize).Select(i =>
                {
                    var best = PageHitOf(searcher, i.Best, locator);
                    return new ItemHit
                    {
                        ItemId = best.ItemId, Title = best.Title, TitleEn = best.TitleEn, Creator = best.Creator, Collection = best.Collection,
                        Year = best.Year, DateAsWritten = best.DateAsWritten, Score = i.Best.Score,
                        MatchingPages = i.Pages.Count, Pages = i.Pages.Order().Take(50).ToList(), Snippet = best.Snippet,
                    };
                }).ToList();
                response = response with { ItemHits = shown };
            }
            return response with { TookMs = clock.Elapsed.TotalMilliseconds };
        }
        finally
        {
            Index.Release(searcher);
        }
    }

    /// <summary>Where a query matched on a page's own text, and across the break onto the next page.</summary>
    private sealed record Locators(HitLocator Page, HitLocator Break);

    private PageHit PageHitOf(IndexSearcher searcher, Match m, Locators locator)
    {
        var doc = searcher.Doc(m.Doc);
        var text = doc.Get(SearchFields.Text) ?? "";
        var spans = locator.Page.Locate(Index.Analyzer, SearchFields.Text, text, Index.Folding).ToList();
        var (crossing, continues) = AcrossTheBreak(searcher, doc, locator.Break);
        if (crossing is { } tail) spans = [.. spans.Where(s => s.End <= tail.Start), tail];
        var hits = HitsOf(text, Boxes(doc), spans);
        return new PageHit
        {
            ItemId = doc.Get(SearchFields.Item) ?? "",
            Page = m.Page,
            Label = doc.Get(SearchFields.Label) ?? "",
            Width = doc.GetField(SearchFields.Width)?.GetInt32Value(),
            Height = doc.GetField(SearchFields.Height)?.GetInt32Value(),
            Title = doc.Get(SearchFields.Title) ?? "",
            TitleEn = doc.Get(SearchFields.TitleEn) ?? "",
            Creator = doc.Get(SearchFields.Creator) ?? "",
            Collection = doc.Get(SearchFields.Collection) ?? "",
            Script = doc.Get(SearchFields.Script) ?? "",
            Year = m.YearSort == int.MaxValue ? null : (int)m.YearSort,
            DateAsWritten = doc.Get(SearchFields.DateAsWritten) ?? "",
            Score = m.Score,
            Snippet = SnippetOf(text, spans),
            Hits = hits,
            ContinuesOn = continues,
        };
    }

    private static IReadOnlyList<CharBox> Boxes(Lucene.Net.Documents.Document doc)
    {
        var boxBytes = doc.GetBinaryValue(SearchFields.Boxes);
        return boxBytes is null ? [] : PageBoxes.Unpack(boxBytes.Bytes.AsSpan(boxBytes.Offset, boxBytes.Length));
    }

    private static List<TextHit> HitsOf(string text, IReadOnlyList<CharBox> boxes, IEnumerable<TextSpan> spans) =>
        spans.Select(s => new TextHit(s.Start, s.Length, text.Substring(s.Start, s.Length),
            boxes.Count == 0 ? [] : PageBoxes.Rectangles(boxes, PageBoxes.InSpan(boxes, s.Start, s.End)),
            Context(text, s.Start - ContextLength, s.Start), Context(text, s.End, s.End + ContextLength))).ToList();

    /// <summary>
    /// A match that runs from the end of this page onto the next (<see cref="Analysis.PageJoin"/>): its part on this page,
    /// and the next page with its part there (boxes from that page's own document).
    /// </summary>
    private (TextSpan? Tail, PageContinuation? Next) AcrossTheBreak(IndexSearcher searcher, Lucene.Net.Documents.Document doc, HitLocator locator)
    {
        if (locator.IsEmpty || doc.Get(SearchFields.NextWindow) is not { } window || doc.GetField(SearchFields.NextSplit)?.GetInt32Value() is not int split) return (null, null);
        var crossing = PageBreakFilter.Crossing(locator, Index.Analyzer, Index.Folding, window, split).FirstOrDefault();
        if (crossing.End == 0) return (null, null);
        var tailAt = doc.GetField(SearchFields.NextTailAt)?.GetInt32Value() ?? 0;
        var headAt = doc.GetField(SearchFields.NextHeadAt)?.GetInt32Value() ?? 0;
        var nextPage = doc.GetField(SearchFields.NextPage)?.GetInt32Value() ?? 0;
        var tail = new TextSpan(tailAt + crossing.Start, tailAt + split);
        var item = doc.Get(SearchFields.Item) ?? "";
        var top = searcher.Search(new TermQuery(new Term(SearchFields.Key, PageDocuments.KeyOf(item, nextPage))), 1);
        if (top.ScoreDocs.Length == 0) return (tail, null);
        var next = searcher.Doc(top.ScoreDocs[0].Doc);
        var nextText = next.Get(SearchFields.Text) ?? "";
        var head = new TextSpan(headAt, Math.Min(nextText.Length, headAt + crossing.End - split));
        return (tail, new PageContinuation(nextPage, next.Get(SearchFields.Label) ?? "", HitsOf(nextText, Boxes(next), [head])));
    }

    /// <summary>About <see cref="SnippetLength"/> characters from a little before the first hit, every hit inside as a range.</summary>
    internal static Snippet SnippetOf(string text, IReadOnlyList<TextSpan> spans)
    {
        var start = spans.Count == 0 ? 0 : Math.Max(0, spans[0].Start - SnippetBefore);
        var end = Math.Min(text.Length, start + SnippetLength);
        if (start > 0 && char.IsLowSurrogate(text[start])) start--;
        if (end < text.Length && char.IsLowSurrogate(text[end])) end++;
        var lead = start > 0 ? "…" : "";
        var highlights = new List<Highlight>();
        foreach (var s in spans)
        {
            if (s.End <= start || s.Start >= end) continue;
            var from = Math.Max(s.Start, start);
            var to = Math.Min(s.End, end);
            // Spans come in text order; one that overlaps the last range only extends it.
            if (highlights.Count > 0 && highlights[^1] is var last && lead.Length + from - start < last.Start + last.Length)
            {
                highlights[^1] = last with { Length = Math.Max(last.Length, lead.Length + to - start - last.Start) };
                continue;
            }
            highlights.Add(new Highlight(lead.Length + from - start, to - from));
        }
        var body = text[start..end].Replace('\n', ' ');
        return new Snippet(lead + body + (end < text.Length ? "…" : ""), highlights);
    }

    private const int ContextLength = 10;

    private static string Context(string text, int start, int end)
    {
        start = Math.Max(0, start);
        end = Math.Min(text.Length, end);
        if (start > 0 && start < text.Length && char.IsLowSurrogate(text[start])) start++;
        if (end < text.Length && end > 0 && char.IsLowSurrogate(text[end])) end--;
        return start < end ? text[start..end].Replace('\n', ' ') : "";
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets(MatchCollector collector)
    {
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (var (field, counts) in collector.Facets)
        {
            var values = counts.Select(kv => new FacetValue(kv.Key, FacetLabels.Of(field, kv.Key), kv.Value.Pages, kv.Value.Items)
            {
                Zh = FacetLabels.Zh(field, kv.Key), En = FacetLabels.En(field, kv.Key),
            });
            result[SearchFields.ApiName(field)] = (field == SearchFields.Decade
                ? values.OrderBy(v => int.Parse(v.Value, System.Globalization.CultureInfo.InvariantCulture))
                : values.OrderByDescending(v => v.Pages).ThenBy(v => v.Value, StringComparer.Ordinal)).ToList();
        }
        return result;
    }
}

/// <summary>Bilingual labels of facet values (简体中文 first).</summary>
public static class FacetLabels
{
    public static string Of(string field, string value) => field switch
    {
        SearchFields.Collection => Collections.TryParse(value, out var k) ? $"{k.NameZh()} {k.NameEn()}" : value,
        // The value keeps its zero padding (it sorts as text); the label reads as a year: 970年代, 前110年代 (110s BCE).
        SearchFields.Decade => int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var decade)
            ? decade < 0 ? $"前{-decade}年代 {-decade}s BCE" : $"{decade}年代 {decade}s"
            : value,
        SearchFields.Dynasty => QyHeritage.Archive.Dates.ReignTable.Dynasties.FirstOrDefault(d => d.Simplified == value) is { } d
            ? $"{value}（{Year(d.FirstYear)}–{Year(d.LastYear)}）{(En(field, value) is { Length: > 0 } en ? " " + en : "")}" : value,
        SearchFields.Script => value == "simplified" ? "简体 Simplified" : "繁体 Traditional",
        SearchFields.ItemType => value == PageDocuments.TypeTextOnly ? "仅文本 Text only" : "有页面图像 With page images",
        SearchFields.Reading => value == PageDocuments.NeedsTranscription ? "待转录（识读信度低） Needs transcription (weak OCR)" : value,
        _ => value,
    };

    /// <summary>The value's name in Chinese: the collection's or script's name, else the value itself (dynasty, place, decade).</summary>
    public static string Zh(string field, string value) => field switch
    {
        SearchFields.Collection => Collections.TryParse(value, out var k) ? k.NameZh() : value,
        SearchFields.Decade or SearchFields.Script or SearchFields.ItemType or SearchFields.Reading => Of(field, value).Split(' ')[0],
        _ => value,
    };

    /// <summary>The value's name in English where there is one (collections, dynasties, decades, scripts, types); empty for places.</summary>
    public static string En(string field, string value) => field switch
    {
        SearchFields.Collection => Collections.TryParse(value, out var k) ? k.NameEn() : "",
        SearchFields.Dynasty => DynastiesEn.GetValueOrDefault(value, ""),
        SearchFields.Decade or SearchFields.Script or SearchFields.ItemType or SearchFields.Reading => Of(field, value) is var label && label.IndexOf(' ', StringComparison.Ordinal) is var at and > 0 ? label[(at + 1)..] : "",
        _ => "",
    };

    /// <summary>The dynasties and regimes of the reign table (simplified names) in English.</summary>
    private static readonly Dictionary<string, string> DynastiesEn = new(StringComparer.Ordinal)
    {
        ["西汉"] = "Western Han", ["北魏"] = "Northern Wei", ["隋"] = "Sui", ["唐"] = "Tang", ["武周"] = "Wu Zhou",
        ["后梁"] = "Later Liang", ["后唐"] = "Later Tang", ["后晋"] = "Later Jin", ["后汉"] = "Later Han", ["后周"] = "Later Zhou",
        ["北宋"] = "Northern Song", ["南宋"] = "Southern Song", ["辽"] = "Liao", ["金"] = "Jin", ["元"] = "Yuan", ["明"] = "Ming",
        ["南明"] = "Southern Ming", ["后金"] = "Later Jin (Manchu)", ["清"] = "Qing", ["中华帝国"] = "Empire of China (Hongxian)",
        ["中华民国"] = "Republic of China",
    };

    private static string Year(int y) => y < 0 ? $"前{-y}" : y.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
