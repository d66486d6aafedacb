using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QyHeritage.Archive.Fixity;

/// <summary>The audit report as JSON (for machines and the admin page) and as a short human summary.</summary>
public static class AuditReportFormat
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Item titles and messages may hold CJK text: keep it readable in the file.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string ToJson(AuditReport report) => JsonSerializer.Serialize(new
    {
        ok = report.Ok,
        store = report.Store,
        started = report.Started,
        finished = report.Finished,
        objects = report.Objects.Count,
        bytesVerified = report.BytesVerified,
        derivativesChecked = report.DerivativesChecked,
        megabytesPerSecond = Math.Round(report.MegabytesPerSecond, 2),
        counts = new
        {
            missing = report.Count(AuditFindingKind.Missing),
            extra = report.Count(AuditFindingKind.Extra),
            corrupted = report.Count(AuditFindingKind.Corrupted),
            @object = report.Count(AuditFindingKind.Object),
        },
        findings = report.Findings,
        items = report.Objects,
    }, Json);

    /// <summary>Reads a report written by <see cref="ToJson"/> back (the admin page shows the last one).</summary>
    /// <exception cref="JsonException">The text is not such a report.</exception>
    public static AuditReport FromJson(string json)
    {
        var dto = JsonSerializer.Deserialize<StoredReport>(json, Json) ?? throw new JsonException("the audit report is empty");
        return new AuditReport(dto.Store, dto.Started, dto.Finished, dto.Items, dto.Findings, dto.BytesVerified, dto.DerivativesChecked);
    }

    /// <summary>The fields of the JSON that carry the report; the rest (ok, counts, rate) is derived from them.</summary>
    private sealed record StoredReport(
        string Store,
        DateTimeOffset Started,
        DateTimeOffset Finished,
        IReadOnlyList<AuditObjectResult> Items,
        IReadOnlyList<AuditFinding> Findings,
        long BytesVerified,
        int DerivativesChecked);

    public static AuditReportSummary ReadCounts(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var c = doc.RootElement.GetProperty("counts");
        return new AuditReportSummary(doc.RootElement.GetProperty("ok").GetBoolean(), c.GetProperty("missing").GetInt32(), c.GetProperty("extra").GetInt32(), c.GetProperty("corrupted").GetInt32(), c.GetProperty("object").GetInt32());
    }

    /// <summary>A few lines: the verdict, the counts, then each finding with item and page.</summary>
    public static string ToSummary(AuditReport report, int maxFindings = 50)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"{(report.Ok ? "审计通过 Audit passed" : "审计发现问题 Audit found problems")}: {report.Objects.Count} objects{(report.DerivativesChecked > 0 ? $" and {report.DerivativesChecked} derivatives" : "")}, {report.BytesVerified / 1e6:F1} MB verified at {report.MegabytesPerSecond:F1} MB/s in {report.Store}.");
        if (!report.Ok)
        {
            sb.AppendLine(inv, $"  missing {report.Count(AuditFindingKind.Missing)}, extra {report.Count(AuditFindingKind.Extra)}, corrupted {report.Count(AuditFindingKind.Corrupted)}, object errors {report.Count(AuditFindingKind.Object)}");
            foreach (var f in report.Findings.Take(maxFindings))
            {
                var where = f.Page is null ? f.Item : $"{f.Item} {f.Page}";
                var what = f.ContentPath is null ? "" : $" {f.ContentPath}";
                sb.AppendLine(inv, $"  {f.Kind.ToString().ToLowerInvariant(),-9} {where}{what}: {f.Code} {f.Message}");
            }
            if (report.Findings.Count > maxFindings) sb.AppendLine(inv, $"  … and {report.Findings.Count - maxFindings} more (see the JSON report).");
        }
        return sb.ToString();
    }
}

/// <summary>The counts of a JSON report, read back (for tools and tests).</summary>
public sealed record AuditReportSummary(bool Ok, int Missing, int Extra, int Corrupted, int Object);
