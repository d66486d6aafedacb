namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// One file of an object's logical state (https://ocfl.io/1.1/spec/#logical-state): where it
/// appears (e.g. <c>master/p001.tif</c>) and how to read its bytes.
/// </summary>
/// <param name="LogicalPath">'/'-separated path inside the object; see <see cref="OcflPaths"/> for the rules.</param>
/// <param name="Open">
/// Opens the bytes from the start. It is called up to twice per commit (once to compute the
/// digest, once to store new content) and must return the same bytes each time: a commit fails
/// rather than store bytes that do not match the digest it recorded.
/// </param>
public sealed record OcflContent(string LogicalPath, Func<CancellationToken, Task<Stream>> Open)
{
    /// <summary>Content from bytes already in memory (small files such as <c>metadata.json</c>).</summary>
    public static OcflContent FromBytes(string logicalPath, ReadOnlyMemory<byte> bytes) =>
        new(logicalPath, _ => Task.FromResult<Stream>(new MemoryStream(bytes.ToArray(), writable: false)));

    /// <summary>Content from a file on the local disk, read streaming.</summary>
    public static OcflContent FromFile(string logicalPath, string path) =>
        new(logicalPath, _ => Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan)));
}
