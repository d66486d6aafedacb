using System.Globalization;
using System.Net;
using System.Text;
using QyHeritage.Archive.Fixity;

namespace QyHeritage.Web.Features.Admin;

/// <summary>/admin/audit: the last fixity audit (when, how long, how much, each problem by item and page), 简体中文 first, then English.</summary>
internal static class AuditAdminPage
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string H(string? s) => WebUtility.HtmlEncode(s ?? "");

    private static string When(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Inv);

    private static string KindName(AuditFindingKind kind) => kind switch
    {
        AuditFindingKind.Missing => "缺失 Missing",
        AuditFindingKind.Extra => "多余 Extra",
        AuditFindingKind.Corrupted => "损坏 Corrupted",
        _ => "对象错误 Object error",
    };

    /// <summary>"7 天" / "7 days" for whole days, hours or minutes; the exact span otherwise.</summary>
    private static (string Zh, string En) Every(TimeSpan t) => t switch
    {
        { Ticks: var k } when k % TimeSpan.TicksPerDay == 0 => ($" {t.Days} 天", $"{t.Days} day(s)"),
        { Ticks: var k } when k % TimeSpan.TicksPerHour == 0 => ($" {(int)t.TotalHours} 小时", $"{(int)t.TotalHours} hour(s)"),
        { Ticks: var k } when k % TimeSpan.TicksPerMinute == 0 => ($" {(int)t.TotalMinutes} 分钟", $"{(int)t.TotalMinutes} minute(s)"),
        _ => ($" {t.ToString("c", Inv)} ", t.ToString("c", Inv)),
    };

    /// <summary>Where the store is, without the server's absolute paths: relative to the data folder, or S3's bucket.</summary>
    internal static string StoreLabel(string store, string dataFolder)
    {
        if (!Path.IsPathRooted(store)) return store; // s3://bucket at host:port
        var relative = Path.GetRelativePath(Path.GetFullPath(dataFolder), store);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? "文件系统 File system"
            : $"数据目录 Data folder/{relative.Replace(Path.DirectorySeparatorChar, '/')}";
    }

    public static string Render(AuditState state, AuditSettings settings, (string Json, AuditReport Report)? last, string? readError,
        (string Field, string Token) antiforgery, string dataFolder)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>固定性审计 Fixity audit · 清远文献遗产平台</title>
            <style>
              body { font-family: "Noto Sans CJK SC", system-ui, sans-serif; margin: 0 2rem; background: #faf8f3; color: #222; }
              table { border-collapse: collapse; background: #fff; } td, th { border: 1px solid #ddd; padding: .3rem .6rem; text-align: left; }
              .ok { color: #1a6b1a; } .bad { color: #a00; } .en, .meta { color: #555; font-size: .9em; }
              .status { background: #fff3cd; padding: .5rem 1rem; border-radius: 4px; }
            </style></head><body>
            <p><a href="/">← 首页 Home</a></p>
            <h1>固定性审计 <span class="en">Fixity audit</span></h1>
            """);
        html.Append("<p class=\"meta\" id=\"audit-schedule\">");
        if (settings.Scheduled)
        {
            var (zh, en) = Every(settings.Interval);
            var limit = settings.RateLimitMBps > 0 ? string.Create(Inv, $"{settings.RateLimitMBps:0.#} MB/s") : null;
            html.Append($"定期审计：每{H(zh)}一次{(limit is null ? "" : $"，限速 {H(limit)}")}");
            if (state.NextRun is { } next) html.Append($"；下次 {When(next)}");
            html.Append($" · Scheduled every {H(en)}{(limit is null ? "" : $", reading at most {H(limit)}")}");
            if (state.NextRun is { } n) html.Append($"; next at {When(n)}");
        }
        else
        {
            html.Append("定期审计已关闭 · The scheduled audit is off (Qy:Audit:Interval = 0)");
        }
        html.Append("</p>");

        if (state.Running)
        {
            var p = state.Progress;
            html.Append($"<p class=\"status\" id=\"audit-running\">审计进行中 · An audit is running since {When(state.RunningSince!.Value)}");
            if (p is not null) html.Append(Inv, $": {p.ObjectsDone}/{p.ObjectsTotal} 个对象 objects, {p.BytesDone / 1e6:F1}/{p.BytesTotal / 1e6:F1} MB");
            html.Append("</p>");
        }
        else
        {
            html.Append($"<form method=\"post\" action=\"/admin/audit\"><input type=\"hidden\" name=\"{H(antiforgery.Field)}\" value=\"{H(antiforgery.Token)}\"><button>立即审计 Audit now</button></form>");
        }
        if (state.LastError is not null)
            html.Append($"<p class=\"bad\" role=\"alert\">上次审计未能完成 · The last audit could not finish: {H(state.LastError.Replace(Path.GetFullPath(dataFolder), "[data]", StringComparison.Ordinal))}</p>");
        if (readError is not null)
            html.Append($"<p class=\"bad\" role=\"alert\">无法读取上次报告 · {H(readError)}</p>");

        if (last is not { Report: var report })
        {
            if (readError is null) html.Append("<p id=\"audit-none\">尚未运行过审计 · No audit has run yet.</p>");
            html.Append("</body></html>");
            return html.ToString();
        }

        var files = report.Objects.Sum(o => o.Files);
        html.Append("<h2>上次审计 <span class=\"en\">Last audit</span></h2><table id=\"audit-summary\">");
        Row(html, "开始 Started", When(report.Started));
        Row(html, "结束 Finished", When(report.Finished));
        Row(html, "用时 Duration", (report.Finished - report.Started).ToString(@"hh\:mm\:ss\.f", Inv));
        Row(html, "存储 Store", StoreLabel(report.Store, dataFolder));
        Row(html, "对象 Objects", report.Objects.Count.ToString(Inv));
        Row(html, "文件 Files", files.ToString(Inv));
        Row(html, "字节 Bytes verified", string.Create(Inv, $"{report.BytesVerified:N0} ({report.BytesVerified / 1e6:F1} MB, {report.MegabytesPerSecond:F1} MB/s)"));
        if (report.DerivativesChecked > 0) Row(html, "派生图像 Derivatives", report.DerivativesChecked.ToString(Inv));
        html.Append("</table>");

        if (report.Ok)
        {
            html.Append("<p class=\"ok\" id=\"audit-verdict\">没有发现问题 · No problems found.</p>");
        }
        else
        {
            html.Append(Inv, $"<p class=\"bad\" id=\"audit-verdict\">发现 {report.Findings.Count} 个问题 · {report.Findings.Count} problem(s) found: ");
            html.Append(Inv, $"缺失 missing {report.Count(AuditFindingKind.Missing)}, 多余 extra {report.Count(AuditFindingKind.Extra)}, 损坏 corrupted {report.Count(AuditFindingKind.Corrupted)}, 对象错误 object errors {report.Count(AuditFindingKind.Object)}</p>");
            html.Append("<table id=\"audit-findings\"><tr><th>类型 Kind</th><th>藏品 Item</th><th>页 Page</th><th>文件 File</th><th>说明 Details</th></tr>");
            foreach (var f in report.Findings)
            {
                html.Append($"<tr data-item-id=\"{H(f.Item)}\" data-page=\"{H(f.Page)}\" data-kind=\"{H(f.Kind.ToString().ToLowerInvariant())}\">");
                html.Append($"<td>{H(KindName(f.Kind))}</td><td>{H(f.Item)}</td><td>{H(f.Page ?? "—")}</td><td>{H(f.ContentPath ?? "")}</td><td>{H(f.Code)} {H(f.Message)}</td></tr>");
            }
            html.Append("</table>");
        }
        html.Append("<p class=\"meta\"><a href=\"/api/admin/audit\">/api/admin/audit</a> (JSON)</p></body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append($"<tr><th>{H(label)}</th><td>{H(value)}</td></tr>");
}
