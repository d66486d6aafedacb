namespace QyHeritage.Archive.Ocfl;

/// <summary>One version of an object as its root inventory describes it.</summary>
/// <param name="ObjectId">The OCFL object id (our catalogue id, e.g. QY-RB-001).</param>
/// <param name="Version">The version number (1, 2, ...).</param>
/// <param name="HeadVersion">The object's newest version number.</param>
/// <param name="DigestAlgorithm">Algorithm of the digests in <paramref name="Files"/>: sha512 for objects we write.</param>
/// <param name="Files">Logical path to digest (lowercase hex), ordinal order.</param>
/// <param name="Info">Message, user and time of the version; empty strings where the inventory has none.</param>
public sealed record OcflObjectState(
    string ObjectId,
    int Version,
    int HeadVersion,
    string DigestAlgorithm,
    IReadOnlyDictionary<string, string> Files,
    OcflVersionInfo Info);
