using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using QyHeritage.Archive.Fixity;
using QyHeritage.Web.Features.Accounts;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Web.Features.Admin;

/// <summary>
/// The scheduled audit's registration and its endpoints: <c>/admin/audit</c> (the page),
/// <c>GET /api/admin/audit</c> (the last report, the same JSON as <c>qy audit --report</c>) and
/// <c>POST</c> to either to start one now.
/// </summary>
public static class AuditAdminEndpoints
{
    public static IServiceCollection AddScheduledAudit(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new AuditSettings();
        configuration.GetSection(AuditSettings.Section).Bind(settings);
        services.AddSingleton(settings);
        services.AddSingleton<ScheduledAudit>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledAudit>());
        return services;
    }

    public static void MapAuditAdmin(this IEndpointRouteBuilder endpoints)
    {
        // Everything here is for the admin role only (anonymous pages go to the sign-in form, APIs answer 401).
        var app = endpoints.MapGroup("").RequireAuthorization(AccountPolicies.Admin).ProducesRefusals();
        // GET /admin/audit is the page (AuditAdminPage.razor, admin only by its own attribute).
        // The page's button: start one (unless one runs: the page then shows that one), then show the
        // page again by a redirect, so that reloading it does not post again.
        app.MapPost("/admin/audit", (ScheduledAudit audit) =>
        {
            audit.TryStartNow();
            return Results.Redirect("/admin/audit");
        });

        app.MapGet("/api/admin/audit", async Task<Results<Ok<AuditReportResponse>, JsonHttpResult<AuditUnavailableResponse>>> (ScheduledAudit audit, CancellationToken ct) =>
        {
            var (last, error) = await ReadLastAsync(audit, ct);
            if (error is not null) return TypedResults.Json(new AuditUnavailableResponse(error, audit.State.Running), statusCode: StatusCodes.Status503ServiceUnavailable);
            if (last is null) return TypedResults.Json(new AuditUnavailableResponse("no audit has run yet", audit.State.Running), statusCode: StatusCodes.Status404NotFound);
            return TypedResults.Ok(AuditReportResponse.Of(last.Value.Report));
        })
            .Produces<AuditUnavailableResponse>(StatusCodes.Status404NotFound)
            .Produces<AuditUnavailableResponse>(StatusCodes.Status503ServiceUnavailable);
        app.MapPost("/api/admin/audit", Results<Accepted<AuditStartResponse>, Conflict<AuditStartResponse>> (ScheduledAudit audit) => audit.TryStartNow()
            ? TypedResults.Accepted("/api/admin/audit", new AuditStartResponse(true, null))
            : TypedResults.Conflict(new AuditStartResponse(false, "an audit is already running")));
    }

    internal static async Task<((string Json, AuditReport Report)? Last, string? Error)> ReadLastAsync(ScheduledAudit audit, CancellationToken ct)
    {
        try { return (await AuditReportFile.TryReadAsync(audit.ReportPath, ct), null); }
        catch (Exception e) when (e is JsonException or IOException)
        {
            // The data folder's own path stays on the server: the page names the report by its place in the data folder.
            return (null, $"the last report (audit/{Path.GetFileName(audit.ReportPath)} in the data folder) cannot be read: {e.GetType().Name}");
        }
    }

    /// <summary>Where the store is, without the server's absolute paths: a folder within the data folder, or S3's bucket.</summary>
    internal static (string Zh, string En, string Folder) StoreLabel(string store, string dataFolder)
    {
        if (!Path.IsPathRooted(store)) return ("", "", store); // s3://bucket at host:port
        var relative = Path.GetRelativePath(Path.GetFullPath(dataFolder), store);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? ("文件系统", "File system", "")
            : ("数据目录", "Data folder", "/" + relative.Replace(Path.DirectorySeparatorChar, '/'));
    }
}
