namespace QyHeritage.Archive.Imaging;

/// <summary>
/// A master that cannot become a derivative. Thrown for that one page only, so ingest can record
/// it and carry on with the others; anything else thrown by the imaging step is a bug or an
/// environment failure (disk full, cancelled), not a bad master.
/// </summary>
public sealed class MasterRejectedException : Exception
{
    public MasterRejectedException(string masterPath, RejectionReason reason, string detail, Exception? inner = null)
        : base($"Master '{masterPath}' refused ({reason}): {detail}", inner)
    {
        MasterPath = masterPath;
        Reason = reason;
        Detail = detail;
    }

    /// <summary>The refused file.</summary>
    public string MasterPath { get; }

    /// <summary>The category of refusal.</summary>
    public RejectionReason Reason { get; }

    /// <summary>The reason in plain words, without the file name.</summary>
    public string Detail { get; }
}
