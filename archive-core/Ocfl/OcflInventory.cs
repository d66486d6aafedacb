namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// An inventory (https://ocfl.io/1.1/spec/#inventory) as a model: what <see cref="OcflInventoryParser"/>
/// reads and <see cref="OcflInventoryWriter"/> writes. Digest keys keep the case the file has, since
/// state keys must match manifest keys exactly (E050).
/// </summary>
internal sealed record OcflInventory
{
    /// <summary>The <c>type</c> of an OCFL 1.1 inventory (https://ocfl.io/1.1/spec/#inventory-structure).</summary>
    public const string Type11 = "https://ocfl.io/1.1/spec/#inventory";
    public const string Type10 = "https://ocfl.io/1.0/spec/#inventory";
    public const string DefaultContentDirectory = "content";

    public required string Id { get; init; }
    public string Type { get; init; } = Type11;
    public required string DigestAlgorithm { get; init; }
    public required string Head { get; init; }
    /// <summary>As written in the file; null when absent (then the content directory is "content").</summary>
    public string? ContentDirectory { get; init; }
    /// <summary>Digest to content paths (relative to the object root).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Manifest { get; init; }
    /// <summary>Versions in number order.</summary>
    public required IReadOnlyList<OcflInventoryVersion> Versions { get; init; }
    /// <summary>Algorithm to digest to content paths; carried forward unchanged by the writer.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Fixity { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();

    public string EffectiveContentDirectory => ContentDirectory ?? DefaultContentDirectory;

    public OcflInventoryVersion? Version(int number) => Versions.FirstOrDefault(v => v.Number == number);

    public OcflInventoryVersion HeadVersion => Versions[^1];

    /// <summary>Content path to digest, from the manifest.</summary>
    public Dictionary<string, string> DigestByContentPath()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (digest, paths) in Manifest)
            foreach (var p in paths) map.TryAdd(p, digest);
        return map;
    }
}

/// <summary>One version block (https://ocfl.io/1.1/spec/#version).</summary>
internal sealed record OcflInventoryVersion
{
    public required string Name { get; init; }
    public required int Number { get; init; }
    public required string Created { get; init; }
    public string? Message { get; init; }
    public string? UserName { get; init; }
    public string? UserAddress { get; init; }
    /// <summary>Digest to logical paths.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> State { get; init; }

    /// <summary>Logical path to digest.</summary>
    public SortedDictionary<string, string> Files()
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (digest, paths) in State)
            foreach (var p in paths) map.TryAdd(p, digest);
        return map;
    }
}
