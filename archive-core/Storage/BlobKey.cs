namespace QyHeritage.Archive.Storage;

/// <summary>
/// A validated key in a blob store: '/'-separated segments of printable UTF-8, never able to
/// address anything outside the store root. Every store implementation receives only these.
/// </summary>
public readonly record struct BlobKey
{
    /// <summary>Longest key accepted; S3 allows 1024 bytes, file systems 4096.</summary>
    public const int MaxLength = 1024;

    /// <summary>Longest single segment; most file systems allow 255 bytes per name.</summary>
    public const int MaxSegmentBytes = 255;

    public string Value { get; }

    private BlobKey(string value) => Value = value;

    /// <summary>Parses a key, or says in plain words why it is refused.</summary>
    public static bool TryParse(string? candidate, out BlobKey key, out string? error)
    {
        key = default;
        error = Validate(candidate);
        if (error is not null) return false;
        key = new BlobKey(candidate!);
        return true;
    }

    /// <summary>Parses a key or throws <see cref="InvalidBlobKeyException"/> naming the problem.</summary>
    public static BlobKey Parse(string? candidate) =>
        TryParse(candidate, out var key, out var error) ? key : throw new InvalidBlobKeyException(candidate, error!);

    /// <summary>Joins already-valid keys or plain segments with '/'.</summary>
    public static BlobKey Combine(params string[] parts) => Parse(string.Join('/', parts.Select(p => p.Trim('/'))));

    public BlobKey Append(string relative) => Combine(Value, relative);

    /// <summary>The key's last segment.</summary>
    public string Name => Value[(Value.LastIndexOf('/') + 1)..];

    public override string ToString() => Value;

    private static string? Validate(string? k)
    {
        if (string.IsNullOrEmpty(k)) return "the key is empty";
        if (k.Length > MaxLength) return $"the key is longer than {MaxLength} characters";
        if (k[0] == '/') return "the key is an absolute path (starts with '/')";
        if (k.EndsWith('/')) return "the key ends with '/'";
        foreach (var c in k)
        {
            if (c == '\0') return "the key contains a NUL character";
            if (c == '\\') return "the key contains a backslash";
            if (char.IsControl(c)) return "the key contains a control character";
            if (char.IsSurrogate(c)) { /* checked below as a whole */ }
        }
        if (!IsWellFormedUtf16(k)) return "the key is not valid Unicode text";
        if (k.Length >= 2 && k[1] == ':' && char.IsAsciiLetter(k[0])) return "the key looks like a drive path";
        if (k == ".qytmp" || k.StartsWith(".qytmp/", StringComparison.Ordinal)) return "the key uses the store's reserved folder '.qytmp'";
        foreach (var segment in k.Split('/'))
        {
            if (segment.Length == 0) return "the key contains an empty segment ('//')";
            if (segment is "." or "..") return $"the key contains a '{segment}' segment";
            if (System.Text.Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
                return $"a key segment is longer than {MaxSegmentBytes} bytes";
        }
        return null;
    }

    private static bool IsWellFormedUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(s[i])) return false;
        }
        return true;
    }
}

/// <summary>A key was refused before it reached storage.</summary>
public sealed class InvalidBlobKeyException(string? key, string reason)
    : ArgumentException($"Invalid storage key '{Printable(key)}': {reason}.")
{
    public string Reason { get; } = reason;

    private static string Printable(string? key) =>
        key is null ? "" : new string(key.Take(120).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
