namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// Who made a version, when and why: the <c>created</c>, <c>message</c> and <c>user</c> keys of a
/// version block (https://ocfl.io/1.1/spec/#version).
/// </summary>
/// <param name="Message">Why the version was made (e.g. "ingest", "corrected OCR of p012").</param>
/// <param name="UserName">The person or agent, required by the spec when a user is given.</param>
/// <param name="UserAddress">A URI for the user, e.g. <c>mailto:curator@qylib.cn</c>; the spec says it should be a URI.</param>
/// <param name="Created">When; stored as RFC 3339 in UTC.</param>
public sealed record OcflVersionInfo(string Message, string UserName, string? UserAddress, DateTimeOffset Created);
