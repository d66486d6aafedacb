namespace QyHeritage.Archive.Ocfl;

/// <summary>One finding, with its code from https://ocfl.io/1.1/spec/validation-codes.html (E040, W004, ...).</summary>
public sealed record OcflValidationIssue(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>
/// What validation found. Errors break a MUST of the spec (the object is not valid OCFL);
/// warnings break a SHOULD.
/// </summary>
public sealed record OcflValidationResult(IReadOnlyList<OcflValidationIssue> Errors, IReadOnlyList<OcflValidationIssue> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Collects findings while one object is checked; the same finding is kept once.</summary>
internal sealed class OcflIssues
{
    private readonly List<OcflValidationIssue> _errors = [];
    private readonly List<OcflValidationIssue> _warnings = [];
    private readonly HashSet<OcflValidationIssue> _seen = [];

    public void Error(string code, string message) { if (_seen.Add(new(code, message))) _errors.Add(new(code, message)); }

    public void Warning(string code, string message) { if (_seen.Add(new(code, message))) _warnings.Add(new(code, message)); }

    public int ErrorCount => _errors.Count;

    public IReadOnlyList<OcflValidationIssue> Errors => _errors;

    public OcflValidationResult ToResult() => new(_errors.ToArray(), _warnings.ToArray());
}
