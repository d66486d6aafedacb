using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Archive.Imaging;
using QyHeritage.Archive.Ocfl;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Fixity;

/// <summary>
/// <c>qy audit</c>: walks every OCFL object in the storage root (file system or S3), validates it with
/// <see cref="OcflValidator"/> (inventories, sidecars, structure, and the digest of every content
/// file, recomputed from the stored bytes), and reports missing, extra and corrupted files with the
/// item and page they belong to. Reads go through one rate limit; nothing is written or repaired.
/// </summary>
public sealed partial class FixityAuditor(IBlobStore store, string rootPrefix = ArchiveKeys.OcflRoot, ILogger? logger = null)
{
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    /// <summary>The storage root's items, for a finding about the root itself.</summary>
    public const string StorageRootItem = "(storage root)";

    public async Task<AuditReport> RunAsync(AuditOptions options, IProgress<AuditProgress>? progress = null, CancellationToken ct = default)
    {
        var started = DateTimeOffset.UtcNow;
        var root = rootPrefix.Trim('/') + "/";
        var throttled = new ThrottledReadStore(store, options.RateLimitMBps);
        var findings = new List<AuditFinding>();

        // One listing of the whole root: which objects there are and how many bytes the progress bar has ahead.
        var objects = new SortedDictionary<string, (int Files, long Bytes)>(StringComparer.Ordinal);
        var rootFiles = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var blob in store.ListAsync(root, ct))
        {
            var rel = blob.Key.Value[root.Length..];
            var slash = rel.IndexOf('/');
            if (slash < 0) { rootFiles.Add(rel); continue; }
            var id = rel[..slash];
            if (options.Items.Count > 0 && !options.Items.Contains(id, StringComparer.Ordinal)) continue;
            objects.TryGetValue(id, out var acc);
            objects[id] = (acc.Files + 1, acc.Bytes + blob.Length);
        }
        foreach (var wanted in options.Items.Where(i => !objects.ContainsKey(i)))
            findings.Add(new AuditFinding(AuditFindingKind.Object, wanted, null, null, null, "E003", $"there is no object '{wanted}' in the storage root"));
        if (objects.Count > 0 && !rootFiles.Contains(OcflRepository.RootDeclaration))
            findings.Add(new AuditFinding(AuditFindingKind.Object, StorageRootItem, null, null, null, "E069", $"the storage root '{rootPrefix}' has no {OcflRepository.RootDeclaration} declaration"));

        // On S3 every derivative blob carries the store's digest; elsewhere pyramids are checked
        // against the digest recorded beside them (StoredPyramids), where there is one.
        var derivatives = new List<BlobInfo>();
        if (options.Derivatives)
        {
            await foreach (var blob in store.ListAsync(ArchiveKeys.DerivativesRoot + "/", ct))
            {
                if (store is not S3BlobStore && !blob.Key.Value.EndsWith(".tif", StringComparison.Ordinal)) continue;
                if (options.DerivativeAudits.Any(a => blob.Key.Value.StartsWith(a.Prefix, StringComparison.Ordinal))) continue;
                var (item, _) = DerivativeOwner(blob.Key);
                if (options.Items.Count == 0 || options.Items.Contains(item, StringComparer.Ordinal)) derivatives.Add(blob);
            }
        }

