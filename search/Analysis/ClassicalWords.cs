using System.Collections.Concurrent;
using System.Reflection;
using Lucene.Net.Analysis.Cn.Smart;
using QyHeritage.Archive.Dates;
using QyHeritage.Search.Folding;

namespace QyHeritage.Search.Analysis;

/// <summary>
/// The words <see cref="WordTokenizer"/> takes from classical text, by forward longest match instead of SmartCn's
/// segmentation: the words of two characters or more of SmartCn's own dictionary, and the names of the archive's reign
/// tables (eras and dynasties: 乾隆, 雍正, 北宋), folded. A dictionary lookup per character and word length, where
/// SmartCn builds and scores a graph of every dictionary word and word pair (about 1 µs and 1 kB per character).
/// </summary>
/// <remarks>
/// SmartCn keeps its dictionary internal; it is read once through reflection (Lucene.Net.Analysis.SmartCn
/// 4.8.0-beta00017). Should a later version hide it otherwise, <see cref="For"/> answers null and classical text is
/// segmented by SmartCn like the rest: slower, never wrong.
/// </remarks>
public sealed class ClassicalWords
{
    private static readonly ConcurrentDictionary<string, ClassicalWords?> ByFolding = new(StringComparer.Ordinal);

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    // The longest word starting with each two UTF-16 units (most places start none: one lookup, no more).
    private readonly Dictionary<int, int> _longestAfter = [];

    /// <summary>The longest word, in UTF-16 units (longer dictionary entries are left out).</summary>
    public const int Longest = 8;

    private ClassicalWords(IEnumerable<string> words, FoldingTable folding)
    {
        var set = words
            .Concat(ReignTable.Eras.SelectMany(e => new[] { e.Name, e.Simplified }))
            .Concat(ReignTable.Dynasties.SelectMany(d => new[] { d.Name, d.Simplified }))
            .Select(folding.Fold)
            .Where(w => w.Length <= Longest && w.EnumerateRunes().Count() >= 2 && ContainsQueryBuilder.IsHan(w))
            .ToHashSet(StringComparer.Ordinal);
        Count = set.Count;
        _lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var w in set)
        {
            var key = w[0] << 16 | w[1];
            _longestAfter[key] = Math.Max(w.Length, _longestAfter.GetValueOrDefault(key));
        }
    }

    /// <summary>How many words the dictionary holds.</summary>
    public int Count { get; }

    /// <summary>The dictionary for a folding table, or null when SmartCn's dictionary cannot be read.</summary>
    public static ClassicalWords? For(FoldingTable folding) =>
        ByFolding.GetOrAdd(folding.Version, _ => SmartCnWords() is { } words ? new ClassicalWords(words, folding) : null);

    /// <summary>The length (UTF-16 units) of the longest word <paramref name="text"/> starts with; 0 when none.</summary>
    public int LongestAt(ReadOnlySpan<char> text)
    {
        if (text.Length < 2 || !_longestAfter.TryGetValue(text[0] << 16 | text[1], out var longest)) return 0;
        for (var length = Math.Min(longest, text.Length); length >= 2; length--)
            if (_lookup.Contains(text[..length])) return length;
        return 0;
    }

    // SmartCn's WordDictionary: for each character its table slot (GetWordItemTableIndex), the slot's row
    // (wordIndexTable), and the row's words without their first character (wordItem_charArrayTable).
    private static List<string>? SmartCnWords()
    {
        try
        {
            const BindingFlags Any = BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;
            var type = typeof(SmartChineseAnalyzer).Assembly.GetType("Lucene.Net.Analysis.Cn.Smart.Hhmm.WordDictionary");
            var dictionary = type?.GetMethod("GetInstance", Any)?.Invoke(null, null);
            if (type is null || dictionary is null) return null;
            var slotOf = type.GetMethod("GetWordItemTableIndex", Any, [typeof(char)]);
            if (slotOf is null || type.GetField("wordIndexTable", Any)?.GetValue(dictionary) is not short[] rows
                || type.GetField("wordItem_charArrayTable", Any)?.GetValue(dictionary) is not char[][][] table) return null;
            var words = new List<string>();
            for (var c = '\u3400'; c < '\uFFFF'; c++)
            {
                if (!char.IsLetter(c) || slotOf.Invoke(dictionary, [c]) is not short slot || slot < 0 || slot >= rows.Length) continue;
                var row = rows[slot];
                if (row < 0 || row >= table.Length || table[row] is not { } entries) continue;
                foreach (var rest in entries)
                    if (rest is { Length: > 0 }) words.Add(c + new string(rest));
            }
            return words.Count > 0 ? words : null;
        }
        catch (Exception e) when (e is TargetInvocationException or MemberAccessException or InvalidCastException)
        {
            return null;
        }
    }
}
