namespace QyHeritage.Archive.Ingest;

/// <summary>
/// An exclusive lock on one OCFL object for the processes sharing a data folder: a lock file held
/// open without sharing (on Linux .NET takes an advisory flock, released if the process dies).
/// </summary>
internal sealed class ObjectWriterLock : IDisposable
{
    private readonly FileStream _file;

    private ObjectWriterLock(FileStream file) => _file = file;

    public static async Task<ObjectWriterLock> AcquireAsync(string workFolder, string objectId, CancellationToken ct)
    {
        var dir = Path.Combine(workFolder, "locks");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, objectId + ".lock");
        while (true)
        {
            try
            {
                return new ObjectWriterLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                // Another process is committing this object; commits take well under a second.
                await Task.Delay(50, ct);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