        var bytesTotal = objects.Values.Sum(o => o.Bytes) + derivatives.Sum(d => d.Length);
        var results = new List<AuditObjectResult>();
        var done = 0;
        var extraChecked = 0;
        string? current = null;
        void Report() => progress?.Report(new AuditProgress(done, objects.Count, throttled.BytesRead, bytesTotal, current));
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        using var stopTicker = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var ticking = Task.Run(async () =>
        {
            try { while (await ticker.WaitForNextTickAsync(stopTicker.Token)) Report(); }
            catch (OperationCanceledException) { }
        }, CancellationToken.None);
        try
        {
            Report();
            foreach (var (id, (files, bytes)) in objects)
            {
                current = id;
                var before = findings.Count;
                var result = await new OcflValidator().ValidateObjectAsync(throttled, root + id, ct);
                findings.AddRange(Classify(id, result));
                results.Add(new AuditObjectResult(id, files, bytes, findings.Count - before, result.Warnings.Count));
                if (findings.Count > before) FixityLog.ObjectFailed(_log, id, findings.Count - before);
                done++;
                Report();
            }
            foreach (var d in derivatives)
            {
                current = d.Key.Value;
                if (await (store is S3BlobStore ? CheckDerivativeAsync(throttled, d.Key, ct) : CheckPyramidAsync(throttled, d.Key, ct)) is { } finding)
                {
                    findings.Add(finding);
                    FixityLog.ObjectFailed(_log, d.Key.Value, 1);
                }
            }
            if (options.Derivatives && options.Items.Count == 0)
            {
                foreach (var audit in options.DerivativeAudits)
                {
                    current = audit.Prefix;
                    var found = await audit.CheckAsync(throttled, ct);
                    extraChecked += found.Checked;
                    findings.AddRange(found.Findings);
                    foreach (var f in found.Findings) FixityLog.ObjectFailed(_log, f.ContentPath ?? f.Item, 1);
                }
            }
        }
        finally
        {
            current = null;
            stopTicker.Cancel();
            await ticking;
        }
        Report();
        var report = new AuditReport(Describe(store), started, DateTimeOffset.UtcNow, results, findings, throttled.BytesRead, derivatives.Count + extraChecked);
        FixityLog.Finished(_log, results.Count, findings.Count, report.BytesVerified);
        return report;
    }

    /// <summary>Reads a derivative through the store's digest check; a finding when its bytes are not the ones written.</summary>
    private static async Task<AuditFinding?> CheckDerivativeAsync(ThrottledReadStore throttled, BlobKey key, CancellationToken ct)
    {
        var (item, page) = DerivativeOwner(key);
        try
        {
            await using var s = await throttled.OpenCheckedReadAsync(key, ct);
            await s.CopyToAsync(Stream.Null, ct);
            return null;
        }
        catch (BlobCorruptedException e)
        {
            return new AuditFinding(AuditFindingKind.Corrupted, item, page, key.Value, null, "QY-DERIVATIVE", e.Message + " Rebuild it from the master.");
        }
        catch (BlobNotFoundException)
        {
            return null; // deleted since the listing: a rebuild in progress, not rot
        }
    }

    /// <summary>A pyramid read and compared with the digest recorded beside it; a finding when they differ.</summary>
    private static async Task<AuditFinding?> CheckPyramidAsync(ThrottledReadStore throttled, BlobKey key, CancellationToken ct)
    {
        var (item, page) = DerivativeOwner(key);
        if (page is null) return null; // not a page's pyramid: nothing recorded to check against
        var damage = await StoredPyramids.FindDamageAsync(throttled, item, page, ct);
        return string.IsNullOrEmpty(damage) ? null
            : new AuditFinding(AuditFindingKind.Corrupted, item, page, key.Value, null, "QY-DERIVATIVE", $"Refusing corrupted blob '{key}': {damage}. Rebuild it from the master.");
    }

    /// <summary>derivatives/QY-RB-001/p001.tif → (QY-RB-001, p001).</summary>
    private static (string Item, string? Page) DerivativeOwner(BlobKey key)
    {
        var parts = key.Value.Split('/');
        return parts.Length >= 3 ? (parts[1], PageOf(parts[^1])) : (key.Value, null);
    }

    /// <summary>
    /// Sorts the validator's errors into missing, extra and corrupted files (with their page) and
    /// object-level problems. A file is recognised by its content path quoted in the message.
    /// </summary>
    private static IEnumerable<AuditFinding> Classify(string id, OcflValidationResult result)
    {
        var seen = new HashSet<(AuditFindingKind, string?)>();
        foreach (var issue in result.Errors)
        {
            var path = QuotedContentPath(issue.Message);
            var kind = (issue.Code, path) switch
            {
                (_, null) => AuditFindingKind.Object,
                ("E023", _) => AuditFindingKind.Extra,
                ("E092" or "E093", _) when issue.Message.Contains("names no file", StringComparison.Ordinal) => AuditFindingKind.Missing,
                ("E092" or "E093", _) when issue.Message.StartsWith("content file '", StringComparison.Ordinal) => AuditFindingKind.Corrupted,
                _ => AuditFindingKind.Object,
            };
            // The same missing file is reported once per inventory that names it; once is enough here.
            if (kind != AuditFindingKind.Object && !seen.Add((kind, path))) continue;
            var logical = path is null ? null : ContentPrefix().Replace(path, "");
            yield return new AuditFinding(kind, id, logical is null ? null : PageOf(logical), path, logical, issue.Code, issue.Message);
        }
    }

    /// <summary>The first quoted "vN/…" path in a validator message.</summary>
    private static string? QuotedContentPath(string message)
    {
        var m = QuotedVersionPath().Match(message);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The page a logical path belongs to (master/p001.tif, ocr/p001.hocr → p001), or null (metadata.json).</summary>
    internal static string? PageOf(string logicalPath)
    {
        var m = PageName().Match(logicalPath[(logicalPath.LastIndexOf('/') + 1)..]);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static string Describe(IBlobStore s) => s switch
    {
        S3BlobStore s3 => $"s3://{s3.Bucket} at {s3.Endpoint}",
        FileSystemBlobStore fs => fs.Root,
        _ => s.GetType().Name,
    };

    [GeneratedRegex(@"'(v\d+/[^']+)'")]
    private static partial Regex QuotedVersionPath();

    [GeneratedRegex(@"^v\d+/[^/]+/")]
    private static partial Regex ContentPrefix();

    [GeneratedRegex(@"^(p\d{3,4})(\.|$)")]
    private static partial Regex PageName();
}

/// <summary>Structured log events of the audit.</summary>
internal static partial class FixityLog
{
    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Audit: {Item} has {Errors} error(s)")]
    public static partial void ObjectFailed(ILogger logger, string item, int errors);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Information, Message = "Audit finished: {Objects} objects, {Errors} error(s), {Bytes} bytes verified")]
    public static partial void Finished(ILogger logger, int objects, int errors, long bytes);
}
