namespace QyHeritage.Archive.Ocfl;

/// <summary>What a commit did.</summary>
/// <param name="Changed">False when the state equalled the head version and no version was made.</param>
/// <param name="Version">The object's head version number after the commit (1, 2, ...).</param>
/// <param name="FilesWritten">Content files stored; bytes already in the object are never stored twice.</param>
public sealed record OcflCommitResult(bool Changed, int Version, int FilesWritten);
