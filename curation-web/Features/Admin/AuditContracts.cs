using QyHeritage.Archive.Fixity;

namespace QyHeritage.Web.Features.Admin;

/// <summary>
/// GET /api/admin/audit: the last audit, the fields of <c>qy audit --report</c>'s JSON (the report file in the data
/// folder), read back from that file.
/// </summary>
public sealed record AuditReportResponse(
    bool Ok, string Store, DateTimeOffset Started, DateTimeOffset Finished, int Objects, long BytesVerified, int DerivativesChecked,
    double MegabytesPerSecond, AuditCounts Counts, IReadOnlyList<AuditFinding> Findings, IReadOnlyList<AuditObjectResult> Items)
{
    public static AuditReportResponse Of(AuditReport r) => new(
        r.Ok, r.Store, r.Started, r.Finished, r.Objects.Count, r.BytesVerified, r.DerivativesChecked, Math.Round(r.MegabytesPerSecond, 2),
        new AuditCounts(r.Count(AuditFindingKind.Missing), r.Count(AuditFindingKind.Extra), r.Count(AuditFindingKind.Corrupted), r.Count(AuditFindingKind.Object)),
        r.Findings, r.Objects);
}

/// <summary>How many findings of each kind the audit made.</summary>
public sealed record AuditCounts(int Missing, int Extra, int Corrupted, int Object);

/// <summary>Why there is no report to show: none has run yet (404, <see cref="Running"/> says whether one runs now) or it cannot be read (503).</summary>
public sealed record AuditUnavailableResponse(string Error, bool Running);

/// <summary>POST /api/admin/audit: whether an audit started (202), or why not (409: one is running already).</summary>
public sealed record AuditStartResponse(bool Started, string? Error);
