using System.Collections.Frozen;
using System.Text;
using Lucene.Net.Analysis.CharFilters;

namespace QyHeritage.Search.Folding;

/// <summary>
/// The one folding step applied identically to indexed text and to queries: full-width → half-width,
/// variant characters (異體字) → their standard form, traditional → simplified. Character by character
/// (never by phrase), so folding a substring gives a substring of the folded text: any substring a
/// researcher types is found wherever it occurs (see README.md beside this file for the policy).
/// </summary>
public sealed class FoldingTable
{
    private const string ResourceName = "QyHeritage.Search.folding-table.tsv";
    private static readonly Lazy<FoldingTable> DefaultTable = new(LoadDefault);

    private readonly FrozenDictionary<int, string> _map;
    private readonly FrozenDictionary<int, string> _alternatives;
    private readonly Lazy<NormalizeCharMap> _charMap;

    private FoldingTable(Dictionary<int, string> map, Dictionary<int, string> alternatives, string version)
    {
        Version = version;
        _map = map.ToFrozenDictionary();
        _alternatives = alternatives.ToFrozenDictionary();
        _charMap = new Lazy<NormalizeCharMap>(BuildCharMap);
    }

    /// <summary>The table generated from Unihan and OpenCC and embedded in this assembly.</summary>
    public static FoldingTable Default => DefaultTable.Value;

    /// <summary>Identifies the table's content (a digest of the embedded file): an index built with another table is stale.</summary>
    public string Version { get; }

    /// <summary>How many characters the table folds to another.</summary>
    public int Count => _map.Count;

    /// <summary>The same table as a Lucene char-filter map (for <see cref="MappingCharFilter"/>).</summary>
    public NormalizeCharMap CharMap => _charMap.Value;

    /// <summary>Folds one character (a Unicode scalar value); characters not in the table stay.</summary>
    public string Fold(Rune c) => _map.TryGetValue(c.Value, out var to) ? to : c.ToString();

    /// <summary>Folds a text character by character. The result has one character per input character.</summary>
    public string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Indexing folds every page once: runes are copied as UTF-16 units, no string per character.
        var sb = new StringBuilder(text.Length);
        Span<char> units = stackalloc char[2];
        foreach (var r in text.EnumerateRunes())
        {
            if (_map.TryGetValue(r.Value, out var to)) sb.Append(to);
            else sb.Append(units[..r.EncodeToUtf16(units)]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The other folded characters a folded character may stand for: characters that are both a
    /// traditional form and a simplified character of their own are kept (乾 stays 乾, so 乾隆 stays
    /// 乾隆), and a query for 干 also looks for 乾, a query for 于 also for 於. Empty for most characters.
    /// </summary>
    public IReadOnlyList<string> AlternativesOf(Rune folded) =>
        _alternatives.TryGetValue(folded.Value, out var alts) ? alts.EnumerateRunes().Select(r => r.ToString()).ToArray() : [];

    /// <summary>Parses the table format (M/A rows; see the header of folding-table.tsv).</summary>
    public static FoldingTable Parse(TextReader reader, string version = "custom")
    {
        var map = new Dictionary<int, string>();
        var alternatives = new Dictionary<int, string>();
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (f.Length < 3 || !Rune.TryGetRuneAt(f[1], 0, out var from) || from.Utf16SequenceLength != f[1].Length)
                throw new FormatException($"folding table line {lineNo}: expected 'M<TAB>char<TAB>char' or 'A<TAB>char<TAB>chars'");
            switch (f[0])
            {
                case "M": map[from.Value] = f[2]; break;
                case "A": alternatives[from.Value] = f[2]; break;
                default: throw new FormatException($"folding table line {lineNo}: unknown row kind '{f[0]}'");
            }
        }
        return new FoldingTable(map, alternatives, version);
    }

    private static FoldingTable LoadDefault()
    {
        using var stream = typeof(FoldingTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded folding table {ResourceName} is missing.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        return Parse(reader, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16]);
    }

    private NormalizeCharMap BuildCharMap()
    {
        var builder = new NormalizeCharMap.Builder();
        foreach (var (from, to) in _map) builder.Add(char.ConvertFromUtf32(from), to);
        return builder.Build();
    }
}
