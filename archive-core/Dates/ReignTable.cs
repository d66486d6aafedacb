using System.Globalization;

namespace QyHeritage.Archive.Dates;

/// <summary>
/// The reign table (eras.tsv) and its dynasties (dynasties.tsv), embedded in the assembly and read once.
/// The files are data checked in with the code; a malformed row is a bug in the build, so it throws on
/// first use rather than returning an error value.
/// </summary>
public static class ReignTable
{
    private static readonly Lazy<Tables> Loaded = new(Load);

    /// <summary>Every era, in file order (by dynasty, then by first year).</summary>
    public static IReadOnlyList<ReignEra> Eras => Loaded.Value.Eras;

    /// <summary>Every dynasty, in file order.</summary>
    public static IReadOnlyList<Dynasty> Dynasties => Loaded.Value.Dynasties;

    /// <summary>The dynasty that owns an era.</summary>
    public static Dynasty DynastyOf(ReignEra era) => Loaded.Value.ByName[era.Dynasty];

    /// <summary>Eras written with this name (traditional, simplified or a folded variant); empty when none.</summary>
    public static IReadOnlyList<ReignEra> FindEras(string name) =>
        Loaded.Value.ErasByKey.TryGetValue(DateTextFolding.Fold(name), out var list) ? list : [];

    /// <summary>Dynasties written with this name or alias; empty when none.</summary>
    public static IReadOnlyList<Dynasty> FindDynasties(string name) =>
        Loaded.Value.DynastiesByKey.TryGetValue(DateTextFolding.Fold(name), out var list) ? list : [];

    /// <summary>Every written form of an era name the parser looks for.</summary>
    internal static IEnumerable<string> EraKeys => Loaded.Value.ErasByKey.Keys;

    /// <summary>Every written form of a dynasty prefix the parser looks for.</summary>
    internal static IEnumerable<string> DynastyKeys => Loaded.Value.DynastiesByKey.Keys;

    private sealed record Tables(
        IReadOnlyList<ReignEra> Eras,
        IReadOnlyList<Dynasty> Dynasties,
        IReadOnlyDictionary<string, Dynasty> ByName,
        IReadOnlyDictionary<string, List<ReignEra>> ErasByKey,
        IReadOnlyDictionary<string, List<Dynasty>> DynastiesByKey);

    private static Tables Load()
    {
        var dynasties = new List<Dynasty>();
        foreach (var (line, f) in Rows("dynasties.tsv", 8))
        {
            dynasties.Add(new Dynasty(f[0], f[1], f[2], f[3].Split(' ', StringSplitOptions.RemoveEmptyEntries),
                f[4] switch { "main" => true, "parallel" => false, _ => throw Bad("dynasties.tsv", line, "regime must be main or parallel") },
                f[5] switch { "gregorian" => true, "lunar" => false, _ => throw Bad("dynasties.tsv", line, "calendar must be lunar or gregorian") },
                Year(f[6], "dynasties.tsv", line), Year(f[7], "dynasties.tsv", line)));
        }
        var byName = dynasties.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var eras = new List<ReignEra>();
        foreach (var (line, f) in Rows("eras.tsv", 6))
        {
            if (!byName.ContainsKey(f[0])) throw Bad("eras.tsv", line, $"dynasty {f[0]} is not in dynasties.tsv");
            eras.Add(new ReignEra(f[0], f[1], f[2], Year(f[3], "eras.tsv", line),
                f[4].Length == 0 ? null : Year(f[4], "eras.tsv", line), f[5]));
        }
        var eraKeys = new Dictionary<string, List<ReignEra>>(StringComparer.Ordinal);
        foreach (var era in eras)
        {
            foreach (var key in new[] { era.Name, era.Simplified }.Select(DateTextFolding.Fold).Distinct(StringComparer.Ordinal))
            {
                if (!eraKeys.TryGetValue(key, out var list)) eraKeys[key] = list = [];
                list.Add(era);
            }
        }
        var dynastyKeys = new Dictionary<string, List<Dynasty>>(StringComparer.Ordinal);
        foreach (var d in dynasties)
        {
            foreach (var key in new[] { d.Name, d.Simplified }.Concat(d.Aliases).Select(DateTextFolding.Fold).Distinct(StringComparer.Ordinal))
            {
                if (!dynastyKeys.TryGetValue(key, out var list)) dynastyKeys[key] = list = [];
                list.Add(d);
            }
        }
        return new Tables(eras, dynasties, byName, eraKeys, dynastyKeys);
    }

    private static IEnumerable<(int Line, string[] Fields)> Rows(string file, int columns)
    {
        using var stream = typeof(ReignTable).Assembly.GetManifestResourceStream("QyHeritage.Archive.Dates." + file)
            ?? throw new InvalidOperationException($"the embedded resource {file} is missing from the assembly");
        using var reader = new StreamReader(stream);
        var line = 0;
        var headerSeen = false;
        var rows = new List<(int, string[])>();
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0 || text.StartsWith('#')) continue;
            var fields = text.Split('\t');
            if (fields.Length != columns) throw Bad(file, line, $"expected {columns} tab-separated columns, found {fields.Length}");
            if (!headerSeen) { headerSeen = true; continue; }
            rows.Add((line, fields));
        }
        return rows;
    }

    private static int Year(string text, string file, int line) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var y) && y != 0
            ? y
            : throw Bad(file, line, $"'{text}' is not a year (an integer, negative for BCE, never 0)");

    private static InvalidDataException Bad(string file, int line, string message) => new($"{file} line {line}: {message}");
}
