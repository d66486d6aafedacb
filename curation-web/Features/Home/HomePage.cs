using System.Net;
using System.Text;
using QyHeritage.Archive;
using QyHeritage.Archive.Domain;
using QyHeritage.Web.Features.FirstRun;
using QyHeritage.Web.Features.Items;

namespace QyHeritage.Web.Features.Home;

/// <summary>The home page: the collections and their items with thumbnails, 简体中文 first, then English.</summary>
public static class HomePage
{
    public static void MapHomePage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (ArchiveServices archive, FirstRunIngest firstRun) =>
            Results.Content(Render(archive, firstRun), "text/html; charset=utf-8"));
    }

    private static string H(string? s) => WebUtility.HtmlEncode(s ?? "");

    internal static string Render(ArchiveServices archive, FirstRunIngest firstRun)
    {
        var entries = archive.Catalog.ListItems();
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="zh-Hans">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>清远文献遗产平台 · QyHeritage</title>
            <style>
              body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", system-ui, sans-serif; margin: 0; color: #222; background: #faf8f3; }
              header { background: #7a1f1f; color: #fff; padding: 1rem 2rem; }
              header h1 { margin: 0; font-size: 1.6rem; }
              header p { margin: .2rem 0 0; opacity: .85; }
              header .en { color: #f3e1c7; }
              main { padding: 1rem 2rem; }
              .status { background: #fff3cd; padding: .5rem 1rem; border-radius: 4px; }
              section h2 { border-bottom: 2px solid #7a1f1f; padding-bottom: .2rem; }
              ul.items { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 1rem; }
              ul.items li { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .6rem; }
              ul.items img { width: 100%; height: 200px; object-fit: contain; background: #eee; }
              .en { color: #555; font-size: .9em; }
              .meta { font-size: .8em; color: #666; }
            </style>
            </head>
            <body>
            <header><h1>清远文献遗产平台 <span class="en">QyHeritage</span></h1>
            <p>清远市图书馆 特藏数字化平台 · Special collections of Qingyuan City Library</p></header>
            <main>
            """);
        if (firstRun.Running)
            html.Append($"<p class=\"status\" id=\"ingest-status\">正在导入样本馆藏 · Importing the sample collection: {H(firstRun.Status)}</p>");
        html.Append("<form action=\"/search\"><input type=\"search\" name=\"q\" placeholder=\"全文检索 Full-text search: 清远\"> <button>检索 Search</button></form>");
        html.Append($"<p>共 {entries.Count} 件藏品 · {entries.Count} items</p>");
        foreach (var group in entries.GroupBy(e => e.Item.Collection).OrderBy(g => g.Key))
        {
            var kind = group.Key;
            html.Append($"<section id=\"{kind.Code()}\"><h2>{H(kind.NameZh())} <span class=\"en\">{H(kind.NameEn())}</span> ({group.Count()})</h2><ul class=\"items\">");
            foreach (var e in group)
            {
                var item = e.Item;
                var thumb = ItemsApi.ThumbnailUrl(item);
                html.Append("<li id=\"").Append(H(item.Id)).Append("\" data-item-id=\"").Append(H(item.Id)).Append("\">");
                if (thumb.Length > 0) html.Append($"<img loading=\"lazy\" src=\"{H(thumb)}\" alt=\"{H(item.TitleZh)}\">");
                html.Append($"<div><strong>{H(item.TitleZh)}</strong></div><div class=\"en\">{H(item.TitleEn)}</div>");
                html.Append($"<div class=\"meta\">{H(item.Id)} · {H(item.Creator)} · {H(item.Date.AsWritten)} · {item.Pages.Count} 页 pages</div>");
                html.Append($"<div class=\"meta\"><a href=\"/iiif/presentation/{H(item.Id)}/manifest\">IIIF 清单 · IIIF manifest</a></div>");
                html.Append("</li>");
            }
            html.Append("</ul></section>");
        }
        html.Append("""
            <footer class="meta"><p><a href="/api/items">/api/items</a> · <a href="/health">/health</a></p></footer>
            </main></body></html>
            """);
        return html.ToString();
    }
}
