using System.Globalization;
using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using QyHeritage.Search.Analysis;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Search.Queries;

/// <summary>
/// The researcher's query language, on Lucene's classic syntax: a plain string means "the page text
/// contains this string" (清远); "quoted phrases" likewise, spaces included; AND, OR, NOT (also + and -),
/// parentheses; field prefixes title: creator: place: text: (also 题名: 作者: 地点: 全文:); years as
/// year:1731, year:1700-1800 or year:[1700 TO 1800] (an item matches when its date range overlaps);
/// collection:, script:, type: take exact facet values. Terms are joined by AND unless told otherwise.
/// </summary>
public sealed partial class QyQueryParser : QueryParser
{
    /// <summary>The parser's default field: a string typed without a prefix searches the text, and an era name also the dates.</summary>
    private const string AnyField = "\u0001any";

    /// <summary>exact: the page text carries the string as written, unfolded (<see cref="ExactFormFilter"/>).</summary>
    private const string Exact = "\u0001exact";

    /// <summary>When true (the search page's checkbox), every string typed without a prefix is read as exact:.</summary>
    public bool ExactForms { get; init; }

    private static readonly Dictionary<string, string> FieldAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        [AnyField] = SearchFields.Text,
        ["text"] = SearchFields.Text, ["全文"] = SearchFields.Text,
        ["title"] = SearchFields.Title, ["题名"] = SearchFields.Title, ["題名"] = SearchFields.Title,
        ["creator"] = SearchFields.Creator, ["author"] = SearchFields.Creator, ["作者"] = SearchFields.Creator,
        ["place"] = SearchFields.Place, ["地点"] = SearchFields.Place, ["地點"] = SearchFields.Place,
        ["year"] = "year", ["年"] = "year", ["年份"] = "year",
        ["collection"] = SearchFields.Collection, ["script"] = SearchFields.Script, ["type"] = SearchFields.ItemType,
        ["exact"] = Exact, ["原形"] = Exact, ["原字"] = Exact,
        ["decade"] = SearchFields.Decade, ["item"] = SearchFields.Item, ["id"] = SearchFields.Item,
    };

    private readonly ContainsQueryBuilder _contains;
    private readonly ChineseSearchAnalyzer _analyzer;
    private readonly WordAnalyzer? _words;

    /// <param name="words">When given (relevance ranking), each page-text string also scores on its SmartCn words.</param>
    public QyQueryParser(ContainsQueryBuilder contains, ChineseSearchAnalyzer analyzer, WordAnalyzer? words = null)
        : base(ChineseSearchAnalyzer.Version, AnyField, analyzer)
    {
        _contains = contains;
        _analyzer = analyzer;
        _words = words;
        DefaultOperator = Operator.AND;
        AllowLeadingWildcard = false;
    }

    /// <summary>
    /// What the last <see cref="ParseQuery"/> read differently from what was typed (a repaired syntax, a wildcard dropped),
    /// bilingual, for the page to show; empty when the query was read as typed.
    /// </summary>
    public IReadOnlyList<string> Notes => _notes;

    private readonly List<string> _notes = [];

    /// <summary>Why the last attempt could not take a field prefix (an unknown field), for the note of the repaired query.</summary>
    private string? _why;

    /// <summary>
    /// Parses a query. Ordinary typing never fails on syntax: what the classic syntax cannot read is repaired to the
    /// nearest query it can (<see cref="QueryRepair"/>) and a note says how it was read. Only a query with nothing to
    /// search for, a year that is not one or a range on a field other than year: throws <see cref="SearchQueryException"/>.
    /// </summary>
    public Query ParseQuery(string query)
    {
        if (TryParse(query, out var parsed)) return parsed;
        var why = _why;
        var balanced = QueryRepair.Balance(query);
        if (balanced.Length > 0 && balanced != query && TryParse(balanced, out parsed))
        {
            _notes.Insert(0, $"查询语法不完整，已按「{balanced}」检索 The query's syntax was incomplete; searched for: {balanced}");
            return parsed;
        }
        var plain = QueryRepair.PlainText(query);
        if (plain.Length > 0 && TryParse(plain, out parsed))
        {
            _notes.Insert(0, $"已按文字「{plain}」检索（各词都须出现） Read as plain words, all required: {plain}");
            if (why is not null) _notes.Insert(1, why);
            return parsed;
        }
        throw new SearchQueryException($"查询中没有可检索的字符 The query has nothing to search for: '{query}'.");
    }

    /// <summary>One attempt: false when the syntax cannot be read; a query with nothing to search for throws.</summary>
    private bool TryParse(string text, out Query parsed)
    {
        _notes.Clear();
        _why = null;
        parsed = null!;
        try
        {
            var q = Parse(text);
            if (q is null || q is BooleanQuery { Clauses.Count: 0 })
                throw new SearchQueryException($"查询中没有可检索的字符 The query has nothing to search for: '{text}'.");
            // Only exclusions ("NOT 英德", "-英德"): everything except those, not nothing (Lucene's reading).
            if (q is BooleanQuery b && b.Clauses.All(c => c.Occur == Occur.MUST_NOT)) b.Add(new MatchAllDocsQuery(), Occur.MUST);
            parsed = q;
            return true;
        }
        catch (ParseException e) when (e.InnerException is not BooleanQuery.TooManyClausesException)
        {
            return false;
        }
        catch (Exception e) when (e is BooleanQuery.TooManyClausesException || e.InnerException is BooleanQuery.TooManyClausesException)
        {
            throw new SearchQueryException("查询过于复杂 The query has too many parts.", e);
        }
    }

    protected override Query GetFieldQuery(string field, string queryText, bool quoted)
    {
        var target = Resolve(field);
        switch (target)
        {
            case Exact:
            case SearchFields.Text when field == AnyField && ExactForms:
                return _contains.Build(SearchFields.Text, queryText) is { } folded ? ExactFormFilter.Over(folded, queryText.Trim()) : null!;
            case SearchFields.Text when field == AnyField && ReignYears.OfEra(queryText) is { Count: > 0 } reigns:
                return WithReigns(WithWords(TextContains(queryText), queryText)!, queryText, reigns);
            case SearchFields.Text:
                return WithWords(TextContains(queryText), queryText)!;
            case SearchFields.Title or SearchFields.Creator or SearchFields.Place:
                return _contains.Build(target, queryText)!;
            case "year":
                return YearQuery(queryText);
            default:
                return new TermQuery(new Term(target, queryText));
        }
    }

    /// <summary>
    /// "Contains the string" (required: it alone decides which pages match) plus, optionally, the string's SmartCn
    /// words: a page where the string is a whole word (or words) scores higher than one where it spans word boundaries.
    /// </summary>
    private Query? WithWords(Query? contains, string queryText)
    {
        if (contains is null || _words is null) return contains;
        // Single characters are left out: SmartCn falls back to them for what its dictionary lacks (英德 is 英 / 德),
        // and a lone character as a "word" says nothing about whole-word matches.
        var words = _words.Words(queryText).Where(w => w.EnumerateRunes().Count() > 1 && ContainsQueryBuilder.IsHan(w)).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0) return contains;
        // Coordination off: pages without the words keep their order among themselves; the words only add.
        var scored = new BooleanQuery(disableCoord: true) { { contains, Occur.MUST } };
        foreach (var w in words) scored.Add(new TermQuery(new Term(SearchFields.Words, w)), Occur.SHOULD);
        return scored;
    }

    /// <summary>Weight of a match across a layout gap: enough to be found, too little to rank above a page printed unbroken.</summary>
    private const float GapBoost = 1e-4f;

    /// <summary>
    /// The page text contains the string, printed unbroken, or, for a Han string of two characters or more, across one
    /// layout gap (「蘇 軾」, a note bracket: <see cref="LayoutGaps"/>) or across the break onto the next page
    /// (<see cref="PageJoin"/>); the unbroken form on one page ranks first.
    /// </summary>
    private Query? TextContains(string queryText) => TextContains(_contains, _analyzer, queryText);

    /// <summary>What a plain string searches in the page text (for completions' page counts too).</summary>
    internal static Query? TextContains(ContainsQueryBuilder _contains, ChineseSearchAnalyzer _analyzer, string queryText)
    {
        var text = _contains.Build(SearchFields.Text, queryText);
        var han = queryText.Trim();
        if (text is null || han.EnumerateRunes().Count() < 2 || !ContainsQueryBuilder.IsHan(han)) return text;
        var any = new BooleanQuery(disableCoord: true) { { text, Occur.SHOULD } };
        if (_contains.Build(SearchFields.TextGaps, han) is { } gap) any.Add(new ConstantScoreQuery(gap) { Boost = GapBoost }, Occur.SHOULD);
        // Printed across a page break: the page where the string starts is found (the hit names the next page too).
        if (_contains.Build(SearchFields.NextWindow, han) is { } window)
            any.Add(new ConstantScoreQuery(PageBreakFilter.Over(window, _analyzer, _contains.Folding)) { Boost = GapBoost }, Occur.SHOULD);
        return any;
    }

    /// <summary>
    /// An era name typed alone (雍正, 民国) finds the pages whose text holds it and every page of the items dated in that
    /// reign: by the normalised years (an overlap with the reign) or by the date as written naming it (乾隆間鈔).
    /// </summary>
    private Query WithReigns(Query text, string queryText, IReadOnlyList<(int From, int To)> reigns)
    {
        var any = new BooleanQuery(disableCoord: true) { { text, Occur.SHOULD } };
        if (_contains.Build(SearchFields.DateAsWritten, queryText) is { } written) any.Add(written, Occur.SHOULD);
        foreach (var (from, to) in reigns) any.Add(YearOverlap(from, to), Occur.SHOULD);
        var years = string.Join("、", reigns.Select(r => $"{r.From}–{r.To}"));
        _notes.Add($"「{queryText}」是年号：也找年代在其间（{years}）的藏品 '{queryText}' is a reign name: items dated in it ({years}) are found too.");
        return any;
    }

    protected override Query GetFieldQuery(string field, string queryText, int slop) => GetFieldQuery(field, queryText, quoted: true);

    protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive)
    {
        if (Resolve(field) != "year") throw new SearchQueryException($"范围只适用于年份 Ranges work on year: only{(field == AnyField ? "" : $", not on '{field}:'")}.");
        var from = part1 is null or "*" ? int.MinValue : Year(part1) + (startInclusive ? 0 : 1);
        var to = part2 is null or "*" ? int.MaxValue : Year(part2) - (endInclusive ? 0 : 1);
        return YearOverlap(from, to);
    }

    // Wildcards and fuzzy search: a plain string already finds every page containing it, so the operator is dropped.
    protected override Query GetWildcardQuery(string field, string termStr) => Dropped(field, termStr, "* ?", termStr.Replace("*", "", StringComparison.Ordinal).Replace("?", "", StringComparison.Ordinal));

    protected override Query GetPrefixQuery(string field, string termStr) => Dropped(field, termStr + "*", "*", termStr);

    protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity) => Dropped(field, termStr + "~", "~", termStr);

    protected override Query GetRegexpQuery(string field, string termStr) => Dropped(field, "/" + termStr + "/", "/…/", termStr);

    private Query Dropped(string field, string typed, string op, string rest)
    {
        if (rest.Trim().Length == 0) throw new ParseException($"nothing but {op}");
        _notes.Add($"不支持通配符与模糊查询，「{typed}」已按「{rest}」检索 Wildcards and fuzzy search ({op}) are not needed: '{typed}' was searched as '{rest}', which finds every page containing it.");
        return GetFieldQuery(field, rest, quoted: false);
    }

    /// <summary>Items whose date range [start, end] overlaps [from, to].</summary>
    public static Query YearOverlap(int from, int to) => new ConstantScoreQuery(new YearOverlapFilter(from, to));

    private static Query YearQuery(string text)
    {
        var m = YearRange().Match(text.Trim());
        if (m.Success)
        {
            var from = Year(m.Groups[1].Value);
            var to = m.Groups[2].Success ? Year(m.Groups[2].Value) : from;
            return YearOverlap(Math.Min(from, to), Math.Max(from, to));
        }
        // Chinese dates: year:雍正 (the reign), year:乾隆十年, year:乾隆元年-乾隆十年 (from the first's start to the second's end).
        var d = DateRange().Match(text.Trim());
        if (d.Success && ReignYears.TryDate(d.Groups[1].Value, out var start, out var end))
        {
            if (d.Groups[2].Success)
            {
                if (!ReignYears.TryDate(d.Groups[2].Value, out var start2, out var end2)) throw BadYear(text);
                (start, end) = (Math.Min(start, start2), Math.Max(end, end2));
            }
            return YearOverlap(start, end);
        }
        throw BadYear(text);
    }

    private static SearchQueryException BadYear(string text) =>
        new($"年份应写作 1731、1700-1800、雍正、乾隆元年-乾隆十年 或 [1700 TO 1800] A year is written 1731, 1700-1800, 雍正, 乾隆元年-乾隆十年 or [1700 TO 1800], not '{text}'.");

    private static int Year(string s) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var y)
            ? y
            : throw new SearchQueryException($"「{s}」不是年份 '{s}' is not a year.");

    private string Resolve(string field)
    {
        if (FieldAliases.TryGetValue(field, out var f)) return f;
        _why = $"「{field}:」不是字段，可用 title: creator: place: text: year: collection: script: type: — '{field}:' is not a field; known: title: creator: place: text: year: collection: script: type:";
        throw new ParseException(_why);
    }

    [GeneratedRegex(@"^(-?\d{1,4})(?:\s*(?:-|–|\.\.|~)\s*(-?\d{1,4}))?$")]
    private static partial Regex YearRange();

    [GeneratedRegex(@"^([^-–~到]+?)(?:\s*(?:-|–|~|到)\s*([^-–~到]+))?$")]
    private static partial Regex DateRange();
}
