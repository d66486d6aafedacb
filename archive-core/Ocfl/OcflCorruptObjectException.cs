namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// An object's root inventory cannot be trusted (unreadable JSON, broken rules, a sidecar that
/// matches nothing). The repository refuses to read or extend such an object rather than guess;
/// <see cref="OcflValidator"/> says what exactly is wrong.
/// </summary>
public sealed class OcflCorruptObjectException(string objectId, string reason)
    : IOException($"OCFL object '{objectId}' is not usable: {reason}")
{
    public string ObjectId { get; } = objectId;
}
