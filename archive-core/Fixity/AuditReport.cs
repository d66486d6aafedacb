using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Fixity;

/// <summary>What a finding is about.</summary>
public enum AuditFindingKind
{
    /// <summary>A file the inventory names is not in storage.</summary>
    Missing,

    /// <summary>A file is in an object's content but no inventory names it.</summary>
    Extra,

    /// <summary>A file's bytes do not have the digest the inventory gives (or, for a derivative, the one recorded when it was written).</summary>
    Corrupted,

    /// <summary>The object itself does not add up: inventory, sidecar, declaration, version folders.</summary>
    Object,
}

/// <summary>
/// One error found in one object. <see cref="Item"/> is the OCFL object id (the catalogue id);
/// <see cref="Page"/> the page name (p001) when the file belongs to a page.
/// </summary>
public sealed record AuditFinding(
    AuditFindingKind Kind,
    string Item,
    string? Page,
    string? ContentPath,
    string? LogicalPath,
    string Code,
    string Message);

/// <summary>One object's result.</summary>
public sealed record AuditObjectResult(string Item, int Files, long Bytes, int Errors, int Warnings);

/// <summary>The whole audit: every object walked, every finding, and how much was read.</summary>
public sealed record AuditReport(
    string Store,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    IReadOnlyList<AuditObjectResult> Objects,
    IReadOnlyList<AuditFinding> Findings,
    long BytesVerified,
    int DerivativesChecked = 0)
{
    public bool Ok => Findings.Count == 0;

    public int Count(AuditFindingKind kind) => Findings.Count(f => f.Kind == kind);

    /// <summary>MB/s of content read and digested (wall time of the whole audit).</summary>
    public double MegabytesPerSecond
    {
        get
        {
            var seconds = (Finished - Started).TotalSeconds;
            return seconds <= 0 ? 0 : BytesVerified / 1e6 / seconds;
        }
    }
}

/// <summary>Where an audit is: objects done of all, bytes read of all, the object being read.</summary>
public sealed record AuditProgress(int ObjectsDone, int ObjectsTotal, long BytesDone, long BytesTotal, string? Current);

/// <summary>How an audit runs.</summary>
public sealed record AuditOptions
{
    /// <summary>Most MB/s of content to read (so an audit can run beside live traffic); 0 or less for no limit.</summary>
    public double RateLimitMBps { get; init; }

    /// <summary>
    /// Also check derivatives (pyramids) against the digest recorded when they were written. Only the
    /// S3 store records one; on the file system derivatives carry no digest and are not checked.
    /// </summary>
    public bool Derivatives { get; init; } = true;

    /// <summary>Audit only these objects (ids); empty for every object in the storage root.</summary>
    public IReadOnlyList<string> Items { get; init; } = [];

    /// <summary>
    /// Derivatives that keep their own record of digests (the halls: <c>derivatives/halls/</c>), checked by their owner
    /// with <see cref="Derivatives"/> on and no <see cref="Items"/> given; the generic derivative pass skips their prefix.
    /// </summary>
    public IReadOnlyList<DerivativeAudit> DerivativeAudits { get; init; } = [];
}

/// <summary>
/// A kind of derivative that records the digests of its blobs itself (<paramref name="Prefix"/>, e.g.
/// <c>derivatives/halls/</c>): <paramref name="CheckAsync"/> reads them through the store it is given (the audit's,
/// rate-limited and counted) and answers with what it checked and found.
/// </summary>
public sealed record DerivativeAudit(string Prefix, Func<IBlobStore, CancellationToken, Task<DerivativeAuditResult>> CheckAsync);

/// <param name="Checked">Blobs read and compared with their recorded digest.</param>
public sealed record DerivativeAuditResult(int Checked, IReadOnlyList<AuditFinding> Findings);
