namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// Another writer claimed the same version of the object first (its version inventory is there):
/// this commit wrote nothing and published nothing. Read the new head and commit again if still needed.
/// </summary>
public sealed class OcflConcurrentCommitException(string objectId, string version)
    : IOException($"另一个写入者已先提交 OCFL 对象 '{objectId}' 的 {version}，本次提交未写入任何内容。 / Another writer is committing or has committed {version} of OCFL object '{objectId}'; this commit wrote nothing. Read the new head and commit again if still needed.")
{
    public string ObjectId { get; } = objectId;

    public string Version { get; } = version;
}
