using System.Text;
using System.Text.Json;

namespace QyHeritage.Archive.Fixity;

/// <summary>
/// The last audit report as a JSON file in the data folder. It is replaced atomically (a temporary
/// file in the same folder, flushed, then renamed over the old one), so a reader or a crash never
/// sees half a report.
/// </summary>
public static class AuditReportFile
{
    /// <summary>Where the host keeps the last scheduled (or requested) audit's report.</summary>
    public static string PathIn(string dataFolder) => Path.Combine(dataFolder, "audit", "last-report.json");

    public static async Task WriteAsync(string path, AuditReport report, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await fs.WriteAsync(Encoding.UTF8.GetBytes(AuditReportFormat.ToJson(report)), ct);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The report's JSON text and the report, or null when no audit has written one yet.</summary>
    /// <exception cref="JsonException">The file is there but is not a report.</exception>
    public static async Task<(string Json, AuditReport Report)?> TryReadAsync(string path, CancellationToken ct = default)
    {
        string json;
        try { json = await File.ReadAllTextAsync(path, ct); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; }
        return (json, AuditReportFormat.FromJson(json));
    }
}
