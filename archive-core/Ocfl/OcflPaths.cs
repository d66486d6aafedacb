using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// Rules for logical paths (https://ocfl.io/1.1/spec/#logical-state, E051–E053, E095) and content
/// paths (https://ocfl.io/1.1/spec/#manifest, E098–E101). Each check returns the validation code and a
/// reason, or null when the path is fine, so the validator reports and the writer refuses with the same words.
/// </summary>
public static class OcflPaths
{
    /// <summary>Why a logical path breaks the spec (E053 slashes at the ends, E052 empty, '.' or '..' elements), or null.</summary>
    public static (string Code, string Reason)? LogicalPathError(string path) => PathError(path, "E053", "E052", "logical path");

    /// <summary>Why a content path breaks the spec (E100 slashes at the ends, E099 empty, '.' or '..' elements), or null.</summary>
    public static (string Code, string Reason)? ContentPathError(string path) => PathError(path, "E100", "E099", "content path");

    /// <summary>
    /// Refusal reasons for a state the writer is given: the spec's rules, uniqueness and
    /// non-conflict (E095: <c>a</c> and <c>a/b</c> cannot both be files), plus what our blob keys
    /// cannot hold (backslashes, control characters, segments over 255 bytes) since the first
    /// logical path of new content becomes part of its storage key.
    /// </summary>
    public static IReadOnlyList<string> WriterProblems(IEnumerable<string> logicalPaths)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in logicalPaths)
        {
            if (path is null) { problems.Add("a logical path is null"); continue; }
            if (LogicalPathError(path) is { } e) { problems.Add($"'{path}': {e.Reason} ({e.Code})"); continue; }
            if (!BlobKey.TryParse(path, out _, out var keyError)) { problems.Add($"'{path}': cannot be stored: {keyError}"); continue; }
            if (!seen.Add(path)) problems.Add($"'{path}' appears twice (E095)");
        }
        problems.AddRange(Conflicts(seen).Select(c => $"'{c.File}' is a file and also a folder of '{c.Other}' (E095)"));
        return problems;
    }

    /// <summary>Pairs where one path is used as a folder of another (https://ocfl.io/1.1/spec/#E095, #E101).</summary>
    public static IEnumerable<(string File, string Other)> Conflicts(IEnumerable<string> uniquePaths)
    {
        var all = new HashSet<string>(uniquePaths, StringComparer.Ordinal);
        foreach (var p in all)
        {
            // Every proper prefix ending at a '/' is a folder of p; a file there is a conflict.
            for (var i = p.IndexOf('/'); i > 0; i = p.IndexOf('/', i + 1))
            {
                var folder = p[..i];
                if (all.Contains(folder)) yield return (folder, p);
            }
        }
    }

    private static (string, string)? PathError(string path, string slashCode, string elementCode, string what)
    {
        if (path.Length == 0) return (elementCode, $"the {what} is empty");
        if (path[0] == '/' || path[^1] == '/') return (slashCode, $"the {what} begins or ends with '/'");
        foreach (var element in path.Split('/'))
        {
            if (element.Length == 0) return (elementCode, $"the {what} has an empty element ('//')");
            if (element is "." or "..") return (elementCode, $"the {what} has a '{element}' element");
        }
        return null;
    }
}
