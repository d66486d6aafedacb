namespace QyHeritage.Archive.Fixity;

/// <summary>
/// One fixity audit at a time per data folder, across processes: the host's scheduled audit and <c>qy audit</c> take
/// turns through an exclusive lock on <c>data/audit/audit.lock</c> (an advisory <c>flock</c> on Linux, released when
/// the holder ends, however it ends). Two audits at once would read every master twice and race for the report.
/// </summary>
public sealed class AuditTurn : IDisposable
{
    private readonly FileStream _lock;

    private AuditTurn(FileStream held) => _lock = held;

    /// <summary>The lock file of a data folder.</summary>
    public static string LockPathIn(string dataFolder) => Path.Combine(dataFolder, "audit", "audit.lock");

    /// <summary>The turn, or null while another audit (in this process or another) holds it.</summary>
    public static AuditTurn? TryTake(string dataFolder)
    {
        var path = LockPathIn(dataFolder);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            return new AuditTurn(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    public void Dispose() => _lock.Dispose();
}
