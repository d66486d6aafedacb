using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QyHeritage.Archive;
using QyHeritage.Search.Indexing;
using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Api;

/// <summary>
/// <c>GET /api/search</c>: q (the query), collection / decade / place / script / type (facet filters,
/// repeatable), from / to (years), exact (1: plain strings as written, unfolded), sort (relevance, date, -date), view (pages, items), page, size.
/// Answers JSON (<see cref="SearchResponse"/>, snippets as text with highlight ranges); a bad query or parameter is a 400
/// with a bilingual message (<see cref="SearchErrorResponse"/>).
/// <c>GET /api/search/suggest?q=清远</c>: completions (<see cref="SuggestResponse"/>, from <see cref="Suggestions"/>).
/// </summary>
public static class SearchApi
{
    /// <summary>
    /// Registers the search index (under the archive's data folder, <c>data/index</c>), the indexer, the
    /// search service and the background catch-up that indexes whatever the index is missing.
    /// </summary>
    public static IServiceCollection AddQySearch(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SearchIndex(IndexFolder(sp.GetRequiredService<ArchiveServices>().Options)));
        services.AddSingleton(sp => new SearchIndexer(sp.GetRequiredService<ArchiveServices>(), sp.GetRequiredService<SearchIndex>(),
            sp.GetRequiredService<ILogger<SearchIndexer>>()));
        services.AddSingleton(sp => new SearchService(sp.GetRequiredService<SearchIndex>()));
        services.AddHostedService<IndexCatchUp>();
        return services;
    }

    /// <summary>Where the index of a data folder lives.</summary>
    public static string IndexFolder(ArchiveOptions options) => Path.Combine(options.DataFolder, "index");

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", Results<Ok<SearchResponse>, BadRequest<SearchErrorResponse>> (HttpRequest http, SearchService search) =>
        {
            try
            {
                return TypedResults.Ok(search.Search(Parse(http.Query)));
            }
            catch (SearchQueryException e)
            {
                return TypedResults.BadRequest(new SearchErrorResponse(e.Message));
            }
        });
        // Autocomplete: completions of what was typed, most frequent first.
        app.MapGet("/api/search/suggest", (HttpRequest http, SearchService search) =>
        {
            var max = int.TryParse(http.Query["size"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 50) : 10;
            var typed = http.Query["q"].ToString();
            var folded = search.Index.Folding.Fold(typed.Trim());
            return TypedResults.Ok(new SuggestResponse(typed, Suggestions.Suggest(search.Index, typed, max)
                .Select(s => new Completion(s.Text, s.Pages, s.Text.StartsWith(folded, StringComparison.Ordinal) && folded.Length > 0 ? [new Highlight(0, folded.Length)] : []))
                .ToList()));
        });
        return app;
    }

    /// <summary>Reads the query string into a request; bad values throw <see cref="SearchQueryException"/>.</summary>
    public static SearchRequest Parse(IQueryCollection query)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var facet in SearchFields.Facets)
        {
            var name = SearchFields.ApiName(facet);
            var values = query[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
            if (values.Count > 0) filters[facet] = values;
        }
        return new SearchRequest
        {
            Query = query["q"].ToString(),
            // The search page's checkbox: every plain string as written, unfolded.
            ExactForms = query["exact"].ToString() is "1" or "true" or "on",
            Filters = filters,
            YearFrom = Int(query, "from"),
            YearTo = Int(query, "to"),
            Sort = query["sort"].ToString() switch
            {
                "" or "relevance" => SearchSort.Relevance,
                "date" => SearchSort.DateAscending,
                "-date" => SearchSort.DateDescending,
                var s => throw new SearchQueryException($"排序参数无效 Unknown sort '{s}': use relevance, date or -date."),
            },
            View = query["view"].ToString() switch
            {
                "" or "pages" => SearchView.Pages,
                "items" => SearchView.Items,
                var v => throw new SearchQueryException($"视图参数无效 Unknown view '{v}': use pages or items."),
            },
            Page = Int(query, "page") ?? 1,
            PageSize = Int(query, "size") is { } size
                ? size is >= 1 and <= SearchService.MaxPageSize ? size : throw new SearchQueryException($"每页条数应为 1–{SearchService.MaxPageSize} size must be 1–{SearchService.MaxPageSize}.")
                : 20,
        };
    }

    private static int? Int(IQueryCollection query, string name)
    {
        var s = query[name].ToString();
        if (s.Length == 0) return null;
        return int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && (name != "page" || v >= 1)
            ? v
            : throw new SearchQueryException($"参数 {name} 应为整数 '{name}' must be a whole number{(name == "page" ? " from 1" : "")}, not '{s}'.");
    }
}

/// <summary>
/// At server start and then every few minutes, indexes the catalogued items the index does not hold at
/// their current OCFL version (an ingest whose indexing timed out or crashed, an index folder removed).
/// </summary>
internal sealed class IndexCatchUp(SearchIndexer indexer, ILogger<IndexCatchUp> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await indexer.CatchUpAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                SearchLog.CatchUpFailed(log, e);
            }
            try { await Task.Delay(Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
