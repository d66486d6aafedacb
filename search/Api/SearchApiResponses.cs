using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Api;

/// <summary>The answer of <c>GET /api/search/suggest</c>: what was asked and its completions, best first.</summary>
public sealed record SuggestResponse(string Query, IReadOnlyList<Completion> Suggestions);

/// <summary>
/// One completion: its text (folded, simplified: it finds every spelling), how many pages a search for it finds, and
/// the part the reader typed as a range to mark (UTF-16 code units, as in <see cref="Highlight"/>).
/// </summary>
public sealed record Completion(string Text, int Pages, IReadOnlyList<Highlight> Highlights);

/// <summary>A refused search (bad syntax, an unknown sort, a size out of range): a bilingual message, 简体中文 first.</summary>
public sealed record SearchErrorResponse(string Error);
