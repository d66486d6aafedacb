using System.Net;
using System.Text;
using QyHeritage.Archive.Domain;
using QyHeritage.Search.Api;
using QyHeritage.Search.Queries;

namespace QyHeritage.Web.Features.Search;

/// <summary>
/// /search: the researcher's full-text search as a plain page (简体中文 first, English), over the same
/// service as /api/search. Snippets come from the search service already HTML-encoded with &lt;mark&gt;.
/// </summary>
public static class SearchPage
{
    public static void MapSearchPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/search", (HttpRequest http, SearchService search) =>
        {
            var q = http.Query["q"].ToString();
            SearchResponse? response = null;
            string? error = null;
            if (q.Trim().Length > 0)
            {
                try { response = search.Search(SearchApi.Parse(http.Query)); }
                catch (SearchQueryException e) { error = e.Message; }
            }
            return Results.Content(Render(q, response, error), "text/html; charset=utf-8", statusCode: error is null ? 200 : 400);
        });
    }

    private static string H(string? s) => WebUtility.HtmlEncode(s ?? "");

    internal static string Render(string q, SearchResponse? response, string? error)
    {
        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html>
            <html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>检索 Search · 清远文献遗产平台</title>
            <style>
              body { font-family: "Noto Sans CJK SC", system-ui, sans-serif; margin: 0 2rem; background: #faf8f3; color: #222; }
              form { margin: 1rem 0; } input[type=search] { width: 24rem; font-size: 1.1rem; padding: .3rem; }
              li { list-style: none; display: flex; gap: 1rem; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .6rem; margin: .6rem 0; }
              li img { width: 90px; height: 120px; object-fit: contain; background: #eee; }
              mark { background: #f6d365; } .en, .meta { color: #555; font-size: .9em; } .error { color: #a00; }
            </style></head><body>
            <p><a href="/">← 首页 Home</a></p>
            <h1>全文检索 <span class="en">Full-text search</span></h1>
            <form action="/search"><input type="search" name="q" value="{{H(q)}}" placeholder="清远 / 清遠, title:通志, year:1700-1800" autofocus>
            <button>检索 Search</button></form>
            <p class="meta">繁简与异体字通检（清远＝清遠＝淸逺）· Traditional, simplified and variant forms find each other. 支持 "短语"、AND、OR、NOT、title:、creator:、place:、year:</p>
            """);
        if (error is not null) html.Append($"<p class=\"error\" role=\"alert\">{H(error)}</p>");
        if (response is not null)
        {
            html.Append($"<p>{response.TotalPages} 页 · {response.TotalItems} 件藏品 — {response.TotalPages} pages in {response.TotalItems} items</p><ul>");
            foreach (var hit in response.PageHits)
            {
                var page = Page.PageName(hit.Page);
                html.Append($"<li data-item-id=\"{H(hit.ItemId)}\" data-page=\"{H(page)}\">");
                html.Append($"<img loading=\"lazy\" src=\"/thumbnails/{H(hit.ItemId)}/{H(page)}.jpg\" alt=\"\">");
                html.Append($"<div><strong>{H(hit.Title)}</strong> <span class=\"meta\">{H(hit.ItemId)} · {H(hit.Label)} · {H(hit.DateAsWritten)}</span>");
                html.Append($"<p>{hit.Snippet}</p>"); // HTML-encoded by the search service, with <mark> around the hits
                html.Append($"<p class=\"meta\"><a href=\"/iiif/presentation/{H(hit.ItemId)}/manifest\">IIIF manifest</a></p></div></li>");
            }
            html.Append("</ul>");
        }
        html.Append("</body></html>");
        return html.ToString();
    }
}
