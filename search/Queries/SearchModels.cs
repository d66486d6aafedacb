using QyHeritage.Archive.Ocr;

namespace QyHeritage.Search.Queries;

/// <summary>How results are ordered.</summary>
public enum SearchSort
{
    /// <summary>Best match first (ties: item id, page).</summary>
    Relevance,
    /// <summary>Oldest first by the item's start year; undated items last.</summary>
    DateAscending,
    /// <summary>Newest first; undated items last.</summary>
    DateDescending,
}

/// <summary>Whether the result list holds pages or items (both totals and the facets come either way).</summary>
public enum SearchView
{
    Pages,
    Items,
}

/// <summary>A search: the query text, facet filters (exact values, AND across facets, OR within one), order and paging.</summary>
public sealed record SearchRequest
{
    public string Query { get; init; } = "";
    /// <summary>Facet field (<see cref="Indexing.SearchFields.Facets"/>: collection, decade, place_facet, script, type) → accepted values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public int? YearFrom { get; init; }
    public int? YearTo { get; init; }
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public SearchView View { get; init; } = SearchView.Pages;
    /// <summary>1-based result page.</summary>
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
    /// <summary>Restrict to one item (IIIF Content Search within a manifest).</summary>
    public string? ItemId { get; init; }
    /// <summary>Every string typed without a prefix must appear as written, unfolded (as if each were exact:).</summary>
    public bool ExactForms { get; init; }
}

/// <summary>One place the query matched on a page: the text as printed and the rectangles on the page image.</summary>
/// <param name="Start">UTF-16 offset into the page text.</param>
/// <param name="Length">Length in UTF-16 units.</param>
/// <param name="Text">The matched text in the page's own script.</param>
/// <param name="Boxes">One rectangle per printed column or line the match covers (empty for text-only pages).</param>
/// <param name="Prefix">Up to 10 characters of text before the match (IIIF Content Search's TextQuoteSelector prefix).</param>
/// <param name="Suffix">Up to 10 characters after the match.</param>
public sealed record TextHit(int Start, int Length, string Text, IReadOnlyList<Box> Boxes, string Prefix = "", string Suffix = "");

/// <summary>A matching page.</summary>
public sealed record PageHit
{
    public required string ItemId { get; init; }
    public required int Page { get; init; }
    public string Label { get; init; } = "";
    public string Title { get; init; } = "";
    /// <summary>The catalogue's English title (empty where it has none); <see cref="Title"/> is the Chinese one.</summary>
    public string TitleEn { get; init; } = "";
    public string Creator { get; init; } = "";
    public string Collection { get; init; } = "";
    public string Script { get; init; } = "";
    public int? Year { get; init; }
    public string DateAsWritten { get; init; } = "";
    public float Score { get; init; }
    /// <summary>About 100 characters around the first hit as text, with the hits as ranges to mark; the page's own script.</summary>
    public Snippet Snippet { get; init; } = Snippet.Empty;
    public IReadOnlyList<TextHit> Hits { get; init; } = [];
    /// <summary>
    /// Where a phrase runs on from the end of this page onto the next leaf: that page and the hit's part there (with its
    /// boxes on that page's image); this page's part is the last of <see cref="Hits"/>. Null when nothing crosses the break.
    /// </summary>
    public PageContinuation? ContinuesOn { get; init; }
    /// <summary>The page image's size in pixels, the frame of the hits' boxes; null for a text-only page.</summary>
    public int? Width { get; init; }
    public int? Height { get; init; }
}

/// <summary>The next page of a hit that crosses a page break, with the hit's part on it.</summary>
public sealed record PageContinuation(int Page, string Label, IReadOnlyList<TextHit> Hits);

/// <summary>A matching item: its best page score and which of its pages match.</summary>
public sealed record ItemHit
{
    public required string ItemId { get; init; }
    public string Title { get; init; } = "";
    /// <summary>The catalogue's English title (empty where it has none).</summary>
    public string TitleEn { get; init; } = "";
    public string Creator { get; init; } = "";
    public string Collection { get; init; } = "";
    public int? Year { get; init; }
    public string DateAsWritten { get; init; } = "";
    public float Score { get; init; }
    public int MatchingPages { get; init; }
    /// <summary>The matching pages' numbers, in page order (at most 50).</summary>
    public IReadOnlyList<int> Pages { get; init; } = [];
    /// <summary>The best page's snippet.</summary>
    public Snippet Snippet { get; init; } = Snippet.Empty;
}

/// <summary>
/// One value of a facet with how many matching pages and items have it, and a bilingual label; <see cref="Zh"/> and
/// <see cref="En"/> are its name in each language (En empty where the catalogue has no English for it, e.g. places).
/// </summary>
public sealed record FacetValue(string Value, string Label, int Pages, int Items)
{
    public string Zh { get; init; } = "";
    public string En { get; init; } = "";
}

public sealed record SearchResponse
{
    public string Query { get; init; } = "";
    /// <summary>How the query was read where that differs from what was typed (a repaired syntax, a wildcard dropped), bilingual; empty otherwise.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    public int TotalPages { get; init; }
    public int TotalItems { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; }
    public SearchView View { get; init; }
    public SearchSort Sort { get; init; }
    public IReadOnlyList<PageHit> PageHits { get; init; } = [];
    public IReadOnlyList<ItemHit> ItemHits { get; init; } = [];
    /// <summary>Facet (collection, decade, place, script, type) → values by descending page count (decades in time order).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets { get; init; } = new Dictionary<string, IReadOnlyList<FacetValue>>();
    public double TookMs { get; init; }
}
