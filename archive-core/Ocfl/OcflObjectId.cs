namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// Object ids this repository accepts. The storage root uses the flat direct layout
/// (https://ocfl.io/extensions/0002-flat-direct-storage-layout.html): the id is the object's
/// folder name, so it must be one safe key segment, the same on a file system and in S3.
/// Catalogue ids such as <c>QY-RB-001</c> fit.
/// </summary>
public static class OcflObjectId
{
    /// <summary>Longest id; well under a file name's 255 bytes.</summary>
    public const int MaxLength = 100;

    /// <summary>Names at the storage root that are not objects (https://ocfl.io/1.1/spec/#root-structure).</summary>
    private static readonly string[] Reserved = ["extensions", "ocfl_layout.json"];

    /// <summary>Why <paramref name="id"/> cannot be an object id here, or null when it can.</summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "the object id is empty";
        if (id.Length > MaxLength) return $"the object id is longer than {MaxLength} characters";
        if (!char.IsAsciiLetterOrDigit(id[0])) return "the object id must start with a letter or digit";
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                return $"the object id may hold only ASCII letters, digits, '-', '_' and '.', not '{c}'";
        }
        if (Reserved.Contains(id, StringComparer.OrdinalIgnoreCase)) return $"'{id}' is a reserved name in the storage root";
        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the problem.</summary>
    public static void Check(string? id)
    {
        if (Problem(id) is { } p) throw new ArgumentException($"Invalid OCFL object id '{id}': {p}.", nameof(id));
    }
}
