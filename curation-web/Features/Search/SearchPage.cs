using System.Globalization;
using System.Net;
using System.Text;
using QyHeritage.Archive.Domain;
using QyHeritage.Search.Api;
using QyHeritage.Search.Queries;
using QyHeritage.Web.Hosting;

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
            return Results.Content(Render(http.Query, q, response, error, http.HttpContext.CspNonce()), "text/html; charset=utf-8", statusCode: error is null ? 200 : 400);
        });
    }

    private static string H(string? s) => WebUtility.HtmlEncode(s ?? "");

    /// <summary>Facet headings, in the order the API lists the facets.</summary>
    private static readonly (string Name, string Heading)[] FacetHeadings =
    [
        ("collection", "馆藏 Collection"), ("dynasty", "朝代 Dynasty"), ("decade", "年代 Decade"),
        ("place", "地点 Place"), ("script", "字体 Script"), ("type", "类型 Type"),
    ];

    private const int FacetValuesShown = 12;

    /// <summary>
    /// Completions as the researcher types (<c>/api/search/suggest</c>), each a link to its search with its page count.
    /// The newest answer wins; an answer to older input is dropped.
    /// </summary>
    private const string SuggestScript = """
        (() => {
          const box = document.querySelector('input[name=q]'), list = document.getElementById('suggest');
          let timer, asked = '';
          box.addEventListener('input', () => {
            clearTimeout(timer);
            timer = setTimeout(async () => {
              const q = box.value.trim();
              asked = q;
              if (!q) { list.replaceChildren(); return; }
              const r = await fetch('/api/search/suggest?size=8&q=' + encodeURIComponent(q));
              if (!r.ok || asked !== q) return;
              const answer = await r.json();
              list.replaceChildren(...answer.suggestions.map(s => {
                const li = document.createElement('li'), a = document.createElement('a'), n = document.createElement('span');
                a.href = '/search?q=' + encodeURIComponent(s.text);
                a.textContent = s.text;
                n.className = 'count';
                n.textContent = ' ' + s.pages + ' 页 pages';
                li.append(a, n);
                return li;
              }));
            }, 150);
          });
        })();
        """;

    /// <param name="nonce">The response's CSP nonce: the only inline script the browser runs is the one carrying it.</param>
    internal static string Render(IQueryCollection query, string q, SearchResponse? response, string? error, string nonce)
    {
        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html>
            <html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>检索 Search · 清远文献遗产平台</title>
            <style>
              body { font-family: "Noto Sans CJK SC", system-ui, sans-serif; margin: 0 2rem; background: #faf8f3; color: #222; }
              form { margin: 1rem 0; } .years input { width: 5rem; font-size: 1rem; } input[type=search] { width: 24rem; font-size: 1.1rem; padding: .3rem; }
              .results { display: flex; gap: 2rem; align-items: flex-start; } .results > ul { flex: 1; padding: 0; margin: 0; }
              aside { width: 15rem; font-size: .9em; } aside h2 { font-size: 1em; margin: 1rem 0 .3rem; } aside ul { padding: 0; margin: 0; }
              aside li { list-style: none; margin: .15rem 0; } aside .count { color: #777; }
              .hits > li { list-style: none; display: flex; gap: 1rem; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .6rem; margin: .6rem 0; }
              .hits img { width: 90px; height: 120px; object-fit: contain; background: #eee; }
              nav.controls a, nav.controls strong, nav.pager a, nav.pager span { margin-right: .8rem; } .chosen { background: #f6d365; border-radius: 4px; padding: 0 .3rem; }
              #suggest { padding: 0; margin: .2rem 0; } #suggest li { list-style: none; display: inline-block; margin-right: .8rem; } #suggest .count { color: #777; font-size: .85em; }
              .hit-region { position: relative; display: inline-block; line-height: 0; } .hit-region img { max-width: 240px; max-height: 160px; }
              .hit-box { position: absolute; outline: 2px solid #d9534f; background: rgba(246, 211, 101, .25); }
              mark { background: #f6d365; } .en, .meta { color: #555; font-size: .9em; } .error { color: #a00; }
            </style></head><body>
            <p><a href="/">← 首页 Home</a></p>
            <h1>全文检索 <span class="en">Full-text search</span></h1>
            <form action="/search"><input type="search" name="q" value="{{H(q)}}" placeholder="清远 / 清遠, title:通志, year:1700-1800" autofocus autocomplete="off" aria-controls="suggest">
            <label class="years">年份 Years <input type="number" name="from" value="{{H(query["from"].ToString())}}" placeholder="1700" aria-label="起 From"> – <input type="number" name="to" value="{{H(query["to"].ToString())}}" placeholder="1800" aria-label="止 To"></label>
            <button>检索 Search</button>
            <ul id="suggest" aria-label="建议 Suggestions"></ul></form>
            <script nonce="{{H(nonce)}}">{{SuggestScript}}</script>
            <p class="meta">繁简与异体字通检（清远＝清遠＝淸逺）· Traditional, simplified and variant forms find each other. 支持 "短语"、AND、OR、NOT、title:、creator:、place:、year:</p>
            """);
        if (error is not null) html.Append($"<p class=\"error\" role=\"alert\">{H(error)}</p>");
        if (response is not null)
        {
            html.Append($"<p>{response.TotalPages} 页 · {response.TotalItems} 件藏品 — {response.TotalPages} pages in {response.TotalItems} items</p>");
            Controls(html, query, response);
            html.Append("<div class=\"results\">");
            Facets(html, query, response);
            html.Append("<ul class=\"hits\">");
            if (response.View == SearchView.Items) ItemHits(html, response);
            else PageHits(html, response);
            html.Append("</ul></div>");
            Pager(html, query, response);
        }
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>Sort and view, and the chosen filters with a way to drop each.</summary>
    private static void Controls(StringBuilder html, IQueryCollection query, SearchResponse response)
    {
        html.Append("<nav class=\"controls\">排序 Sort: ");
        foreach (var (value, sort, label) in new[] { ("relevance", SearchSort.Relevance, "相关度 Relevance"), ("date", SearchSort.DateAscending, "年代由远及近 Oldest first"), ("-date", SearchSort.DateDescending, "年代由近及远 Newest first") })
            html.Append(response.Sort == sort ? $"<strong class=\"chosen\">{label}</strong>" : $"<a href=\"{Href(query, "sort", value)}\">{label}</a>");
        html.Append(" · 显示 Show: ");
        foreach (var (value, view, label) in new[] { ("pages", SearchView.Pages, "按页 Pages"), ("items", SearchView.Items, "按藏品 Items") })
            html.Append(response.View == view ? $"<strong class=\"chosen\">{label}</strong>" : $"<a href=\"{Href(query, "view", value)}\">{label}</a>");
        var chosen = FacetHeadings.SelectMany(f => query[f.Name].Where(v => !string.IsNullOrEmpty(v)).Select(v => (f.Name, Value: v!))).ToList();
        if (chosen.Count > 0)
        {
            html.Append(" · 已选 Filters: ");
            foreach (var (name, value) in chosen)
            {
                var label = response.Facets.TryGetValue(name, out var values) ? values.FirstOrDefault(v => v.Value == value)?.Label ?? value : value;
                html.Append($"<a class=\"chosen\" data-remove=\"{H(name)}={H(value)}\" href=\"{Href(query, name, value, toggle: true)}\">{H(label)} ×</a>");
            }
        }
        html.Append("</nav>");
    }

    /// <summary>Each facet's values with their page counts; a value is a link that adds it to the filters (or takes it out).</summary>
    private static void Facets(StringBuilder html, IQueryCollection query, SearchResponse response)
    {
        html.Append("<aside>");
        foreach (var (name, heading) in FacetHeadings)
        {
            if (!response.Facets.TryGetValue(name, out var values) || values.Count == 0) continue;
            html.Append($"<h2>{heading}</h2><ul data-facet=\"{name}\">");
            // The values with most pages, in the order the service lists them (decades chronologically, the rest by pages).
            var top = values.OrderByDescending(v => v.Pages).Take(FacetValuesShown).ToHashSet();
            foreach (var v in values.Where(top.Contains))
            {
                var on = query[name].Contains(v.Value);
                html.Append($"<li><a{(on ? " class=\"chosen\"" : "")} data-value=\"{H(v.Value)}\" data-pages=\"{v.Pages}\" href=\"{Href(query, name, v.Value, toggle: true)}\">{H(v.Label)}</a> <span class=\"count\">{v.Pages}</span></li>");
            }
            html.Append("</ul>");
        }
        html.Append("</aside>");
    }

    private static void PageHits(StringBuilder html, SearchResponse response)
    {
        foreach (var hit in response.PageHits)
        {
            var page = Page.PageName(hit.Page);
            html.Append($"<li data-item-id=\"{H(hit.ItemId)}\" data-page=\"{H(page)}\">");
            html.Append($"<img loading=\"lazy\" src=\"/thumbnails/{H(hit.ItemId)}/{H(page)}.jpg\" alt=\"\">");
            html.Append($"<div><strong>{H(hit.Title)}</strong> <span class=\"meta\">{H(hit.ItemId)} · {H(hit.Label)} · {H(hit.DateAsWritten)}</span>");
            html.Append($"<p>{hit.Snippet}</p>"); // HTML-encoded by the search service, with <mark> around the hits
            HitOnThePage(html, hit, page);
            html.Append($"<p class=\"meta\"><a href=\"/iiif/presentation/{H(hit.ItemId)}/manifest\">IIIF manifest</a></p></div></li>");
        }
    }

    /// <summary>
    /// The first hit where it is printed: a IIIF region of the page image around its first box (two characters of
    /// margin), with the box itself outlined. Pages without character boxes (text-only records) show none.
    /// </summary>
    private static void HitOnThePage(StringBuilder html, PageHit hit, string page)
    {
        if (hit.Hits.SelectMany(h => h.Boxes).FirstOrDefault() is not { W: > 0, H: > 0 } box) return;
        var margin = 2 * Math.Min(box.W, box.H);
        int x = Math.Max(0, box.X - margin), y = Math.Max(0, box.Y - margin);
        // Within the image where its size is known: the server would crop a region past the edge, and the outline would drift.
        int right = box.X + box.W + margin, bottom = box.Y + box.H + margin;
        if (hit.Width is int width) right = Math.Min(right, width);
        if (hit.Height is int height) bottom = Math.Min(bottom, height);
        int w = right - x, h = bottom - y;
        static string Pct(double v) => v.ToString("0.##", CultureInfo.InvariantCulture) + "%";
        var region = string.Create(CultureInfo.InvariantCulture, $"{x},{y},{w},{h}");
        html.Append($"<div class=\"hit-region\"><img src=\"/iiif/3/{H(hit.ItemId)}~{H(page)}/{region}/!240,160/0/default.jpg\" alt=\"命中处 The hit on the page\" data-region=\"{region}\">");
        html.Append($"<span class=\"hit-box\" style=\"left:{Pct(100.0 * (box.X - x) / w)};top:{Pct(100.0 * (box.Y - y) / h)};width:{Pct(100.0 * box.W / w)};height:{Pct(100.0 * box.H / h)}\"></span></div>");
    }

    private static void ItemHits(StringBuilder html, SearchResponse response)
    {
        foreach (var item in response.ItemHits)
        {
            var first = item.Pages.Count > 0 ? Page.PageName(item.Pages[0]) : null;
            html.Append($"<li data-item-id=\"{H(item.ItemId)}\" data-matching-pages=\"{item.MatchingPages}\">");
            if (first is not null) html.Append($"<img loading=\"lazy\" src=\"/thumbnails/{H(item.ItemId)}/{H(first)}.jpg\" alt=\"\">");
            html.Append($"<div><strong>{H(item.Title)}</strong> <span class=\"meta\">{H(item.ItemId)} · {H(item.DateAsWritten)} · {item.MatchingPages} 页命中 matching pages</span>");
            html.Append($"<p>{item.Snippet}</p>");
            html.Append($"<p class=\"meta\">{string.Join(" ", item.Pages.Select(p => H(Page.PageName(p))))} · <a href=\"/iiif/presentation/{H(item.ItemId)}/manifest\">IIIF manifest</a></p></div></li>");
        }
    }

    /// <summary>Previous and next, and where this page is among all of them.</summary>
    private static void Pager(StringBuilder html, IQueryCollection query, SearchResponse response)
    {
        var total = response.View == SearchView.Items ? response.TotalItems : response.TotalPages;
        var pages = Math.Max(1, (total + response.PageSize - 1) / response.PageSize);
        if (pages == 1 && response.Page == 1) return;
        html.Append("<nav class=\"pager\">");
        if (response.Page > 1) html.Append($"<a rel=\"prev\" href=\"{Href(query, "page", (response.Page - 1).ToString(CultureInfo.InvariantCulture))}\">← 上一页 Previous</a>");
        html.Append($"<span>第 {response.Page} / {pages} 页 Page {response.Page} of {pages}</span>");
        if (response.Page < pages) html.Append($"<a rel=\"next\" href=\"{Href(query, "page", (response.Page + 1).ToString(CultureInfo.InvariantCulture))}\">下一页 Next →</a>");
        html.Append("</nav>");
    }

    /// <summary>
    /// This search's URL with <paramref name="name"/> set to <paramref name="value"/> (or, with <paramref name="toggle"/>,
    /// that value added to or taken out of the repeatable parameter); any change but paging starts again at page 1.
    /// </summary>
    internal static string Href(IQueryCollection query, string name, string value, bool toggle = false)
    {
        var pairs = new List<(string Key, string Value)>();
        foreach (var (key, values) in query)
        {
            if (key == name && !toggle) continue;
            if (key == "page" && name != "page") continue;
            foreach (var v in values)
            {
                if (v is null || (toggle && key == name && v == value)) continue;
                pairs.Add((key, v));
            }
        }
        if (!toggle || !query[name].Contains(value)) pairs.Add((name, value));
        return H("/search?" + string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
    }
}
